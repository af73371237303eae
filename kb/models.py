"""Django loads an app's models from `kb.models`; the knowledge base's models live in the domain
package (kb.domain.models)."""

from kb.domain.models import *  # noqa: F401,F403
