from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "hdnd.oversight"
    label = "oversight"
    verbose_name = "Giám sát"

    def ready(self) -> None:
        from datetime import timedelta

        from hdnd.core.audit import ACTION_LABELS
        from hdnd.core.scheduler import PeriodicJob, register
        from hdnd.sittings.hooks import register_meeting_panel, register_session_panel

        from .actions import ACTION_LABELS as OVERSIGHT_LABELS
        from .panels import explanation_panel, questioning_panel
        from .tasks import follow_up_recommendations

        ACTION_LABELS.update(OVERSIGHT_LABELS)
        # Hourly: each item moves at most one step a day, so a second run changes nothing.
        register(PeriodicJob("oversight.follow_up", every=timedelta(hours=1), task=follow_up_recommendations))
        # The session page lists the questioning topics chosen for it (sittings does not import oversight).
        register_session_panel("oversight.questioning", questioning_panel)
        # The standing meeting's page lists the explanation sessions held at it.
        register_meeting_panel("oversight.explanations", explanation_panel)
