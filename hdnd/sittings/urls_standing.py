"""URLs of hdnd.sittings.views_standing, included by urls.py in the sittings namespace."""

from django.urls import URLPattern, path

from . import views_standing as views

urlpatterns: list[URLPattern] = [
    path("hdnd/<int:pk>/thuong-truc/", views.standing_list, name="standing_list"),
    path("hdnd/<int:pk>/thuong-truc/them/", views.standing_add, name="standing_add"),
    path("hdnd/<int:pk>/thuong-truc/nhiem-vu/", views.standing_tasks, name="standing_tasks"),
    path("thuong-truc/<int:pk>/", views.standing_detail, name="standing_detail"),
    path("thuong-truc/<int:pk>/sua/", views.standing_edit, name="standing_edit"),
    path("thuong-truc/<int:pk>/chuong-trinh/", views.standing_agenda, name="standing_agenda"),
    path("thuong-truc/<int:pk>/thanh-phan/", views.standing_participants, name="standing_participants"),
    path(
        "thuong-truc/thanh-phan/<int:pk>/bo/",
        views.standing_participant_remove,
        name="standing_participant_remove",
    ),
    path("thuong-truc/<int:pk>/tai-lieu/", views.standing_material_add, name="standing_material_add"),
    path("thuong-truc/tai-lieu/<int:pk>/", views.standing_material, name="standing_material"),
    path(
        "thuong-truc/tai-lieu/<int:pk>/bo/", views.standing_material_remove, name="standing_material_remove"
    ),
    path("thuong-truc/<int:pk>/da-hop/", views.standing_held, name="standing_held"),
    path("thuong-truc/<int:pk>/ket-luan/", views.standing_conclusion_add, name="standing_conclusion_add"),
    path(
        "thuong-truc/ket-luan/<int:pk>/bo/",
        views.standing_conclusion_remove,
        name="standing_conclusion_remove",
    ),
    path("thuong-truc/<int:pk>/thong-bao/", views.standing_notice, name="standing_notice"),
    path("thuong-truc/<int:pk>/thong-bao.docx", views.standing_notice_docx, name="standing_notice_docx"),
    path("thuong-truc/<int:pk>/thong-bao.pdf", views.standing_notice_pdf, name="standing_notice_pdf"),
    path("thuong-truc/nhiem-vu/<int:pk>/xong/", views.standing_task_done, name="standing_task_done"),
]
