from django.apps import AppConfig


class SittingsConfig(AppConfig):
    name = "hdnd.sittings"
    label = "sittings"
    verbose_name = "Kỳ họp và phiên họp Thường trực"
