from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hdnd.api"
    label = "api"
    verbose_name = "API"
