"""Input forms for councils, terms, bodies, people, memberships and agencies (Vietnamese messages).

The model forms run the models' own rules (``clean()``: allowed body kinds, one name per council,
terms that do not overlap ...), so a page shows the same message the API returns. Views never call
``form.save()``: they pass ``cleaned_data`` to an action.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from hdnd.core.forms import StyledForm, style_form
from hdnd.core.tabular import XLSX_CONTENT_TYPE, ImportRejected, check_upload

from .models import (
    ALLOWED_BODY_KINDS,
    ALLOWED_ROLES,
    Agency,
    Body,
    BodyKind,
    Council,
    Level,
    Membership,
    MembershipRole,
    Person,
    Term,
)

EMAIL_INVALID = {"invalid": "Địa chỉ thư điện tử không hợp lệ."}
style = style_form


class CouncilScopedForm(forms.ModelForm):
    """A model form for an object of one council; the council is fixed by the URL, not by the input."""

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council
        self.instance.council = council
        style(self)

    def clean(self) -> dict[str, Any]:
        super().clean()
        # The model's clean() checks what the database constraints guard, with Vietnamese messages.
        self._validate_constraints = False
        return self.cleaned_data

    def changes(self) -> dict[str, Any]:
        """The cleaned values of the form's own fields, ready for an action."""
        return {name: self.cleaned_data[name] for name in self.fields}


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["name", "address", "email", "phone"]
        labels = {"name": "Tên HĐND", "address": "Địa chỉ", "email": "Thư điện tử", "phone": "Điện thoại"}
        error_messages = {"email": EMAIL_INVALID}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class TermForm(CouncilScopedForm):
    class Meta:
        model = Term
        fields = ["number", "starts_on", "ends_on", "delegate_seats"]
        labels = {
            "number": "Khóa (số)",
            "starts_on": "Ngày bắt đầu",
            "ends_on": "Ngày kết thúc",
            "delegate_seats": "Số đại biểu được bầu",
        }
        help_texts = {"number": "Ví dụ: 16 cho khóa XVI", "ends_on": "Để trống nếu chưa xác định"}


class BodyForm(CouncilScopedForm):
    """Offers only the kinds the council's level allows; the model still rejects others with a message."""

    class Meta:
        model = Body
        fields = ["kind", "name"]
        labels = {"kind": "Loại", "name": "Tên"}
        help_texts = {"name": "Ví dụ: Ban Kinh tế – Ngân sách, Tổ đại biểu số 3"}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        allowed = ALLOWED_BODY_KINDS.get(council.level, frozenset())
        self.fields["kind"].widget.choices = [c for c in BodyKind.choices if c[0] in allowed]


