from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "hdnd.resolutions"
    label = "resolutions"
    verbose_name = "Nghị quyết HĐND"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

        from . import actions, followup, review

        for module in (actions, followup, review):
            ACTION_LABELS.update(module.ACTION_LABELS)
