"""URLs of hdnd.petitions.views_search, included by urls.py in the petitions namespace."""

from django.urls import URLPattern, path

from . import views_search as views

urlpatterns: list[URLPattern] = [
    path("hdnd/<int:pk>/kien-nghi/tim-kiem/", views.petition_search, name="petition_search"),
]
