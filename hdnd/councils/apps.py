from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "hdnd.councils"
    label = "councils"
    verbose_name = "Đơn vị hành chính và HĐND"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

        from .audit_labels import ACTION_LABELS as COUNCIL_LABELS

        ACTION_LABELS.update(COUNCIL_LABELS)
