from django.urls import path, re_path

from .views import attachments, letters, public, register, schedule, statistics

app_name = "reception"
DOC = r"(?P<fmt>docx|pdf)"
urlpatterns = [
    # Schedules
    path("hdnd/<int:pk>/tiep-cong-dan/lich/", schedule.slot_list, name="slot_list"),
    path("hdnd/<int:pk>/tiep-cong-dan/lich/them/", schedule.slot_add, name="slot_add"),
    path(
        "hdnd/<int:pk>/tiep-cong-dan/lich/thong-bao.docx", schedule.schedule_notice_docx, name="notice_docx"
    ),
    path("hdnd/<int:pk>/tiep-cong-dan/lich/thong-bao.pdf", schedule.schedule_notice_pdf, name="notice_pdf"),
    path("tiep-cong-dan/lich/<int:pk>/", schedule.slot_detail, name="slot_detail"),
    path("tiep-cong-dan/lich/<int:pk>/sua/", schedule.slot_edit, name="slot_edit"),
    path("tiep-cong-dan/lich/<int:pk>/da-tiep/", schedule.slot_hold, name="slot_hold"),
    path("tiep-cong-dan/lich/<int:pk>/huy/", schedule.slot_cancel, name="slot_cancel"),
    path("tiep-cong-dan/lich/<int:pk>/bao-cao/", schedule.slot_report, name="slot_report"),
    # The register
    path("hdnd/<int:pk>/tiep-cong-dan/so/", register.reception_list, name="reception_list"),
    path("hdnd/<int:pk>/tiep-cong-dan/so/them/", register.reception_add, name="reception_add"),
    path("tiep-cong-dan/so/<int:pk>/", register.reception_detail, name="reception_detail"),
    path("tiep-cong-dan/so/<int:pk>/kien-nghi/", register.reception_petition, name="reception_petition"),
    # Letters
    path("hdnd/<int:pk>/don-thu/", letters.letter_list, name="letter_list"),
    path("hdnd/<int:pk>/don-thu/them/", letters.letter_add, name="letter_add"),
    path("don-thu/<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("don-thu/<int:pk>/phan-loai/chuyen/", letters.letter_submit, name="letter_submit"),
    path("don-thu/<int:pk>/phan-loai/", letters.letter_classify, name="letter_classify"),
    path("don-thu/<int:pk>/chuyen/", letters.letter_forward, name="letter_forward"),
    path("don-thu/<int:pk>/tra-loi/", letters.letter_answer, name="letter_answer"),
    path("don-thu/<int:pk>/huong-dan/", letters.letter_guide, name="letter_guide"),
    path("don-thu/<int:pk>/luu/", letters.letter_keep, name="letter_keep"),
    path("don-thu/<int:pk>/mo-lai/", letters.letter_reopen, name="letter_reopen"),
    path("don-thu/<int:pk>/nguoi-xu-ly/", letters.letter_handlers, name="letter_handlers"),
    path("don-thu/<int:pk>/kien-nghi/", letters.letter_petition, name="letter_petition"),
    path("don-thu/<int:pk>/danh-tinh/", letters.letter_reveal, name="letter_reveal"),
    path("don-thu/<int:pk>/tai-lieu/", attachments.letter_attach, name="letter_attach"),
    path("don-thu/tai-lieu/<int:pk>/", attachments.attachment_file, name="attachment_file"),
    re_path(
        rf"^don-thu/(?P<pk>[0-9]+)/(?P<which>phieu-chuyen|huong-dan|ban-trich)\.{DOC}$",
        letters.letter_document,
        name="letter_document",
    ),
    # Statistics and the periodic report
    path("hdnd/<int:pk>/tiep-cong-dan/thong-ke/", statistics.statistics, name="statistics"),
    path("hdnd/<int:pk>/tiep-cong-dan/bao-cao.docx", statistics.report_docx, name="report_docx"),
    path("hdnd/<int:pk>/tiep-cong-dan/bao-cao.pdf", statistics.report_pdf, name="report_pdf"),
    path("hdnd/<int:pk>/tiep-cong-dan/thong-ke.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
    # Public pages
    path("cong-khai/tiep-cong-dan/hdnd/<int:pk>/", public.public_schedule, name="public_schedule"),
    path("cong-khai/tiep-cong-dan/hdnd/<int:pk>/lich.ics", public.public_ical, name="public_ical"),
    path(
        "cong-khai/tiep-cong-dan/hdnd/<int:pk>/thong-ke/", public.public_statistics, name="public_statistics"
    ),
    path("cong-khai/don-thu/tra-cuu/", public.public_lookup, name="public_lookup"),
]
