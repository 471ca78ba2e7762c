"""URLs of hdnd.petitions.views_intake, included by urls.py in the petitions namespace."""

from django.urls import URLPattern, path

from . import views_intake

urlpatterns: list[URLPattern] = [
    path("kien-nghi/dot/<int:pk>/tiep-nhan/", views_intake.intake_received, name="intake_received"),
    path(
        "kien-nghi/dot/<int:pk>/tiep-nhan/nhap-tep/",
        views_intake.intake_received_import,
        name="intake_received_import",
    ),
    path(
        "kien-nghi/tiep-xuc/<int:pk>/nhap-tep/",
        views_intake.intake_meeting_import,
        name="intake_meeting_import",
    ),
    path("kien-nghi/mau-nhap/<slug:kind>.<slug:fmt>", views_intake.intake_template, name="intake_template"),
    path("kien-nghi/tong-hop/<int:pk>/chuyen-hdnd/", views_intake.intake_refer, name="intake_refer"),
    path("kien-nghi/dot/<int:pk>/chuyen-len-cap-tren/", views_intake.intake_refer_up, name="intake_refer_up"),
]
