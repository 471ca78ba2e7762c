"""Input for the session and standing-committee pages; the actions check the rules, the forms only clean
the input."""

from __future__ import annotations

from typing import Any

from django import forms

from hdnd.core.forms import DATE_ERROR, StyledForm
from hdnd.councils.models import Agency, Body, Council, Person, Term

from . import standing
from .hooks import drafts
from .models import (
    Session,
    SessionAgendaItem,
    SessionBallot,
    SessionVote,
    StandingAgendaItem,
    StandingMeeting,
)

FILE_HELP = "PDF, Word hoặc Excel, tối đa 20 MB."


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


# The conduct of a session -------------------------------------------------------------------------


class PreparatoryForm(StyledForm):
    small = True
    held_on = forms.DateField(label="Ngày họp liên tịch")
    participants = forms.CharField(
        label="Thành phần", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    conclusions = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ItemForm(StyledForm):
    small = True
    kind = forms.ChoiceField(label="Loại", choices=SessionAgendaItem.Kind.choices)
    title = forms.CharField(label="Tên nội dung", max_length=2000)
    presenter = forms.CharField(label="Cơ quan, người trình bày", max_length=255, required=False)
    examining_body = forms.ModelChoiceField(
        label="Ban thẩm tra", queryset=Body.objects.none(), required=False
    )
    # The council's drafts, as the resolutions app lists them (``hooks``); no field without that app.
    resolution: Any = forms.ModelChoiceField(
        label="Dự thảo nghị quyết (nếu có)", queryset=None, required=False
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies: Any = self.fields["examining_body"]
        bodies.queryset = Body.objects.active().filter(council=session.council, kind__startswith="ban_")
        choices = drafts().choices(session.council)
        if choices is None:
            del self.fields["resolution"]
        else:
            field: Any = self.fields["resolution"]
            field.queryset = choices


class ExaminationForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày báo cáo thẩm tra")
    file = forms.FileField(label="Tệp báo cáo thẩm tra", required=False, help_text=FILE_HELP)


class DocumentForm(StyledForm):
    small = True
    title = forms.CharField(label="Tên tài liệu", max_length=255, required=False)
    file = forms.FileField(label="Tệp", help_text=FILE_HELP)


class VoteForm(StyledForm):
    subject = forms.CharField(label="Nội dung biểu quyết", max_length=255, required=False)
    method = forms.ChoiceField(label="Hình thức", choices=SessionVote.Method.choices)
    votes_for = forms.IntegerField(label="Tán thành", min_value=0, initial=0)
    votes_against = forms.IntegerField(label="Không tán thành", min_value=0, initial=0)
    abstentions = forms.IntegerField(label="Phân vân", min_value=0, initial=0)
    not_voting = forms.IntegerField(
        label="Không biểu quyết", min_value=0, required=False, help_text="Trống: số có mặt còn lại"
    )

    def __init__(self, *args: Any, present: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.present = present
        choices = [("", "— Không ghi —"), *SessionBallot.Choice.choices]
        for person in present:
            self.fields[f"ballot_{person.pk}"] = forms.ChoiceField(
                label=person.full_name, choices=choices, required=False
            )
            self.fields[f"ballot_{person.pk}"].widget.attrs["class"] = "form-select form-select-sm"

    def ballots(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data[f"ballot_{person.pk}"]
            for person in self.present
            if self.cleaned_data.get(f"ballot_{person.pk}")
        }

    def ballot_fields(self) -> list[Any]:
        return [self[f"ballot_{person.pk}"] for person in self.present]


class MinutesForm(StyledForm):
    chair_name = forms.CharField(label="Chủ tọa kỳ họp", max_length=120, required=False)
    secretary_name = forms.CharField(label="Thư ký kỳ họp", max_length=120, required=False)
    text = forms.CharField(label="Diễn biến kỳ họp", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    file = forms.FileField(label="Tệp biên bản đã ký", required=False, help_text=FILE_HELP)
    results_notice = forms.CharField(
        label="Thông báo kết quả kỳ họp", widget=forms.Textarea(attrs={"rows": 4}), required=False
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
