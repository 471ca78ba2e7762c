from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "hdnd.reception"
    label = "reception"
    verbose_name = "Tiếp công dân và đơn thư"

    def ready(self) -> None:
        from datetime import timedelta

        from hdnd.core.audit import ACTION_LABELS
        from hdnd.core.scheduler import PeriodicJob, register

        from . import actions, attachments
        from .tasks import escalate_overdue_letters, remind_letter_answers, remind_reception_duty

        ACTION_LABELS.update(actions.ACTION_LABELS)
        ACTION_LABELS.update(attachments.ACTION_LABELS)
        # Hourly: each action does its work at most once a day, so a restart or a second run changes nothing.
        for name, task in (
            ("reception.remind_duty", remind_reception_duty),
            ("reception.remind_letters", remind_letter_answers),
            ("reception.escalate_letters", escalate_overdue_letters),
        ):
            register(PeriodicJob(name, every=timedelta(hours=1), task=task))
