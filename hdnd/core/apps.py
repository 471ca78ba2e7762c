from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hdnd.core"
    label = "core"
    verbose_name = "Lõi nền tảng"
