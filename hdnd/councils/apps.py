from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "hdnd.councils"
    label = "councils"
    verbose_name = "Đơn vị hành chính và HĐND"
