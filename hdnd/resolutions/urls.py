from django.urls import path

from hdnd.resolutions.views import documents, public, resolutions, review

app_name = "resolutions"
urlpatterns = [
    path("hdnd/<int:pk>/nghi-quyet/", resolutions.resolution_list, name="resolution_list"),
    path("hdnd/<int:pk>/nghi-quyet/them/", resolutions.resolution_add, name="resolution_add"),
    path("nghi-quyet/<int:pk>/", resolutions.resolution_detail, name="resolution_detail"),
    path("nghi-quyet/<int:pk>/sua/", resolutions.resolution_edit, name="resolution_edit"),
    path("nghi-quyet/<int:pk>/thong-qua/", resolutions.resolution_adopt, name="resolution_adopt"),
    path("nghi-quyet/<int:pk>/cong-bo/", resolutions.resolution_publish, name="resolution_publish"),
    path("nghi-quyet/<int:pk>/hieu-luc/", resolutions.resolution_status, name="resolution_status"),
    path("nghi-quyet/<int:pk>/lien-ket/", resolutions.resolution_link, name="resolution_link"),
    path("nghi-quyet/<int:pk>/tep/", resolutions.attachment_add, name="attachment_add"),
    path("nghi-quyet/<int:pk>/toan-van/", resolutions.resolution_text, name="resolution_text"),
    path("nghi-quyet/<int:pk>/toan-van/tep", resolutions.text_file_download, name="text_file"),
    path("nghi-quyet/tep/<int:pk>/", resolutions.attachment_download, name="attachment_download"),
    path("nghi-quyet/<int:pk>/nhiem-vu/", resolutions.task_add, name="task_add"),
    path("nghi-quyet/nhiem-vu/<int:pk>/hoan-thanh/", resolutions.task_done, name="task_done"),
    # Provincial review of commune resolutions
    path("hdnd/<int:pk>/xem-xet-nghi-quyet/", review.review_board, name="review_board"),
    path("nghi-quyet/<int:pk>/xem-xet/", review.review_start, name="review_start"),
    path("xem-xet-nghi-quyet/<int:pk>/", review.review_detail, name="review_detail"),
    path("xem-xet-nghi-quyet/<int:pk>/y-kien/", review.review_findings, name="review_findings"),
    path("xem-xet-nghi-quyet/<int:pk>/xu-ly/", review.review_response, name="review_response"),
    path("xem-xet-nghi-quyet/<int:pk>/ket-thuc/", review.review_close, name="review_close"),
    # Public register, no login
    path("cong-khai/hdnd/<int:pk>/nghi-quyet/", public.public_register, name="public_register"),
    path("cong-khai/hdnd/<int:pk>/nghi-quyet/toan-tinh/", public.public_province, name="public_province"),
    path(
        "cong-khai/hdnd/<int:pk>/nghi-quyet/so/<path:symbol>",
        public.public_by_symbol,
        name="public_by_symbol",
    ),
    path("cong-khai/nghi-quyet/<int:pk>/", public.public_detail, name="public_detail"),
    # The resolution as .docx and PDF
    path("nghi-quyet/<int:pk>/van-ban.docx", documents.resolution_docx, name="resolution_docx"),
    path("nghi-quyet/<int:pk>/van-ban.pdf", documents.resolution_pdf, name="resolution_pdf"),
    path(
        "cong-khai/nghi-quyet/<int:pk>/van-ban.pdf",
        documents.public_resolution_pdf,
        name="public_resolution_pdf",
    ),
]
