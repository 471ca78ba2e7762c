"""URLs of hdnd.sittings.views_standing, included by urls.py in the sittings namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
