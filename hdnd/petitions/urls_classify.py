"""URLs of hdnd.petitions.views_classify, included by urls.py in the petitions namespace."""

from django.urls import URLPattern, path

from . import views_classify as views

urlpatterns: list[URLPattern] = [
    path("kien-nghi/tong-hop/<int:pk>/phan-loai/", views.classify_issue, name="classify_issue"),
    path("kien-nghi/tong-hop/<int:pk>/phan-loai/ap-dung/", views.classify_apply, name="classify_apply"),
    path(
        "kien-nghi/tong-hop/<int:pk>/phan-loai/ap-dung-goi-y/", views.classify_accept, name="classify_accept"
    ),
    path("kien-nghi/dot/<int:pk>/phan-loai/", views.classify_review, name="classify_review"),
    path("hdnd/<int:pk>/kien-nghi/linh-vuc/", views.classify_fields, name="classify_fields"),
    path("hdnd/<int:pk>/kien-nghi/linh-vuc/them/", views.classify_field_add, name="classify_field_add"),
    path("kien-nghi/linh-vuc/", views.classify_national_fields, name="classify_national_fields"),
    path("kien-nghi/linh-vuc/them/", views.classify_national_field_add, name="classify_national_field_add"),
    path("kien-nghi/linh-vuc/<int:pk>/sua/", views.classify_field_edit, name="classify_field_edit"),
]
