from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hdnd.core"
    label = "core"
    verbose_name = "Lõi nền tảng"

    def ready(self) -> None:
        from . import figures

        figures.autodiscover()  # each app's figures.py declares what it can count
