from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "hdnd.briefings"
    label = "briefings"
    verbose_name = "Giao ban"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

        from . import actions

        ACTION_LABELS.update(actions.ACTION_LABELS)
