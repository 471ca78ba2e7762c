"""Input for the petition pages, with the messages users see in Vietnamese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hdnd.core.forms import DATE_ERROR, DATE_HELP, StyledForm
from hdnd.councils.models import Agency, Council, Person

from . import actions, followup, forwarding
from .models import (
    AnswerRating,
    Cycle,
    IssueFlag,
    Outcome,
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
        delegates.queryset = Person.objects.filter(council=council).order_by("name_key")


class PetitionForm(StyledForm):
    """One petition, typed during or after the meeting; the page keeps the form open for the next one."""

    text = forms.CharField(
        label="Nội dung ý kiến, kiến nghị",
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        error_messages={"required": actions.EMPTY_TEXT},
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
        return actions.check_text(value)
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
        issue.choices = actions.issue_choices(list(issues))


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

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies: Any = self.fields["agencies"]
        agencies.queryset = Agency.objects.filter(council=council, is_active=True).order_by(
            "kind", "name_key"
        )


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
