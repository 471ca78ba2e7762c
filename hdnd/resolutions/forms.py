"""Input for the resolution pages; the actions check the rules, the forms only clean the input."""

from __future__ import annotations

from typing import Any

from django import forms

from hdnd.core.forms import StyledForm
from hdnd.councils.models import Agency, Council
from hdnd.sittings.models import Session

from .models import PUBLIC_STATUSES, Kind, Link, Status


class RegisterFilter(StyledForm):
    """The register's search box and filters (all optional, read from the query string)."""

    small = True
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    field = forms.CharField(label="Lĩnh vực", required=False, max_length=120)
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả"), *Kind.choices])
    status = forms.ChoiceField(label="Trạng thái", required=False)

    def __init__(self, *args: Any, public: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statuses = [(s.value, s.label) for s in Status if not public or s in PUBLIC_STATUSES]
        field: Any = self.fields["status"]
        field.choices = [("", "Tất cả"), *statuses]


class ResolutionForm(StyledForm):
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    kind = forms.ChoiceField(label="Loại nghị quyết", choices=Kind.choices)
    field = forms.CharField(label="Lĩnh vực", max_length=120, required=False)
    session = forms.ModelChoiceField(label="Kỳ họp", queryset=Session.objects.none(), required=False)
    signer_name = forms.CharField(label="Người ký", max_length=120, required=False)
    text = forms.CharField(label="Toàn văn", widget=forms.Textarea(attrs={"rows": 10}), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["session"]
        field.queryset = Session.objects.filter(council=council).select_related("term", "council")
        field.label_from_instance = lambda s: f"Kỳ họp {s.number_words} ({s.opens_on:%d/%m/%Y})"


class AdoptForm(StyledForm):
    small = True
    adopted_on = forms.DateField(label="Ngày thông qua")
    issued_on = forms.DateField(label="Ngày ký ban hành", required=False)
    number = forms.IntegerField(label="Số (chỉ khi nhập nghị quyết cũ)", required=False, min_value=1)


class DateForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày")


class StatusForm(StyledForm):
    small = True
    id_format = "status_%s"
    status = forms.ChoiceField(
        label="Trạng thái",
        choices=[(Status.IN_FORCE.value, "Có hiệu lực"), (Status.EXPIRED.value, "Hết hiệu lực")],
    )
    on = forms.DateField(label="Từ ngày")


class LinkForm(StyledForm):
    small = True
    id_format = "link_%s"
    kind = forms.ChoiceField(label="Nghị quyết này", choices=Link.Kind.choices)
    target = forms.CharField(label="Số, ký hiệu nghị quyết bị tác động", max_length=40)


class AttachmentForm(StyledForm):
    small = True
    id_format = "attachment_%s"
    title = forms.CharField(label="Tên tệp", max_length=255, required=False)
    file = forms.FileField(label="Tệp")


class TextEntryForm(StyledForm):
    """The full text of a resolution: typed or pasted, and/or its file (.docx or the signed .pdf)."""

    id_format = "text_%s"

    text = forms.CharField(label="Toàn văn", widget=forms.Textarea(attrs={"rows": 12}), required=False)
    file = forms.FileField(label="Tệp toàn văn (.docx hoặc .pdf đã ký)", required=False)


class TaskForm(StyledForm):
    small = True
    requirement = forms.CharField(label="Nội dung yêu cầu", widget=forms.Textarea(attrs={"rows": 2}))
    agency = forms.ModelChoiceField(label="Cơ quan", queryset=Agency.objects.none(), required=False)
    agency_name = forms.CharField(label="Hoặc tên cơ quan", max_length=200, required=False)
    due_on = forms.DateField(label="Hạn")

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = Agency.objects.filter(council=council, is_active=True)


class TaskDoneForm(StyledForm):
    small = True
    done_on = forms.DateField(label="Ngày hoàn thành")
    report = forms.CharField(
        label="Báo cáo, kết quả", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TextForm(StyledForm):
    """Findings of a review, or the commune's response."""

    small = True
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="Ngày")
