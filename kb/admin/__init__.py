"""The admin, written for marketing editors: the model admins, the interview import page and the
searches report. Django's autodiscovery imports this package; each module registers its part."""

from kb.admin import case_studies, glossary, images, people, searches, tags, taxonomy  # noqa: F401
