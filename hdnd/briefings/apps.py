from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "hdnd.briefings"
    label = "briefings"
    verbose_name = "Giao ban"
