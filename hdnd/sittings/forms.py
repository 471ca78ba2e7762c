"""Input for the session and standing-committee pages; the actions check the rules, the forms only clean
the input."""

from __future__ import annotations

from typing import Any

from django import forms

from hdnd.core.forms import DATE_ERROR, StyledForm
from hdnd.councils.models import Agency, Council, Person, Term

from . import standing
from .models import Session, StandingAgendaItem, StandingMeeting


class SessionForm(StyledForm):
    term = forms.ModelChoiceField(queryset=Term.objects.none(), label="Khóa")
    number = forms.IntegerField(
        label="Kỳ họp thứ", min_value=1, max_value=999, required=False, help_text="Trống: số tiếp theo"
    )
    kind = forms.ChoiceField(label="Loại kỳ họp", choices=Session.Kind.choices)
    requested_by = forms.ChoiceField(
        label="Người đề nghị (kỳ họp chuyên đề, bất thường)",
        choices=[("", "— Không —"), *Session.Requester.choices],
        required=False,
    )
    requesting_delegates = forms.IntegerField(label="Số đại biểu đề nghị", min_value=1, required=False)
    opens_on = forms.DateField(label="Ngày khai mạc")
    closes_on = forms.DateField(label="Ngày bế mạc")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = Term.objects.filter(council=council).order_by("-starts_on")
        field: Any = self.fields["term"]
        field.queryset = terms
        current = council.current_term()
        if current is not None:
            field.initial = current.pk


class EditForm(StyledForm):
    opens_on = forms.DateField(label="Ngày khai mạc")
    closes_on = forms.DateField(label="Ngày bế mạc")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DayForm(StyledForm):
    """One date: the convening decision's, the documents' sending, the day a meeting was held."""

    small = True
    day = forms.DateField(label="Ngày")


class NumberedDayForm(StyledForm):
    """A numbered document's date, and its number when it was issued before the platform (else the next)."""

    small = True
    day = forms.DateField(label="Ngày", error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."})
    number = forms.IntegerField(
        label="Số",
        min_value=1,
        max_value=99999,
        required=False,
        help_text="Trống: số tiếp theo của năm",
        error_messages={
            "invalid": "Số văn bản phải là một số nguyên, ví dụ 12.",
            "min_value": "Số văn bản phải từ 1 trở lên.",
            "max_value": "Số văn bản không quá 99999.",
        },
    )


# Standing-committee meetings ----------------------------------------------------------------------


class MeetingForm(StyledForm):
    kind = forms.ChoiceField(label="Loại phiên họp", choices=StandingMeeting.Kind.choices)
    meets_on = forms.DateField(label="Ngày họp")
    starts_at = forms.TimeField(label="Giờ bắt đầu", required=False, help_text="Ví dụ 08:00")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AgendaForm(StyledForm):
    items = forms.CharField(
        label="Chương trình phiên họp",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Mỗi dòng một nội dung, theo thứ tự; người trình bày sau dấu |, ví dụ: "
        "“Báo cáo kết quả giám sát | Ban Pháp chế”.",
    )

    def clean_items(self) -> list[standing.AgendaLine]:
        lines: list[standing.AgendaLine] = []
        for raw in str(self.cleaned_data.get("items") or "").splitlines():
            if not raw.strip():
                continue
            title, _, presenter = raw.partition("|")
            lines.append(standing.AgendaLine(title.strip(), presenter.strip()))
        return lines


class ParticipantsForm(StyledForm):
    small = True
    memberships = forms.MultipleChoiceField(
        label="Thành viên Thường trực HĐND", required=False, widget=forms.CheckboxSelectMultiple
    )
    invited = forms.CharField(
        label="Người, cơ quan được mời",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Mỗi dòng một người hoặc cơ quan; chức vụ, đơn vị sau dấu |.",
    )

    def __init__(self, *args: Any, seats: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seats = {str(seat.pk): seat for seat in seats}
        field: Any = self.fields["memberships"]
        field.choices = [(str(seat.pk), f"{seat.person} – {seat.get_role_display()}") for seat in seats]

    def clean_invited(self) -> list[tuple[str, str]]:
        pairs = []
        for raw in str(self.cleaned_data.get("invited") or "").splitlines():
            name, _, position = raw.partition("|")
            if name.strip():
                pairs.append((name.strip(), position.strip()))
        return pairs


class MaterialForm(StyledForm):
    small = True
    title = forms.CharField(label="Tên tài liệu", max_length=255, required=False)
    agenda_item = forms.ModelChoiceField(
        label="Thuộc nội dung", queryset=StandingAgendaItem.objects.none(), required=False
    )
    file = forms.FileField(
        label="Tệp",
        help_text="PDF, Word, Excel hoặc ảnh, tối đa 20 MB.",
        error_messages={"required": "Chọn tệp tài liệu."},
    )

    def __init__(self, *args: Any, meeting: StandingMeeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agenda_item"]
        field.queryset = StandingAgendaItem.objects.filter(meeting=meeting)


class ConclusionForm(StyledForm):
    small = True
    content = forms.CharField(label="Nội dung kết luận", widget=forms.Textarea(attrs={"rows": 2}))
    owner_agency = forms.ModelChoiceField(
        label="Cơ quan thực hiện", queryset=Agency.objects.none(), required=False
    )
    owner_person = forms.ModelChoiceField(
        label="Hoặc người thực hiện", queryset=Person.objects.none(), required=False
    )
    owner_name = forms.CharField(label="Hoặc ghi tên", max_length=255, required=False)
    due_on = forms.DateField(label="Thời hạn", required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["owner_agency"]
        agency.queryset = Agency.objects.filter(council=council, is_active=True)
        person: Any = self.fields["owner_person"]
        person.queryset = Person.objects.filter(council=council)


class NoticeForm(StyledForm):
    issued_on = forms.DateField(label="Ngày ban hành")
    number = forms.IntegerField(
        label="Số thông báo", min_value=1, required=False, help_text="Trống: số tiếp theo của năm"
    )
    text = forms.CharField(label="Nội dung chung", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    recipients = forms.CharField(
        label="Nơi nhận",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Mỗi dòng một nơi",
    )
    signer_name = forms.CharField(
        label="Người ký (Chủ tịch)", max_length=120, required=False, help_text="Trống: Chủ tịch HĐND hiện tại"
    )


class TaskDoneForm(StyledForm):
    small = True
    done_on = forms.DateField(label="Ngày hoàn thành")
    result = forms.CharField(label="Kết quả", widget=forms.Textarea(attrs={"rows": 1}), required=False)
