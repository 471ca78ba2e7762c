"""Input for the petition pages, with the messages users see in Vietnamese: one module for every
feature's forms (entry, synthesis review, forwarding and answers, follow-up, intake, classification,
statistics, search)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, QuerySet, When
from django.utils import timezone

from hdnd.core.forms import DATE_ERROR, DATE_HELP, StyledForm
from hdnd.core.tabular import XLSX_CONTENT_TYPE
from hdnd.core.text import vi_sorted
from hdnd.councils.models import Agency, BodyKind, Council, Person

from . import classify, followup, referral, search
from .actions import forwarding
from .actions.entry import EMPTY_TEXT, check_text
from .actions.intake import RECEIVED_SOURCES
from .competence import answering
from .grouping import issue_choices
from .import_files import REFERENCE_MAX
from .models import (
    AnswerRating,
    Competence,
    Cycle,
    Field,
    IssueFlag,
    Outcome,
    Petition,
    PetitionIssue,
    UnresolvedReason,
    VoterMeeting,
)

LIST_MAX_CHARS = 200_000


class CycleForm(StyledForm):
    name = forms.CharField(
        label="Tên đợt",
        max_length=160,
        help_text="Ví dụ: Trước kỳ họp thứ 12.",
        error_messages={"required": "Nhập tên đợt tiếp xúc, ví dụ: Trước kỳ họp thứ 12."},
    )
    kind = forms.ChoiceField(label="Loại", choices=Cycle.Kind.choices, initial=Cycle.Kind.BEFORE_SESSION)
    year = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2026.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )

    session = forms.ModelChoiceField(
        label="Kỳ họp",
        queryset=Cycle._meta.get_field("session").related_model._default_manager.none(),
        required=False,
        help_text="Kỳ họp mà đợt tiếp xúc chuẩn bị cho (trước kỳ họp) hoặc báo cáo lại (sau kỳ họp).",
        error_messages={"invalid_choice": "Chọn một kỳ họp của HĐND này."},
    )

    def __init__(self, *args: Any, council: Council | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if council is not None:
            sessions = Cycle._meta.get_field("session").related_model._default_manager
            field = self.fields["session"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = sessions.filter(council=council).select_related("council", "term")


class MeetingForm(StyledForm):
    date = forms.DateField(
        label="Ngày tiếp xúc",
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."},
    )
    place_text = forms.CharField(
        label="Địa điểm",
        max_length=255,
        help_text="Ví dụ: Nhà văn hóa thôn Đông, xã Đông Hòa.",
        error_messages={"required": "Nhập địa điểm tiếp xúc."},
    )
    kind = forms.ChoiceField(label="Hình thức", choices=VoterMeeting.Kind.choices)
    delegates = forms.ModelMultipleChoiceField(
        label="Đại biểu dự",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    officials = forms.CharField(
        label="Đại diện cơ quan trả lời tại buổi", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    voter_count = forms.IntegerField(
        label="Số cử tri dự", required=False, min_value=0, error_messages={"invalid": "Nhập một số."}
    )
    minutes = forms.CharField(
        label="Biên bản, ghi chép", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        delegates: Any = self.fields["delegates"]
        delegates.queryset = Person.objects.filter(council=council).delegates().order_by("name_key")


class PetitionForm(StyledForm):
    """One petition, typed during or after the meeting; the page keeps the form open for the next one."""

    text = forms.CharField(
        label="Nội dung ý kiến, kiến nghị",
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        error_messages={"required": EMPTY_TEXT},
    )
    voter_place = forms.CharField(label="Cử tri ở (thôn, tổ dân phố)", max_length=255, required=False)
    delegate = forms.ModelChoiceField(
        label="Đại biểu tiếp nhận", queryset=Person.objects.none(), required=False
    )
    answered_on_the_spot = forms.BooleanField(label="Đã trả lời tại buổi tiếp xúc", required=False)
    answer = forms.CharField(
        label="Nội dung đã trả lời", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, meeting: VoterMeeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        delegate: Any = self.fields["delegate"]
        delegate.queryset = meeting.delegates.order_by("name_key")

    def clean_text(self) -> str:
        return _checked_text(self.cleaned_data["text"])


def _checked_text(value: str) -> str:
    try:
        return check_text(value)
    except ValidationError as error:
        raise ValidationError(error.message_dict["text"]) from None


class PasteForm(StyledForm):
    """A list of petitions pasted from minutes: one a line, or numbered "1.", "1)", or "- " items."""

    text = forms.CharField(
        label="Danh sách ý kiến",
        widget=forms.Textarea(attrs={"rows": 12, "autofocus": True}),
        help_text="Mỗi dòng một ý kiến, hoặc đánh số 1., 2. … / gạch đầu dòng “- ”.",
        error_messages={"required": "Dán danh sách ý kiến vào ô trên."},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text) > LIST_MAX_CHARS:
            raise ValidationError(
                f"Danh sách dài quá {LIST_MAX_CHARS:,} ký tự".replace(",", ".")
                + "; hãy chia thành nhiều lần dán."
            )
        return text


class IssueChoiceForm(StyledForm):
    """Pick another draft issue of the same cycle (move a petition to it, or merge it)."""

    small = True
    issue = forms.TypedChoiceField(
        label="Kiến nghị", coerce=int, error_messages={"required": "Chọn kiến nghị."}
    )

    def __init__(self, *args: Any, cycle: Cycle, exclude: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issues = PetitionIssue.objects.filter(cycle=cycle, status=PetitionIssue.Status.DRAFT)
        if exclude is not None:
            issues = issues.exclude(pk=exclude)
        issue: Any = self.fields["issue"]
        issue.choices = issue_choices(list(issues))


# Forwarding and answers --------------------------------------------------------------------------


class ForwardForm(StyledForm):
    """Pick the agencies of the council that must answer an issue (one forwarding each)."""

    agencies = forms.ModelMultipleChoiceField(
        label="Chuyển đến cơ quan",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một cơ quan để chuyển kiến nghị."},
    )
    letter_number = forms.CharField(
        label="Số công văn chuyển",
        required=False,
        help_text="Ví dụ 45/HĐND-VP; có thể ghi sau khi công văn được ký.",
    )

    def __init__(
        self, *args: Any, council: Council, issue: PetitionIssue | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        agencies: Any = self.fields["agencies"]
        offered: QuerySet[Agency] = Agency.objects.filter(council=council, is_active=True).select_related(
            "council"
        )
        if issue is not None and not self.is_bound:
            # Offer the agencies that may answer at the issue's competence level; a posted choice is
            # checked by ``forward_issue``, which says why an agency of another level is refused.
            offered = answering(offered, issue.competence)
            if issue.agency_id and not issue.forwardings.filter(agency_id=issue.agency_id).exists():
                self.initial["agencies"] = [issue.agency_id]  # the answering agency, ticked until sent
        agencies.queryset = offered.order_by("kind", "name_key")


class LetterNumberForm(StyledForm):
    letter_number = forms.CharField(label="Số công văn chuyển", required=False)


class AnswerForm(StyledForm):
    outcome = forms.ChoiceField(
        label="Kết quả", choices=Outcome.choices, error_messages={"required": "Chọn kết quả giải quyết."}
    )
    text = forms.CharField(
        label="Nội dung trả lời",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Nhập nội dung trả lời."},
    )
    target_date = forms.DateField(
        label="Thời hạn dự kiến hoàn thành",
        required=False,
        help_text=f"Bắt buộc khi đang giải quyết. {DATE_HELP}",
        error_messages={"invalid": DATE_ERROR},
    )
    reason = forms.ChoiceField(
        label="Lý do chưa giải quyết",
        required=False,
        choices=[("", ""), *UnresolvedReason.choices],
        help_text="Bắt buộc khi chưa giải quyết.",
    )
    document = forms.FileField(
        label="Văn bản trả lời",
        required=False,
        help_text="Tệp PDF, Word, Excel hoặc ảnh chụp văn bản, tối đa 20 MB.",
    )

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document:
            try:
                forwarding.check_document(document)
            except ValidationError as error:
                raise ValidationError(error.message_dict["document"]) from None
        return document

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "outcome" in data and "text" in data:
            try:
                forwarding.check_answer(
                    data["outcome"], data["text"], data.get("target_date"), data.get("reason", "")
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return data


class RatingForm(StyledForm):
    small = True
    rating = forms.ChoiceField(
        label="Đánh giá",
        choices=AnswerRating.Rating.choices,
        error_messages={"required": "Chọn mức đánh giá."},
    )


# After the answer ----------------------------------------------------------------------------------


class FlagForm(StyledForm):
    small = True
    flag = forms.ChoiceField(
        label="Theo dõi tiếp", required=False, choices=[("", "Không"), *IssueFlag.choices]
    )
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReforwardForm(StyledForm):
    small = True
    note = forms.CharField(
        label="Lý do chuyển lại",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Nhập lý do chuyển lại (nội dung cần cơ quan trả lời thêm)."},
    )


class CarryOverForm(StyledForm):
    small = True
    target = forms.ModelChoiceField(
        label="Chuyển sang đợt",
        queryset=Cycle.objects.none(),
        error_messages={"required": "Chọn đợt tiếp xúc nhận kiến nghị.", "invalid_choice": "Chọn đợt sau."},
    )

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target: Any = self.fields["target"]
        target.queryset = followup.next_cycles(cycle).order_by("-year", "-created_at")


# Reception, letters, imports and referral ------------------------------------------------------

RECEIVED_CHOICES = [(value, Petition.Source(value).label) for value in RECEIVED_SOURCES]


class ReceivedForm(StyledForm):
    """One petition from citizen reception or a letter; source and date stay for the next one."""

    source = forms.ChoiceField(label="Nguồn", choices=RECEIVED_CHOICES, initial=Petition.Source.RECEPTION)
    received_on = forms.DateField(
        label="Ngày nhận",
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."},
    )
    reference = forms.CharField(label="Số phiếu, số đơn", max_length=REFERENCE_MAX, required=False)
    text = forms.CharField(
        label="Nội dung ý kiến, kiến nghị",
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        error_messages={"required": EMPTY_TEXT},
    )
    voter_place = forms.CharField(label="Cử tri ở (thôn, tổ dân phố)", max_length=255, required=False)
    delegate = forms.ModelChoiceField(
        label="Đại biểu tiếp nhận", queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        delegate: Any = self.fields["delegate"]
        delegate.queryset = Person.objects.filter(council=council).order_by("name_key")

    def clean_text(self) -> str:
        try:
            return check_text(self.cleaned_data["text"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["text"]) from None


class ImportForm(StyledForm):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx hoặc .docx)",
        error_messages={"required": "Chọn tệp .xlsx hoặc .docx.", "empty": "Tệp tải lên trống."},
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,.docx,{XLSX_CONTENT_TYPE}"}),
    )


class ReceivedImportForm(ImportForm):
    source = forms.ChoiceField(label="Nguồn", choices=RECEIVED_CHOICES, initial=Petition.Source.RECEPTION)
    received_on = forms.DateField(
        label="Ngày nhận (khi dòng không ghi)",
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."},
    )


class ReferForm(StyledForm):
    to_council = forms.ModelChoiceField(
        label="Chuyển đến",
        queryset=Council.objects.none(),
        error_messages={
            "required": "Chọn HĐND nhận kiến nghị.",
            "invalid_choice": "Chọn HĐND trong danh sách.",
        },
    )
    note = forms.CharField(
        label="Ghi chú (lý do chuyển, số công văn)",
        required=False,
        max_length=referral.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_council: Any = self.fields["to_council"]
        to_council.queryset = Council.objects.filter(pk__in=[c.pk for c in referral.targets(council)])
        to_council.label_from_instance = lambda c: _target_label(council, c)


def _target_label(source: Council, target: Council) -> str:
    way = "cấp trên" if referral.direction(source, target) == referral.UP else "cấp dưới"
    return f"{target.name} ({way})"


# Classification and the field taxonomy ----------------------------------------------------------

COMMITTEES = [(kind.value, kind.label) for kind in BodyKind if kind.value.startswith("ban_")] + [
    (BodyKind.STANDING.value, BodyKind.STANDING.label)
]


class ClassifyForm(StyledForm):
    small = True
    field = forms.ModelChoiceField(label="Lĩnh vực", queryset=Field.objects.none(), required=False)
    competence = forms.ChoiceField(
        label="Cấp có thẩm quyền", choices=[("", "— Chọn —"), *Competence.choices], required=False
    )
    agency = forms.ModelChoiceField(label="Cơ quan trả lời", queryset=Agency.objects.none(), required=False)

    def __init__(self, *args: Any, issue: PetitionIssue, **kwargs: Any) -> None:
        initial = {"field": issue.field_id, "competence": issue.competence, "agency": issue.agency_id}
        super().__init__(*args, initial=initial, **kwargs)
        field_choice: Any = self.fields["field"]
        usable = vi_sorted(classify.active_fields(issue.council), key=lambda item: item.name)
        order = Case(*(When(pk=item.pk, then=i) for i, item in enumerate(usable)), default=len(usable))
        field_choice.queryset = Field.objects.filter(pk__in=[item.pk for item in usable]).order_by(order)
        agency_choice: Any = self.fields["agency"]
        agency_choice.queryset = Agency.objects.filter(council_id=issue.council_id, is_active=True)


class FieldForm(StyledForm):
    name = forms.CharField(
        label="Tên lĩnh vực", max_length=160, error_messages={"required": "Nhập tên lĩnh vực."}
    )
    committee_kind = forms.ChoiceField(
        label="Ban theo dõi", choices=[("", "— Chọn —"), *COMMITTEES], required=False
    )
    keywords = forms.CharField(
        label="Từ khóa",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Mỗi dòng một cụm từ; không phân biệt dấu, chữ hoa. Ví dụ: đường liên thôn.",
    )
    active = forms.BooleanField(label="Đang dùng", required=False, initial=True)


# Statistics and search --------------------------------------------------------------------------


class StatisticsFilter(StyledForm):
    """Which figures: one cycle of the council, or every cycle of a year, or all time."""

    small = True
    cycle = forms.TypedChoiceField(label="Đợt tiếp xúc", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any, *, council: Council) -> None:
        self.cycles = list(Cycle.objects.filter(council=council).order_by("-year", "-created_at", "-pk"))
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["cycle"]).choices = [("", "Tất cả các đợt")] + [
            (c.pk, str(c)) for c in self.cycles
        ]
        years = sorted({c.year for c in self.cycles} | {timezone.localdate().year}, reverse=True)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", "Tất cả các năm")] + [
            (y, str(y)) for y in years
        ]

    def chosen(self) -> tuple[Cycle | None, int | None]:
        """The cycle and year asked for; an unknown value counts as not chosen."""
        if not self.is_valid():
            return None, None
        cycle = next((c for c in self.cycles if c.pk == self.cleaned_data["cycle"]), None)
        return cycle, cycle.year if cycle else self.cleaned_data["year"]


TOO_LONG = "Từ cần tìm dài quá: tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."


TOO_MANY_WORDS = f"Nhập tối đa {search.WORDS_MAX} từ."


class SearchForm(StyledForm):
    """The search box and its filters, read from the query string (all optional)."""

    small = True
    q = forms.CharField(
        label="Từ cần tìm",
        required=False,
        max_length=search.QUERY_MAX,
        error_messages={"max_length": TOO_LONG},
    )
    cycle = forms.TypedChoiceField(label="Đợt tiếp xúc", required=False, coerce=int, empty_value=None)
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    source = forms.ChoiceField(
        label="Nguồn", required=False, choices=[("", "Tất cả"), *Petition.Source.choices]
    )
    state = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *search.State.CHOICES]
    )

    def __init__(self, data: Any, *, council: Council) -> None:
        super().__init__(data)
        cycles = Cycle.objects.filter(council=council).order_by("-year", "-created_at", "-pk")
        cast(forms.ChoiceField, self.fields["cycle"]).choices = [("", "Tất cả các đợt")] + [
            (c.pk, str(c)) for c in cycles
        ]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "autofocus": True, "placeholder": "ví dụ: duong lien thon"}
        )

    def clean_q(self) -> str:
        query: str = self.cleaned_data["q"]
        if len(search.words_of(query)) > search.WORDS_MAX:
            raise forms.ValidationError(TOO_MANY_WORDS)
        return query

    def filters(self) -> search.Filters:
        data = self.cleaned_data
        return search.Filters(data["cycle"], data["year"], data["source"], data["state"])
