"""Django loads an app's models from `kb.models`; the knowledge base's models live in the domain
package (kb.domain.models, and the site-wide call to action in kb.domain.calls_to_action). The
registry of a case study's parts (kb.domain.parts) registers its revision history here, before
the admin's history pages look for it."""

from kb.domain.calls_to_action import CallToAction  # noqa: F401
from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym  # noqa: F401,E402
from kb.domain.models import *  # noqa: F401,F403
from kb.domain.parts import PARTS  # noqa: F401,E402
