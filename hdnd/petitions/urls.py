"""Every page of petitions, by feature, in the ``petitions`` namespace.

The public pages live under ``cong-khai/kien-nghi/`` and need no login; the staff's publish buttons sit
next to the issue and cycle pages they act on. ``tests/test_permission_matrix.py`` requests every name.
"""

from django.urls import URLPattern, path

from .views import classify, entry, followup, forwarding, intake, public, reports, search, synthesis

app_name = "petitions"
PUBLIC = "cong-khai/kien-nghi"

urlpatterns: list[URLPattern] = [
    # Cycles, meetings and petition entry
    path("hdnd/<int:pk>/kien-nghi/", entry.cycle_list, name="cycle_list"),
    path("hdnd/<int:pk>/kien-nghi/dot/them/", entry.cycle_add, name="cycle_add"),
    path("kien-nghi/dot/<int:pk>/", entry.cycle_detail, name="cycle_detail"),
    path("kien-nghi/dot/<int:pk>/tiep-xuc/them/", entry.meeting_add, name="meeting_add"),
    path("kien-nghi/tiep-xuc/<int:pk>/", entry.meeting_detail, name="meeting_detail"),
    path("kien-nghi/tiep-xuc/<int:pk>/y-kien/", entry.petition_add, name="petition_add"),
    path("kien-nghi/tiep-xuc/<int:pk>/dan-danh-sach/", entry.petition_paste, name="petition_paste"),
    # Synthesis and review
    path("kien-nghi/dot/<int:pk>/tong-hop/", synthesis.synthesis, name="synthesis"),
    path("kien-nghi/tong-hop-nen/<int:pk>/", synthesis.synthesis_run, name="synthesis_run"),
    path("kien-nghi/y-kien/<int:pk>/chuyen/", synthesis.petition_move, name="petition_move"),
    path("kien-nghi/y-kien/<int:pk>/tach/", synthesis.petition_split, name="petition_split"),
    path("kien-nghi/y-kien/<int:pk>/trung/", synthesis.petition_duplicate, name="petition_duplicate"),
    path("kien-nghi/tong-hop/<int:pk>/gop/", synthesis.issue_merge, name="issue_merge"),
    path("kien-nghi/tong-hop/<int:pk>/xac-nhan/", synthesis.issue_confirm, name="issue_confirm"),
    # The issue, forwarding, answers and ratings
    path("kien-nghi/tong-hop/<int:pk>/", forwarding.issue_detail, name="issue_detail"),
    path("kien-nghi/tong-hop/<int:pk>/chuyen-co-quan/", forwarding.issue_forward, name="issue_forward"),
    path("hdnd/<int:pk>/kien-nghi/qua-han/", forwarding.overdue_board, name="overdue_board"),
    path("co-quan/<int:pk>/kien-nghi/", forwarding.agency_inbox, name="agency_inbox"),
    path(
        "kien-nghi/chuyen/<int:pk>/so-cong-van/",
        forwarding.forwarding_letter_number,
        name="forwarding_letter_number",
    ),
    path(
        "kien-nghi/chuyen/<int:pk>/da-nhan/", forwarding.forwarding_acknowledge, name="forwarding_acknowledge"
    ),
    path("kien-nghi/chuyen/<int:pk>/tra-loi/", forwarding.forwarding_answer, name="forwarding_answer"),
    path("kien-nghi/tra-loi/<int:pk>/danh-gia/", forwarding.answer_rate, name="answer_rate"),
    # Classification and the field taxonomy
    path("kien-nghi/tong-hop/<int:pk>/phan-loai/", classify.classify_issue, name="classify_issue"),
    path("kien-nghi/tong-hop/<int:pk>/phan-loai/ap-dung/", classify.classify_apply, name="classify_apply"),
    path(
        "kien-nghi/tong-hop/<int:pk>/phan-loai/ap-dung-goi-y/",
        classify.classify_accept,
        name="classify_accept",
    ),
    path("kien-nghi/dot/<int:pk>/phan-loai/", classify.classify_review, name="classify_review"),
    path("hdnd/<int:pk>/kien-nghi/linh-vuc/", classify.classify_fields, name="classify_fields"),
    path("hdnd/<int:pk>/kien-nghi/linh-vuc/them/", classify.classify_field_add, name="classify_field_add"),
    path("kien-nghi/linh-vuc/", classify.classify_national_fields, name="classify_national_fields"),
    path(
        "kien-nghi/linh-vuc/them/", classify.classify_national_field_add, name="classify_national_field_add"
    ),
    path("kien-nghi/linh-vuc/<int:pk>/sua/", classify.classify_field_edit, name="classify_field_edit"),
    # After the answer
    path("kien-nghi/tong-hop/<int:pk>/theo-doi/", followup.flag, name="followup_flag"),
    path("kien-nghi/tong-hop/<int:pk>/dot-truoc/", followup.earlier, name="followup_earlier"),
    path("kien-nghi/tong-hop/<int:pk>/gan-dot-truoc/", followup.link_earlier, name="followup_link_earlier"),
    path("kien-nghi/chuyen/<int:pk>/chuyen-lai/", followup.reforward, name="followup_reforward"),
    path("kien-nghi/dot/<int:pk>/chuyen-dot-sau/", followup.carry_over, name="followup_carry_over"),
    path("hdnd/<int:pk>/kien-nghi/theo-doi/", followup.board, name="followup_board"),
    path("kien-nghi/cua-toi/", followup.mine, name="followup_mine"),
    path("kien-nghi/tra-loi/<int:pk>/van-ban/", followup.answer_document, name="followup_answer_document"),
    # Reception, letters, imports and referral
    path("kien-nghi/dot/<int:pk>/tiep-nhan/", intake.intake_received, name="intake_received"),
    path(
        "kien-nghi/dot/<int:pk>/tiep-nhan/nhap-tep/",
        intake.intake_received_import,
        name="intake_received_import",
    ),
    path("kien-nghi/tiep-xuc/<int:pk>/nhap-tep/", intake.intake_meeting_import, name="intake_meeting_import"),
    path("kien-nghi/mau-nhap/<slug:kind>.<slug:fmt>", intake.intake_template, name="intake_template"),
    path("kien-nghi/tong-hop/<int:pk>/chuyen-hdnd/", intake.intake_refer, name="intake_refer"),
    path("kien-nghi/dot/<int:pk>/chuyen-len-cap-tren/", intake.intake_refer_up, name="intake_refer_up"),
    # Publication and the public pages
    path(f"{PUBLIC}/", public.public_index, name="public_index"),
    path(f"{PUBLIC}/tra-cuu/", public.public_lookup, name="public_lookup"),
    path(f"{PUBLIC}/hdnd/<int:pk>/", public.public_council, name="public_council"),
    path(
        f"{PUBLIC}/hdnd/<int:pk>/lich/",
        public.public_schedule,
        {"kind": "council"},
        name="public_council_schedule",
    ),
    path(
        f"{PUBLIC}/hdnd/<int:pk>/lich.ics",
        public.public_ical,
        {"kind": "council"},
        name="public_council_ical",
    ),
    path(f"{PUBLIC}/dot/<int:pk>/", public.public_cycle, name="public_cycle"),
    path(
        f"{PUBLIC}/dot/<int:pk>/lich/",
        public.public_schedule,
        {"kind": "cycle"},
        name="public_cycle_schedule",
    ),
    path(f"{PUBLIC}/dot/<int:pk>/lich.ics", public.public_ical, {"kind": "cycle"}, name="public_cycle_ical"),
    path(f"{PUBLIC}/xa/<int:pk>/", public.public_commune, name="public_commune"),
    path("kien-nghi/tong-hop/<int:pk>/cong-khai/", public.issue_publish, name="public_issue_publish"),
    path(
        "kien-nghi/tong-hop/<int:pk>/thoi-cong-khai/", public.issue_unpublish, name="public_issue_unpublish"
    ),
    path("kien-nghi/dot/<int:pk>/cong-khai/", public.cycle_publish, name="public_cycle_publish"),
    # Statistics, reports and search
    path("hdnd/<int:pk>/kien-nghi/thong-ke/", reports.statistics_page, name="reports_statistics"),
    path("hdnd/<int:pk>/kien-nghi/thong-ke/tong-hop.xlsx", reports.rollup_xlsx, name="reports_rollup_xlsx"),
    path(
        "kien-nghi/dot/<int:pk>/bao-cao-tong-hop.docx", reports.synthesis_docx, name="reports_synthesis_docx"
    ),
    path("kien-nghi/dot/<int:pk>/ket-qua-tra-loi.docx", reports.results_docx, name="reports_results_docx"),
    path("kien-nghi/dot/<int:pk>/ket-qua-tra-loi.xlsx", reports.results_xlsx, name="reports_results_xlsx"),
    path(
        "kien-nghi/dot/<int:pk>/co-quan/<int:agency>/cong-van-chuyen.docx",
        reports.agency_letter,
        name="reports_agency_letter",
    ),
    path(
        "kien-nghi/chuyen/<int:pk>/cong-van-chuyen.docx",
        reports.forwarding_letter,
        name="reports_forwarding_letter",
    ),
    path("hdnd/<int:pk>/kien-nghi/tim-kiem/", search.petition_search, name="petition_search"),
]
