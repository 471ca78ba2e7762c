from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "hdnd.planning"
    label = "planning"
    verbose_name = "Chương trình công tác"
