from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hdnd.core"
    label = "core"
    verbose_name = "Lõi nền tảng"

    def ready(self) -> None:
        from . import figures, workitems

        figures.autodiscover()  # each app's figures.py declares what it can count
        workitems.autodiscover()  # each app's workitems.py declares what it puts on a start page
