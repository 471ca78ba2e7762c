from django.urls import path

from . import urls_documents, views, views_public, views_review

app_name = "resolutions"
urlpatterns = [
    path("hdnd/<int:pk>/nghi-quyet/", views.resolution_list, name="resolution_list"),
    path("hdnd/<int:pk>/nghi-quyet/them/", views.resolution_add, name="resolution_add"),
    path("nghi-quyet/<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("nghi-quyet/<int:pk>/sua/", views.resolution_edit, name="resolution_edit"),
    path("nghi-quyet/<int:pk>/thong-qua/", views.resolution_adopt, name="resolution_adopt"),
    path("nghi-quyet/<int:pk>/cong-bo/", views.resolution_publish, name="resolution_publish"),
    path("nghi-quyet/<int:pk>/hieu-luc/", views.resolution_status, name="resolution_status"),
    path("nghi-quyet/<int:pk>/lien-ket/", views.resolution_link, name="resolution_link"),
    path("nghi-quyet/<int:pk>/tep/", views.attachment_add, name="attachment_add"),
    path("nghi-quyet/tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("nghi-quyet/<int:pk>/nhiem-vu/", views.task_add, name="task_add"),
    path("nghi-quyet/nhiem-vu/<int:pk>/hoan-thanh/", views.task_done, name="task_done"),
    # Provincial review of commune resolutions
    path("hdnd/<int:pk>/xem-xet-nghi-quyet/", views_review.review_board, name="review_board"),
    path("nghi-quyet/<int:pk>/xem-xet/", views_review.review_start, name="review_start"),
    path("xem-xet-nghi-quyet/<int:pk>/", views_review.review_detail, name="review_detail"),
    path("xem-xet-nghi-quyet/<int:pk>/y-kien/", views_review.review_findings, name="review_findings"),
    path("xem-xet-nghi-quyet/<int:pk>/xu-ly/", views_review.review_response, name="review_response"),
    path("xem-xet-nghi-quyet/<int:pk>/ket-thuc/", views_review.review_close, name="review_close"),
    # Public register, no login
    path("cong-khai/hdnd/<int:pk>/nghi-quyet/", views_public.public_register, name="public_register"),
    path(
        "cong-khai/hdnd/<int:pk>/nghi-quyet/toan-tinh/", views_public.public_province, name="public_province"
    ),
    path(
        "cong-khai/hdnd/<int:pk>/nghi-quyet/so/<path:symbol>",
        views_public.public_by_symbol,
        name="public_by_symbol",
    ),
    path("cong-khai/nghi-quyet/<int:pk>/", views_public.public_detail, name="public_detail"),
]
urlpatterns += urls_documents.urlpatterns  # the .docx and PDF documents (views_documents)
