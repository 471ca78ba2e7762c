from django.urls import URLPattern, path

from . import views

app_name = "briefings"
INVITATION = {"which": "invitation"}
NOTICE = {"which": "notice"}
urlpatterns: list[URLPattern] = [
    path("hdnd/<int:pk>/giao-ban/", views.briefing_list, name="briefing_list"),
    path("hdnd/<int:pk>/giao-ban/them/", views.briefing_add, name="briefing_add"),
    path("giao-ban/<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("giao-ban/<int:pk>/sua/", views.briefing_edit, name="briefing_edit"),
    path("giao-ban/<int:pk>/chuong-trinh/", views.briefing_agenda, name="briefing_agenda"),
    path("giao-ban/<int:pk>/thanh-phan/", views.briefing_participants, name="briefing_participants"),
    path("giao-ban/<int:pk>/tai-lieu/", views.briefing_materials, name="briefing_materials"),
    path("giao-ban/<int:pk>/diem-cau/", views.point_add, name="point_add"),
    path("giao-ban/diem-cau/<int:pk>/bo/", views.point_remove, name="point_remove"),
    path("giao-ban/diem-cau/<int:pk>/nguoi-du/", views.point_attendees, name="point_attendees"),
    path("giao-ban/thanh-phan/<int:pk>/", views.attendance, name="attendance"),
    path("giao-ban/<int:pk>/giay-moi/", views.invitation_issue, name="invitation_issue"),
    path("giao-ban/<int:pk>/giay-moi.docx", views.document_docx, INVITATION, name="invitation_docx"),
    path("giao-ban/<int:pk>/giay-moi.pdf", views.document_pdf, INVITATION, name="invitation_pdf"),
    path("giao-ban/<int:pk>/da-hop/", views.briefing_held, name="briefing_held"),
    path("giao-ban/<int:pk>/y-kien/", views.contribution_add, name="contribution_add"),
    path("giao-ban/y-kien/<int:pk>/bo/", views.contribution_remove, name="contribution_remove"),
    path(
        "giao-ban/<int:pk>/kien-nghi/<int:proposal_pk>/tra-loi/",
        views.proposal_answer,
        name="proposal_answer",
    ),
    path("giao-ban/<int:pk>/ket-luan/", views.conclusion_add, name="conclusion_add"),
    path("giao-ban/ket-luan/<int:pk>/bo/", views.conclusion_remove, name="conclusion_remove"),
    path("giao-ban/<int:pk>/thong-bao/", views.notice, name="notice"),
    path("giao-ban/<int:pk>/thong-bao.docx", views.document_docx, NOTICE, name="notice_docx"),
    path("giao-ban/<int:pk>/thong-bao.pdf", views.document_pdf, NOTICE, name="notice_pdf"),
]
