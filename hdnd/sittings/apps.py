from django.apps import AppConfig


class SittingsConfig(AppConfig):
    name = "hdnd.sittings"
    label = "sittings"
    verbose_name = "Kỳ họp và phiên họp Thường trực"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

        from . import actions, conduct, standing

        for module in (actions, conduct, standing):
            ACTION_LABELS.update(module.ACTION_LABELS)
