from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hdnd.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"
