"""URLs of hdnd.sittings.views_conduct, included by urls.py in the sittings namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
