from django.urls import path

from .views import conduct, documents, sessions, standing

app_name = "sittings"
urlpatterns = [
    # Sessions
    path("hdnd/<int:pk>/ky-hop/", sessions.session_list, name="session_list"),
    path("hdnd/<int:pk>/ky-hop/them/", sessions.session_add, name="session_add"),
    path("hdnd/<int:pk>/ky-hop/lich.ics", sessions.session_ical, name="session_ical"),
    path("ky-hop/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("ky-hop/<int:pk>/sua/", sessions.session_edit, name="session_edit"),
    path("ky-hop/<int:pk>/trieu-tap/", sessions.session_convene, name="session_convene"),
    path("ky-hop/<int:pk>/gui-tai-lieu/", sessions.session_documents, name="session_documents"),
    path("ky-hop/<int:pk>/khai-mac/", sessions.session_open, name="session_open"),
    path("ky-hop/<int:pk>/be-mac/", sessions.session_close, name="session_close"),
    # The session's documents (.docx, PDF) and issuing its notices
    path(
        "ky-hop/<int:pk>/quyet-dinh-trieu-tap.docx", documents.convening_docx, name="session_convening_docx"
    ),
    path("ky-hop/<int:pk>/quyet-dinh-trieu-tap.pdf", documents.convening_pdf, name="session_convening_pdf"),
    path("ky-hop/<int:pk>/thong-bao.docx", documents.notice_docx, name="session_notice_docx"),
    path("ky-hop/<int:pk>/thong-bao.pdf", documents.notice_pdf, name="session_notice_pdf"),
    path("ky-hop/<int:pk>/thong-bao/ban-hanh/", documents.notice_issue, name="session_notice_issue"),
    path(
        "ky-hop/<int:pk>/thong-bao-ket-qua/ban-hanh/", documents.results_issue, name="session_results_issue"
    ),
    # The conduct of a session
    path("ky-hop/<int:pk>/dien-bien/", conduct.conduct_work, name="conduct_work"),
    path("ky-hop/<int:pk>/dien-bien/lien-tich/", conduct.conduct_preparatory, name="conduct_preparatory"),
    path("ky-hop/<int:pk>/dien-bien/noi-dung/", conduct.conduct_item_add, name="conduct_item_add"),
    path("ky-hop/<int:pk>/diem-danh/", conduct.conduct_attendance, name="conduct_attendance"),
    path("ky-hop/<int:pk>/bien-ban/", conduct.conduct_minutes, name="conduct_minutes"),
    path("ky-hop/<int:pk>/bien-ban/tep/", conduct.conduct_minutes_file, name="conduct_minutes_file"),
    path("ky-hop/<int:pk>/bien-ban.docx", conduct.conduct_minutes_docx, name="conduct_minutes_docx"),
    path("ky-hop/<int:pk>/bien-ban.pdf", conduct.conduct_minutes_pdf, name="conduct_minutes_pdf"),
    path("ky-hop/<int:pk>/thong-bao-ket-qua.docx", conduct.conduct_results_docx, name="conduct_results_docx"),
    path("ky-hop/<int:pk>/thong-bao-ket-qua.pdf", conduct.conduct_results_pdf, name="conduct_results_pdf"),
    path("ky-hop/noi-dung/<int:pk>/sua/", conduct.conduct_item_edit, name="conduct_item_edit"),
    path("ky-hop/noi-dung/<int:pk>/xoa/", conduct.conduct_item_remove, name="conduct_item_remove"),
    path("ky-hop/noi-dung/<int:pk>/di-chuyen/", conduct.conduct_item_move, name="conduct_item_move"),
    path("ky-hop/noi-dung/<int:pk>/tham-tra/", conduct.conduct_examination, name="conduct_examination"),
    path(
        "ky-hop/noi-dung/<int:pk>/tham-tra/tep/",
        conduct.conduct_examination_file,
        name="conduct_examination_file",
    ),
    path("ky-hop/noi-dung/<int:pk>/tai-lieu/", conduct.conduct_document_add, name="conduct_document_add"),
    path("ky-hop/noi-dung/<int:pk>/bieu-quyet/", conduct.conduct_vote, name="conduct_vote"),
    path("ky-hop/tai-lieu/<int:pk>/", conduct.conduct_document_file, name="conduct_document_file"),
    path("ky-hop/bieu-quyet/<int:pk>/ghi-lai/", conduct.conduct_vote_correct, name="conduct_vote_correct"),
    path("ky-hop/bieu-quyet/<int:pk>/xoa/", conduct.conduct_vote_remove, name="conduct_vote_remove"),
    # Standing-committee meetings
    path("hdnd/<int:pk>/thuong-truc/", standing.standing_list, name="standing_list"),
    path("hdnd/<int:pk>/thuong-truc/them/", standing.standing_add, name="standing_add"),
    path("hdnd/<int:pk>/thuong-truc/nhiem-vu/", standing.standing_tasks, name="standing_tasks"),
    path("thuong-truc/<int:pk>/", standing.standing_detail, name="standing_detail"),
    path("thuong-truc/<int:pk>/sua/", standing.standing_edit, name="standing_edit"),
    path("thuong-truc/<int:pk>/chuong-trinh/", standing.standing_agenda, name="standing_agenda"),
    path("thuong-truc/<int:pk>/thanh-phan/", standing.standing_participants, name="standing_participants"),
    path(
        "thuong-truc/thanh-phan/<int:pk>/bo/",
        standing.standing_participant_remove,
        name="standing_participant_remove",
    ),
    path("thuong-truc/<int:pk>/tai-lieu/", standing.standing_material_add, name="standing_material_add"),
    path("thuong-truc/tai-lieu/<int:pk>/", standing.standing_material, name="standing_material"),
    path(
        "thuong-truc/tai-lieu/<int:pk>/bo/",
        standing.standing_material_remove,
        name="standing_material_remove",
    ),
    path("thuong-truc/<int:pk>/da-hop/", standing.standing_held, name="standing_held"),
    path("thuong-truc/<int:pk>/ket-luan/", standing.standing_conclusion_add, name="standing_conclusion_add"),
    path(
        "thuong-truc/ket-luan/<int:pk>/bo/",
        standing.standing_conclusion_remove,
        name="standing_conclusion_remove",
    ),
    path("thuong-truc/<int:pk>/thong-bao/", standing.standing_notice, name="standing_notice"),
    path("thuong-truc/<int:pk>/thong-bao.docx", standing.standing_notice_docx, name="standing_notice_docx"),
    path("thuong-truc/<int:pk>/thong-bao.pdf", standing.standing_notice_pdf, name="standing_notice_pdf"),
    path("thuong-truc/nhiem-vu/<int:pk>/xong/", standing.standing_task_done, name="standing_task_done"),
]
