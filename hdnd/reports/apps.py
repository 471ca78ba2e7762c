from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hdnd.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from datetime import timedelta

        from hdnd.core.audit import ACTION_LABELS
        from hdnd.core.scheduler import PeriodicJob, register

        from . import actions
        from .tasks import remind_late_reports

        ACTION_LABELS.update(actions.ACTION_LABELS)
        # Daily is enough: a late council is reminded at most every three days (actions.REMIND_EVERY).
        register(PeriodicJob("reports.remind_late", every=timedelta(days=1), task=remind_late_reports))
