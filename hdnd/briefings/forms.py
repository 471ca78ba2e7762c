"""Input for the briefing pages; the actions check the rules, the forms only clean the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hdnd.core.forms import StyledForm
from hdnd.core.periods import BAD_PERIOD, Period
from hdnd.councils.models import Body, Council, Person

from .actions import AgendaLine
from .models import Briefing, BriefingPoint


def current_quarter() -> str:
    today = timezone.localdate()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


class BriefingForm(StyledForm):
    period = forms.CharField(
        label="Kỳ giao ban", max_length=10, help_text="Ví dụ 2026-Q1, 2026-H1, 2026-9M, 2026"
    )
    meets_on = forms.DateField(label="Ngày họp")
    starts_at = forms.TimeField(
        label="Giờ bắt đầu",
        required=False,
        widget=forms.TimeInput(attrs={"placeholder": "08:00"}, format="%H:%M"),
    )
    place = forms.CharField(label="Điểm cầu chính", max_length=255, required=False)
    chair = forms.ModelChoiceField(queryset=Person.objects.none(), label="Chủ trì", required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chair: Any = self.fields["chair"]
        chair.queryset = Person.objects.filter(council=council).order_by("name_key")
        self.fields["period"].initial = current_quarter()
        self.fields["starts_at"].error_messages["invalid"] = "Nhập giờ dạng 08:00."

    def clean_period(self) -> str:
        try:
            return Period.parse(self.cleaned_data["period"]).code
        except ValidationError:
            raise ValidationError(BAD_PERIOD) from None


class AgendaForm(StyledForm):
    items = forms.CharField(
        label="Chương trình (mỗi dòng một nội dung; người trình bày sau dấu |)",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def clean_items(self) -> list[AgendaLine]:
        lines = []
        for raw in self.cleaned_data["items"].splitlines():
            if raw.strip():
                title, _, presenter = raw.partition("|")
                lines.append(AgendaLine(title.strip(), presenter.strip()))
        return lines


class ParticipantsForm(StyledForm):
    councils = forms.ModelMultipleChoiceField(
        queryset=Council.objects.none(),
        label="HĐND cấp dưới được mời",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một HĐND cấp dưới."},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["councils"]
        field.queryset = Council.objects.filter(parent=council).active().order_by("name_key")


class PointForm(StyledForm):
    small = True
    name = forms.CharField(label="Tên điểm cầu", max_length=255)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)


class PointAttendeesForm(StyledForm):
    small = True
    attendees = forms.CharField(
        label="Người dự tại điểm cầu (mỗi dòng một người)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


ATTENDED = [("", "Chưa điểm danh"), ("yes", "Có mặt"), ("no", "Vắng")]


class AttendanceForm(StyledForm):
    small = True
    point = forms.ModelChoiceField(queryset=BriefingPoint.objects.none(), label="Điểm cầu", required=False)
    attended = forms.ChoiceField(label="Tham dự", choices=ATTENDED, required=False)
    attendees = forms.CharField(label="Người dự, chức vụ", max_length=500, required=False)

    def __init__(self, *args: Any, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        point: Any = self.fields["point"]
        point.queryset = briefing.points.all()

    def clean_attended(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["attended"])


class DayForm(StyledForm):
    small = True
    day = forms.DateField(label="Ngày")


class InvitationForm(StyledForm):
    small = True
    issued_on = forms.DateField(label="Ngày phát hành")
    number = forms.IntegerField(
        label="Số (trống: số tiếp theo)",
        min_value=1,
        max_value=99999,
        required=False,
        error_messages={"invalid": "Số phải là số nguyên dương."},
    )


class ContributionForm(StyledForm):
    small = True
    council = forms.ModelChoiceField(
        queryset=Council.objects.none(), label="Đơn vị", required=False, empty_label="— HĐND tổ chức —"
    )
    speaker = forms.CharField(label="Người phát biểu", max_length=255)
    speaker_title = forms.CharField(label="Chức vụ", max_length=255, required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["council"]
        field.queryset = Council.objects.filter(pk__in=briefing.participants.values("council_id")).order_by(
            "name_key"
        )
        field.empty_label = "— HĐND tổ chức —"


class AnswerForm(StyledForm):
    small = True
    answer = forms.CharField(label="Trả lời", widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionForm(StyledForm):
    small = True
    content = forms.CharField(label="Nội dung kết luận", widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label="Thời hạn (nếu là nhiệm vụ)", required=False)
    councils = forms.ModelMultipleChoiceField(
        queryset=Council.objects.none(),
        label="Giao HĐND cấp dưới",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(),
        label="Giao cơ quan",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        councils: Any = self.fields["councils"]
        councils.queryset = Council.objects.filter(
            pk__in=briefing.participants.values("council_id")
        ).order_by("name_key")
        bodies: Any = self.fields["bodies"]
        bodies.queryset = (
            Body.objects.filter(council_id=briefing.council_id).active().order_by("kind", "name")
        )


class NoticeForm(StyledForm):
    issued_on = forms.DateField(label="Ngày ban hành")
    number = forms.IntegerField(
        label="Số (trống: số tiếp theo của TB-HĐND)",
        min_value=1,
        max_value=99999,
        required=False,
        error_messages={"invalid": "Số phải là số nguyên dương."},
    )
    text = forms.CharField(label="Đánh giá chung", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    signer_name = forms.CharField(label="Người ký", max_length=120, required=False)
