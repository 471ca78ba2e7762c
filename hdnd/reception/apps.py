from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "hdnd.reception"
    label = "reception"
    verbose_name = "Tiếp công dân và đơn thư"
