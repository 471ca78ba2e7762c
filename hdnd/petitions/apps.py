from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "hdnd.petitions"
    label = "petitions"
    verbose_name = "Ý kiến, kiến nghị cử tri"
