from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "hdnd.resolutions"
    label = "resolutions"
    verbose_name = "Nghị quyết HĐND"
