from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "hdnd.resolutions"
    label = "resolutions"
    verbose_name = "Nghị quyết HĐND"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS
        from hdnd.sittings.hooks import register_drafts

        from . import actions, followup, review
        from .agenda import AgendaDrafts

        for module in (actions, followup, review):
            ACTION_LABELS.update(module.ACTION_LABELS)
        # The session pages list and link drafts through this (sittings does not import resolutions).
        register_drafts(AgendaDrafts())
