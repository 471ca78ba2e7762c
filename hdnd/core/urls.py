from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("quan-tri/quy-dinh/", views.rule_list, name="rule_list"),
    path("quan-tri/hdnd/<int:council_id>/quy-dinh/<int:rule_id>/", views.rule_override, name="rule_override"),
    path(
        "quan-tri/hdnd/<int:council_id>/quy-dinh/<int:rule_id>/bo/",
        views.rule_override_clear,
        name="rule_override_clear",
    ),
    path("quan-tri/hdnd/<int:council_id>/nhat-ky/", views.audit_log, name="audit_log"),
    path("quan-tri/nhat-ky/", views.audit_log_national, name="audit_log_national"),
    path("quan-tri/lich-lam-viec/", views.calendar_list, name="calendar_list"),
    path("quan-tri/lich-lam-viec/them/", views.calendar_add, name="calendar_add"),
    path("quan-tri/lich-lam-viec/<int:pk>/xoa/", views.calendar_remove, name="calendar_remove"),
]
