"""URLs of hdnd.petitions.views_reports, included by urls.py in the petitions namespace."""

from django.urls import URLPattern, path

from . import views_reports as views

urlpatterns: list[URLPattern] = [
    path("hdnd/<int:pk>/kien-nghi/thong-ke/", views.statistics_page, name="reports_statistics"),
    path("hdnd/<int:pk>/kien-nghi/thong-ke/tong-hop.xlsx", views.rollup_xlsx, name="reports_rollup_xlsx"),
    path("kien-nghi/dot/<int:pk>/bao-cao-tong-hop.docx", views.synthesis_docx, name="reports_synthesis_docx"),
    path("kien-nghi/dot/<int:pk>/ket-qua-tra-loi.docx", views.results_docx, name="reports_results_docx"),
    path("kien-nghi/dot/<int:pk>/ket-qua-tra-loi.xlsx", views.results_xlsx, name="reports_results_xlsx"),
    path(
        "kien-nghi/dot/<int:pk>/co-quan/<int:agency>/cong-van-chuyen.docx",
        views.agency_letter,
        name="reports_agency_letter",
    ),
    path(
        "kien-nghi/chuyen/<int:pk>/cong-van-chuyen.docx",
        views.forwarding_letter,
        name="reports_forwarding_letter",
    ),
]
