"""URLs of hdnd.resolutions.views_documents (the .docx and PDF documents), included by urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
