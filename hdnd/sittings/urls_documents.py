"""URLs of hdnd.sittings.views_documents (the .docx and PDF documents, issuing the notice), included by
urls.py."""

from django.urls import URLPattern, path

from . import views_documents as views

urlpatterns: list[URLPattern] = [
    path("ky-hop/<int:pk>/quyet-dinh-trieu-tap.docx", views.convening_docx, name="session_convening_docx"),
    path("ky-hop/<int:pk>/quyet-dinh-trieu-tap.pdf", views.convening_pdf, name="session_convening_pdf"),
    path("ky-hop/<int:pk>/thong-bao.docx", views.notice_docx, name="session_notice_docx"),
    path("ky-hop/<int:pk>/thong-bao.pdf", views.notice_pdf, name="session_notice_pdf"),
    path("ky-hop/<int:pk>/thong-bao/ban-hanh/", views.notice_issue, name="session_notice_issue"),
    path("ky-hop/<int:pk>/thong-bao-ket-qua/ban-hanh/", views.results_issue, name="session_results_issue"),
]
