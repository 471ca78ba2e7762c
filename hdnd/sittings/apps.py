from django.apps import AppConfig


class SittingsConfig(AppConfig):
    name = "hdnd.sittings"
    label = "sittings"
    verbose_name = "Kỳ họp và phiên họp Thường trực"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

        from . import actions

        ACTION_LABELS.update(actions.ACTION_LABELS)
