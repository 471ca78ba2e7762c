"""URLs of hdnd.sittings.views_conduct, included by urls.py in the sittings namespace."""

from django.urls import URLPattern, path

from . import views_conduct as views

urlpatterns: list[URLPattern] = [
    path("ky-hop/<int:pk>/dien-bien/", views.conduct_work, name="conduct_work"),
    path("ky-hop/<int:pk>/dien-bien/lien-tich/", views.conduct_preparatory, name="conduct_preparatory"),
    path("ky-hop/<int:pk>/dien-bien/noi-dung/", views.conduct_item_add, name="conduct_item_add"),
    path("ky-hop/<int:pk>/diem-danh/", views.conduct_attendance, name="conduct_attendance"),
    path("ky-hop/<int:pk>/bien-ban/", views.conduct_minutes, name="conduct_minutes"),
    path("ky-hop/<int:pk>/bien-ban/tep/", views.conduct_minutes_file, name="conduct_minutes_file"),
    path("ky-hop/<int:pk>/bien-ban.docx", views.conduct_minutes_docx, name="conduct_minutes_docx"),
    path("ky-hop/<int:pk>/bien-ban.pdf", views.conduct_minutes_pdf, name="conduct_minutes_pdf"),
    path("ky-hop/<int:pk>/thong-bao-ket-qua.docx", views.conduct_results_docx, name="conduct_results_docx"),
    path("ky-hop/<int:pk>/thong-bao-ket-qua.pdf", views.conduct_results_pdf, name="conduct_results_pdf"),
    path("ky-hop/noi-dung/<int:pk>/sua/", views.conduct_item_edit, name="conduct_item_edit"),
    path("ky-hop/noi-dung/<int:pk>/xoa/", views.conduct_item_remove, name="conduct_item_remove"),
    path("ky-hop/noi-dung/<int:pk>/di-chuyen/", views.conduct_item_move, name="conduct_item_move"),
    path("ky-hop/noi-dung/<int:pk>/tham-tra/", views.conduct_examination, name="conduct_examination"),
    path(
        "ky-hop/noi-dung/<int:pk>/tham-tra/tep/",
        views.conduct_examination_file,
        name="conduct_examination_file",
    ),
    path("ky-hop/noi-dung/<int:pk>/tai-lieu/", views.conduct_document_add, name="conduct_document_add"),
    path("ky-hop/noi-dung/<int:pk>/bieu-quyet/", views.conduct_vote, name="conduct_vote"),
    path("ky-hop/tai-lieu/<int:pk>/", views.conduct_document_file, name="conduct_document_file"),
    path("ky-hop/bieu-quyet/<int:pk>/ghi-lai/", views.conduct_vote_correct, name="conduct_vote_correct"),
    path("ky-hop/bieu-quyet/<int:pk>/xoa/", views.conduct_vote_remove, name="conduct_vote_remove"),
]
