from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "hdnd.petitions"
    label = "petitions"
    verbose_name = "Ý kiến, kiến nghị cử tri"

    def ready(self) -> None:
        from datetime import timedelta

        from hdnd.core.audit import ACTION_LABELS
        from hdnd.core.scheduler import PeriodicJob, register

        from .audit_labels import ACTION_LABELS as PETITION_LABELS
        from .tasks import (
            escalate_overdue_answers,
            fail_interrupted_synthesis,
            remind_in_progress_answers,
            send_answer_reminders,
        )

        ACTION_LABELS.update(PETITION_LABELS)
        # Hourly: each action is idempotent within a day, so a restart or a second run changes nothing.
        register(
            PeriodicJob("petitions.answer_reminders", every=timedelta(hours=1), task=send_answer_reminders)
        )
        register(
            PeriodicJob("petitions.escalate_overdue", every=timedelta(hours=1), task=escalate_overdue_answers)
        )
        register(
            PeriodicJob(
                "petitions.remind_in_progress", every=timedelta(hours=1), task=remind_in_progress_answers
            )
        )
        # A synthesis whose worker died blocks its cycle until marked failed: look every few minutes.
        register(
            PeriodicJob(
                "petitions.fail_interrupted_synthesis",
                every=timedelta(minutes=5),
                task=fail_interrupted_synthesis,
            )
        )
