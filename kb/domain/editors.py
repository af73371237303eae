"""The Editors group: marketing staff who write, review and publish content.

Editors may add, change and view every kind of content, but not delete it and not manage users.
They may remove parts of a case study (a question, a benefit, a tag link) while editing it:
that is editing the case study, not deleting content.
The group is created by a data migration and kept in step after every migrate, so content
models added later are covered without another hand-written migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from kb.domain.parts import PARTS

EDITORS_GROUP = "Editors"
CONTENT_APPS = ("kb", "taggit")
EDITOR_ACTIONS = ("add", "change", "view")
# Every part of a case study (kb.domain.parts) and its tag links, by model name.
REMOVABLE_PARTS = (*(part.model._meta.model_name for part in PARTS), "taggedcasestudy")
# Search tuning editors keep up themselves, removals included.
SEARCH_GLOSSARY = ("synonym", "editorpick", "pickedcasestudy")


def create_permissions_now(app_config, apps):
    # Django creates permissions after all migrations have run; a data migration needs them
    # earlier. The flag makes create_permissions accept a migration-state app config.
    had_module = getattr(app_config, "models_module", None)
    app_config.models_module = had_module or True
    try:
        create_permissions(app_config, verbosity=0, apps=apps)
    finally:
        app_config.models_module = had_module


def may_edit(codename):
    action, model = codename.split("_", 1)
    return action in EDITOR_ACTIONS or (
        action == "delete" and model in REMOVABLE_PARTS + SEARCH_GLOSSARY
    )


def sync_editors_group(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_label in CONTENT_APPS:
        create_permissions_now(apps.get_app_config(app_label), apps)
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = [
        permission
        for permission in Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
        if may_edit(permission.codename)
    ]
    group.permissions.add(*wanted)
    return group


def sync_editors_group_after_migrate(sender, apps=global_apps, **kwargs):
    # `flush` sends post_migrate without `apps`: the installed apps are current then.
    sync_editors_group(apps)
