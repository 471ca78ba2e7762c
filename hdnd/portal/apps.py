from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hdnd.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
