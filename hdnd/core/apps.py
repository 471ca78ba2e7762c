from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hdnd.core"
    label = "core"
    verbose_name = "Lõi nền tảng"

    def ready(self) -> None:
        from django.tasks.signals import task_started

        from . import figures, workers, workitems

        task_started.connect(workers.on_task_started, dispatch_uid="core.workers.heartbeat")

        figures.autodiscover()  # each app's figures.py declares what it can count
        workitems.autodiscover()  # each app's workitems.py declares what it puts on a start page
