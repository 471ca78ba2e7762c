"""URLs of hdnd.petitions.views_reports, included by urls.py in the petitions namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
