from django.urls import path, re_path

from . import views

app_name = "reports"
urlpatterns = [
    path("councils/<int:pk>/reports/", views.council_reports, name="council_reports"),
    path("councils/<int:pk>/reports/periods/new/", views.period_add, name="period_add"),
    path("councils/<int:pk>/dashboard/", views.council_dashboard, name="dashboard"),
    path("reports/periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("reports/periods/<int:pk>/rollup/", views.period_rollup, name="period_rollup"),
    path("reports/periods/<int:pk>/proposals/", views.period_proposals, name="period_proposals"),
    path("reports/periods/<int:pk>/close/", views.period_close, name="period_close"),
    re_path(
        r"^reports/periods/(?P<pk>\d+)/rollup\.(?P<fmt>docx|pdf|xlsx)$",
        views.period_export,
        name="period_export",
    ),
    path("reports/periods/<int:pk>/figures/<str:code>/<int:council_pk>/", views.drilldown, name="drilldown"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/proposals/", views.proposal_add, name="proposal_add"),
    path("reports/proposals/<int:pk>/delete/", views.proposal_delete, name="proposal_delete"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    re_path(r"^reports/(?P<pk>\d+)/report\.(?P<fmt>docx|pdf)$", views.report_export, name="report_export"),
]
