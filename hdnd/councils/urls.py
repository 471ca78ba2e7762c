from django.urls import path

from . import views

app_name = "councils"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("hdnd/<int:pk>/", views.council_detail, name="council_detail"),
]
