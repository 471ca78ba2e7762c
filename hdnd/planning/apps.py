from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "hdnd.planning"
    label = "planning"
    verbose_name = "Chương trình công tác"

    def ready(self) -> None:
        from datetime import timedelta

        from hdnd.core.audit import ACTION_LABELS
        from hdnd.core.scheduler import PeriodicJob, register

        from . import actions
        from .tasks import mark_overdue_tasks, send_task_reminders

        ACTION_LABELS.update(actions.ACTION_LABELS)
        # Hourly: each job is idempotent within a day, so a restart or a second run changes nothing.
        register(PeriodicJob("planning.mark_overdue", every=timedelta(hours=1), task=mark_overdue_tasks))
        register(PeriodicJob("planning.task_reminders", every=timedelta(hours=1), task=send_task_reminders))
