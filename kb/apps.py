from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Knowledge base"

    def ready(self):
        from django.db.models.signals import post_migrate

        from kb.domain.editors import sync_editors_group_after_migrate

        post_migrate.connect(sync_editors_group_after_migrate, sender=self)

        from kb.search import signals as search_signals

        search_signals.connect()

        from kb.domain import addresses, tags, text

        text.connect()
        tags.connect()
        addresses.connect()

        from kb.web import change_marker, freshness

        freshness.connect()
        change_marker.connect()
