"""URLs of hdnd.resolutions.views_documents (the .docx and PDF documents), included by urls.py."""

from django.urls import URLPattern, path

from . import views_documents

urlpatterns: list[URLPattern] = [
    path("nghi-quyet/<int:pk>/van-ban.docx", views_documents.resolution_docx, name="resolution_docx"),
    path("nghi-quyet/<int:pk>/van-ban.pdf", views_documents.resolution_pdf, name="resolution_pdf"),
    path(
        "cong-khai/nghi-quyet/<int:pk>/van-ban.pdf",
        views_documents.public_resolution_pdf,
        name="public_resolution_pdf",
    ),
]
