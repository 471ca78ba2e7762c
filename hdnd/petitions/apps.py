from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "hdnd.petitions"
    label = "petitions"
    verbose_name = "Ý kiến, kiến nghị cử tri"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

        from .actions import ACTION_LABELS as PETITION_LABELS

        ACTION_LABELS.update(PETITION_LABELS)
