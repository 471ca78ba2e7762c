from django.urls import path

from .views import agencies, councils, people, units

app_name = "councils"
urlpatterns = [
    # Units and their changes (views/units.py): public.
    path("don-vi/", units.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("don-vi/thay-doi/them/", units.unitchange_add, name="unitchange_add"),  # system administrators
    path("don-vi/thay-doi/nhap/", units.unitchange_import, name="unitchange_import"),  # system admins
    # Councils, bodies, people, agencies (views/councils, people, agencies): scoped.
    # <pk> after "hdnd/" is a council.
    path("hdnd/", councils.council_list, name="council_list"),
    path("hdnd/<int:pk>/", councils.council_detail, name="council_detail"),
    path("hdnd/<int:pk>/sua/", councils.council_edit, name="council_edit"),
    path("hdnd/<int:pk>/khoa/them/", councils.term_add, name="term_add"),
    path("hdnd/khoa/<int:pk>/sua/", councils.term_edit, name="term_edit"),
    path("hdnd/<int:pk>/bo-phan/them/", councils.body_add, name="body_add"),
    path("hdnd/bo-phan/<int:pk>/sua/", councils.body_edit, name="body_edit"),
    path("hdnd/bo-phan/<int:pk>/giai-the/", councils.body_dissolve, name="body_dissolve"),
    path("hdnd/<int:pk>/nguoi/", people.person_list, name="person_list"),
    path("hdnd/<int:pk>/nguoi/them/", people.person_add, name="person_add"),
    path("hdnd/<int:pk>/nguoi/nhap/", people.person_import, name="person_import"),
    path("hdnd/<int:pk>/nguoi/nhap/mau.xlsx", people.person_import_template, name="person_import_template"),
    path("hdnd/nguoi/<int:pk>/", people.person_detail, name="person_detail"),
    path("hdnd/nguoi/<int:pk>/sua/", people.person_edit, name="person_edit"),
    path("hdnd/<int:pk>/chuc-danh/them/", people.membership_add, name="membership_add"),
    path("hdnd/chuc-danh/<int:pk>/ket-thuc/", people.membership_end, name="membership_end"),
    path("hdnd/<int:pk>/co-quan/", agencies.agency_list, name="agency_list"),
    path("hdnd/<int:pk>/co-quan/them/", agencies.agency_add, name="agency_add"),
    path("hdnd/co-quan/<int:pk>/sua/", agencies.agency_edit, name="agency_edit"),
]
