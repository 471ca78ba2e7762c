"""Input for the reports pages; the actions check the rules, the forms only clean the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hdnd.core.forms import DATE_ERROR, DATE_HELP, StyledForm

from .actions import MAX_DUE_DAYS, PROPOSAL_MAX, TEXT_MAX


class PeriodForm(StyledForm):
    code = forms.CharField(
        label="Kỳ báo cáo",
        max_length=10,
        help_text="2026-Q1 (quý I), 2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm).",
        error_messages={"required": "Nhập kỳ báo cáo, ví dụ 2026-Q1."},
    )
    due_working_days = forms.IntegerField(
        label="Hạn gửi: số ngày làm việc sau ngày cuối kỳ",
        min_value=0,
        max_value=MAX_DUE_DAYS,
        required=False,
        help_text="Ví dụ 5: hạn là ngày làm việc thứ 5 sau ngày cuối kỳ (trừ ngày nghỉ, lễ, Tết).",
        error_messages={
            "invalid": "Số ngày phải là một số nguyên.",
            "min_value": f"Số ngày làm việc từ 0 đến {MAX_DUE_DAYS}.",
            "max_value": f"Số ngày làm việc từ 0 đến {MAX_DUE_DAYS}.",
        },
    )
    due_on = forms.DateField(
        label="Hoặc hạn gửi cụ thể",
        required=False,
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_ERROR},
    )
    note = forms.CharField(
        label="Yêu cầu, hướng dẫn", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        quarter = (today.month - 1) // 3 + 1
        self.fields["code"].initial = f"{today.year}-Q{quarter}"
        self.fields["due_working_days"].initial = 5


class NarrativeForm(StyledForm):
    results = forms.CharField(
        label="Kết quả đạt được",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX,
        required=False,
    )
    shortcomings = forms.CharField(
        label="Tồn tại, hạn chế và nguyên nhân",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
    )
    next_tasks = forms.CharField(
        label="Nhiệm vụ trọng tâm kỳ tới",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
    )


class ProposalForm(StyledForm):
    small = True
    text = forms.CharField(
        label="Kiến nghị, đề xuất",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=PROPOSAL_MAX,
        error_messages={"required": "Nhập nội dung kiến nghị, đề xuất."},
    )
    topic = forms.CharField(label="Lĩnh vực", max_length=120, required=False)


class ReturnForm(StyledForm):
    small = True
    reason = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=PROPOSAL_MAX,
        error_messages={"required": "Nhập lý do trả lại để cấp dưới hoàn thiện."},
    )
