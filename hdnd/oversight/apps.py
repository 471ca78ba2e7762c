from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "hdnd.oversight"
    label = "oversight"
    verbose_name = "Giám sát"
