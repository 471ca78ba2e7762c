"""Input for the planning pages; the actions check the rules, the forms only clean the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hdnd.core import figures
from hdnd.core.forms import StyledForm
from hdnd.core.periods import MAX_YEAR, MIN_YEAR
from hdnd.councils.models import Body, Council, Person

from .models import TaskSource, WorkProgramme

YEAR_ERRORS = {
    "min_value": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
    "max_value": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
    "invalid": "Năm phải là một số, ví dụ 2026.",
}


def body_choices(council: Council) -> Any:
    return Body.objects.filter(council=council).active().order_by("kind", "name")


class ProgrammeForm(StyledForm):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label="Của cơ quan",
        required=False,
        empty_label="— HĐND (chương trình chung) —",
    )
    year = forms.IntegerField(label="Năm", min_value=MIN_YEAR, max_value=MAX_YEAR, error_messages=YEAR_ERRORS)
    title = forms.CharField(
        label="Tên chương trình", max_length=255, required=False, help_text="Trống: tự đặt"
    )
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["body"]
        field.queryset = body_choices(council)
        field.empty_label = "— HĐND (chương trình chung) —"
        self.fields["year"].initial = timezone.localdate().year


class AdoptForm(StyledForm):
    small = True
    adopted_on = forms.DateField(label="Ngày thông qua")
    adopted_by = forms.CharField(
        label="Văn bản thông qua", max_length=255, help_text="Ví dụ: Nghị quyết số 12/NQ-HĐND"
    )


def figure_choices() -> list[tuple[str, str]]:
    return [(f.code, f"{f.group} — {f.label} ({f.unit})") for f in figures.all_figures()]


class TargetForm(StyledForm):
    small = True
    figure = forms.ChoiceField(label="Chỉ tiêu (trong sổ số liệu)", choices=())
    planned = forms.IntegerField(
        label="Kế hoạch năm",
        min_value=0,
        max_value=1_000_000,
        error_messages={"invalid": "Nhập một số nguyên.", "min_value": "Không được âm."},
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["figure"]
        field.choices = [("", "— Chọn —"), *figure_choices()]


class TaskForm(StyledForm):
    """A task of the council itself: its body, one of its people, or the council as owner."""

    content = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 2}))
    owner_body = forms.ModelChoiceField(
        queryset=Body.objects.none(), label="Cơ quan thực hiện", required=False
    )
    owner_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), label="Người thực hiện", required=False
    )
    due_on = forms.DateField(label="Thời hạn")
    source = forms.ChoiceField(label="Nguồn", choices=TaskSource.choices, initial=TaskSource.OTHER)
    source_ref = forms.CharField(
        label="Văn bản giao", max_length=255, required=False, help_text="Ví dụ: Thông báo số 28/TB-HĐND"
    )

    def __init__(self, *args: Any, council: Council, programme: WorkProgramme | None = None, **kw: Any):
        super().__init__(*args, **kw)
        bodies: Any = self.fields["owner_body"]
        bodies.queryset = body_choices(council)
        people: Any = self.fields["owner_person"]
        people.queryset = Person.objects.filter(council=council).order_by("name_key")
        if programme is not None:
            del self.fields["source"], self.fields["source_ref"]


class ProgressForm(StyledForm):
    small = True
    progress = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Nhập một số từ 0 đến 100.",
            "min_value": "Tiến độ từ 0 đến 100.",
            "max_value": "Tiến độ từ 0 đến 100.",
        },
    )
    note = forms.CharField(label="Kết quả, tiến độ", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    on = forms.DateField(label="Ngày báo cáo")
    done = forms.BooleanField(label="Đã hoàn thành", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class ExtendForm(StyledForm):
    small = True
    due_on = forms.DateField(label="Thời hạn mới")
    reason = forms.CharField(label="Lý do", max_length=500)


class ReopenForm(StyledForm):
    small = True
    reason = forms.CharField(label="Lý do mở lại", max_length=500)


class TaskFilterForm(forms.Form):
    """The task list's filter (GET): a bad value is ignored, never an error page."""

    status = forms.ChoiceField(
        choices=[
            ("", "Tất cả"),
            ("behind", "Quá hạn"),
            ("open", "Đang thực hiện"),
            ("done", "Đã hoàn thành"),
        ],
        required=False,
    )
