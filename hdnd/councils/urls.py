from django.urls import path

from . import views, views_units

app_name = "councils"
urlpatterns = [
    # Units and their changes (views_units): public.
    path("don-vi/", views_units.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views_units.unit_detail, name="unit_detail"),
    path("don-vi/thay-doi/them/", views_units.unitchange_add, name="unitchange_add"),  # system administrators
    path("don-vi/thay-doi/nhap/", views_units.unitchange_import, name="unitchange_import"),  # system admins
    # Councils, bodies, people, agencies (views): scoped. <pk> after "hdnd/" is a council.
    path("hdnd/", views.council_list, name="council_list"),
    path("hdnd/<int:pk>/", views.council_detail, name="council_detail"),
    path("hdnd/<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("hdnd/<int:pk>/khoa/them/", views.term_add, name="term_add"),
    path("hdnd/khoa/<int:pk>/sua/", views.term_edit, name="term_edit"),
    path("hdnd/<int:pk>/bo-phan/them/", views.body_add, name="body_add"),
    path("hdnd/bo-phan/<int:pk>/sua/", views.body_edit, name="body_edit"),
    path("hdnd/bo-phan/<int:pk>/giai-the/", views.body_dissolve, name="body_dissolve"),
    path("hdnd/<int:pk>/nguoi/", views.person_list, name="person_list"),
    path("hdnd/<int:pk>/nguoi/them/", views.person_add, name="person_add"),
    path("hdnd/<int:pk>/nguoi/nhap/", views.person_import, name="person_import"),
    path("hdnd/<int:pk>/nguoi/nhap/mau.xlsx", views.person_import_template, name="person_import_template"),
    path("hdnd/nguoi/<int:pk>/", views.person_detail, name="person_detail"),
    path("hdnd/nguoi/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("hdnd/<int:pk>/chuc-danh/them/", views.membership_add, name="membership_add"),
    path("hdnd/chuc-danh/<int:pk>/ket-thuc/", views.membership_end, name="membership_end"),
    path("hdnd/<int:pk>/co-quan/", views.agency_list, name="agency_list"),
    path("hdnd/<int:pk>/co-quan/them/", views.agency_add, name="agency_add"),
    path("hdnd/co-quan/<int:pk>/sua/", views.agency_edit, name="agency_edit"),
]