class DateForm(forms.Form):
    """One date: the day a body is dissolved or a seat ends."""

    def __init__(self, *args: Any, field: str, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_name = field
        self.fields[field] = forms.DateField(label=label, initial=timezone.localdate)
        style(self)

    def changes(self) -> dict[str, date]:
        return {"on": self.cleaned_data[self.field_name]}


class PersonForm(CouncilScopedForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_year", "position", "email", "phone"]
        labels = {
            "full_name": "Họ và tên",
            "gender": "Giới tính",
            "birth_year": "Năm sinh",
            "position": "Chức vụ, nơi công tác",
            "email": "Thư điện tử",
            "phone": "Điện thoại",
        }
        error_messages = {"email": EMAIL_INVALID}

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data["birth_year"]
        if year is not None and not 1900 <= year <= timezone.localdate().year - 18:
            raise forms.ValidationError("Năm sinh không hợp lệ.")
        return year


class PersonSearchForm(StyledForm):
    q = forms.CharField(label="Tìm theo tên", required=False, max_length=100)
    delegates = forms.BooleanField(label="Chỉ đại biểu đương nhiệm", required=False)


class MembershipForm(CouncilScopedForm):
    """A seat: leave the body empty for a delegate's seat in the council."""

    class Meta:
        model = Membership
        fields = ["person", "body", "role", "term", "starts_on", "full_time", "constituency"]
        labels = {
            "person": "Người",
            "body": "Cơ quan",
            "role": "Chức danh",
            "term": "Khóa, nhiệm kỳ",
            "starts_on": "Ngày bắt đầu",
            "full_time": "Hoạt động chuyên trách",
            "constituency": "Đơn vị bầu cử",
        }
        help_texts = {"body": "Để trống: tư cách đại biểu HĐND (không thuộc cơ quan nào)."}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        fields = self.fields
        fields["person"].queryset = Person.objects.filter(council=council)  # type: ignore[attr-defined]
        fields["body"].queryset = Body.objects.filter(council=council).active()  # type: ignore[attr-defined]
        fields["body"].empty_label = "— Đại biểu HĐND (không thuộc cơ quan nào) —"  # type: ignore[attr-defined]
        fields["term"].queryset = Term.objects.filter(council=council)  # type: ignore[attr-defined]
        fields["term"].initial = council.current_term()
        fields["starts_on"].initial = timezone.localdate
        for name in ("person", "body", "term"):
            fields[name].error_messages["invalid_choice"] = "Lựa chọn không thuộc HĐND này."
        fields["role"].help_text = role_help()


def role_help() -> str:
    rows = []
    for kind, label in [(None, "Đại biểu"), *BodyKind.choices]:
        roles = ", ".join(str(lab) for value, lab in MembershipRole.choices if value in ALLOWED_ROLES[kind])
        rows.append(f"{label}: {roles}")
    return "; ".join(rows) + "."


class AgencyForm(CouncilScopedForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind", "superior", "email", "phone", "address", "is_active"]
        labels = {
            "name": "Tên cơ quan, tổ chức",
            "short_name": "Tên viết tắt",
            "kind": "Loại",
            "superior": "Cơ quan cấp trên",
            "email": "Thư điện tử",
            "phone": "Điện thoại",
            "address": "Địa chỉ",
            "is_active": "Đang nhận chuyển việc",
        }
        help_texts = {"superior": "Nhận báo cáo khi quá hạn; thuộc HĐND này hoặc HĐND cấp trên."}
        error_messages = {"email": EMAIL_INVALID}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        above = [council.pk, council.parent_id, council.parent.parent_id if council.parent else None]
        candidates = Agency.objects.filter(council_id__in=[pk for pk in above if pk]).select_related(
            "council"
        )
        if self.instance.pk:
            candidates = candidates.exclude(pk=self.instance.pk)
        field = self.fields["superior"]
        field.queryset = candidates.order_by("council__level", "kind", "name_key")  # type: ignore[attr-defined]
        field.error_messages["invalid_choice"] = "Cơ quan cấp trên phải thuộc HĐND này hoặc HĐND cấp trên."
        field.label_from_instance = _agency_label  # type: ignore[attr-defined]


def _agency_label(agency: Agency) -> str:
    return f"{agency.name} ({agency.council.name})"


class AgencySearchForm(StyledForm):
    q = forms.CharField(label="Tìm theo tên", required=False, max_length=100)


class CouncilSearchForm(StyledForm):
    q = forms.CharField(label="Tìm theo tên", required=False, max_length=100)
    level = forms.ChoiceField(label="Cấp", required=False, choices=[("", "Mọi cấp"), *Level.choices])

    def filter(self, councils: Any) -> Any:
        if not self.is_valid():
            return councils
        if level := self.cleaned_data["level"]:
            councils = councils.filter(level=level)
        return councils.search(self.cleaned_data["q"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        error_messages={"required": "Vui lòng chọn tệp .xlsx.", "empty": "Tệp tải lên trống."},
        widget=forms.ClearableFileInput(
            attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}", "class": "form-control"}
        ),
    )

    def clean_file(self) -> Any:

        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, max_bytes=settings.HDND_MAX_UPLOAD_BYTES)
        except ImportRejected as error:
            raise forms.ValidationError(str(error)) from None
        return upload
