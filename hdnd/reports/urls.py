from django.urls import path, re_path

from . import views

app_name = "reports"
urlpatterns = [
    path("hdnd/<int:pk>/bao-cao-dinh-ky/", views.council_reports, name="council_reports"),
    path("hdnd/<int:pk>/bao-cao-dinh-ky/mo-ky/", views.period_add, name="period_add"),
    path("hdnd/<int:pk>/bang-dieu-hanh/", views.council_dashboard, name="dashboard"),
    path("ky-bao-cao/<int:pk>/", views.period_detail, name="period_detail"),
    path("ky-bao-cao/<int:pk>/so-sanh/", views.period_rollup, name="period_rollup"),
    path("ky-bao-cao/<int:pk>/kien-nghi/", views.period_proposals, name="period_proposals"),
    path("ky-bao-cao/<int:pk>/ket-thuc/", views.period_close, name="period_close"),
    re_path(
        r"^ky-bao-cao/(?P<pk>\d+)/tong-hop\.(?P<fmt>docx|pdf|xlsx)$",
        views.period_export,
        name="period_export",
    ),
    path("ky-bao-cao/<int:pk>/so-lieu/<str:code>/<int:council_pk>/", views.drilldown, name="drilldown"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("bao-cao/<int:pk>/kien-nghi/", views.proposal_add, name="proposal_add"),
    path("bao-cao/kien-nghi/<int:pk>/xoa/", views.proposal_delete, name="proposal_delete"),
    path("bao-cao/<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("bao-cao/<int:pk>/tiep-nhan/", views.report_accept, name="report_accept"),
    re_path(r"^bao-cao/(?P<pk>\d+)/bao-cao\.(?P<fmt>docx|pdf)$", views.report_export, name="report_export"),
]
