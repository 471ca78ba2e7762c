"""Input for the rules, calendar and audit pages, with the messages users see in Vietnamese."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from .calendar import WorkingCalendar
from .models import CalendarDay, RuleUnit

DAY_UNITS = {RuleUnit.CALENDAR_DAYS, RuleUnit.WORKING_DAYS}
NUMBER_UNITS = DAY_UNITS | {RuleUnit.HOURS, RuleUnit.PERCENT, RuleUnit.COUNT}
DATE_HELP = "Dạng ngày/tháng/năm, ví dụ 22/08/2026."
DATE_ERROR = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 22/08/2026."


def _bootstrap(form: forms.BaseForm) -> None:
    """Give every widget the house (Bootstrap) classes."""
    for field in form.fields.values():
        css = (
            "form-select form-select-sm"
            if isinstance(field.widget, forms.Select)
            else "form-control form-control-sm"
        )
        field.widget.attrs.setdefault("class", css)


class RuleOverrideForm(forms.Form):
    """A council's own value for one rule, with the text of its working rules that sets it."""

    value = forms.DecimalField(
        label="Giá trị",
        required=False,
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
        error_messages={"invalid": "Giá trị phải là một số.", "min_value": "Giá trị không được âm."},
    )
    unit = forms.ChoiceField(label="Đơn vị", choices=RuleUnit.choices)
    text_value = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label="Căn cứ (quy chế của HĐND)",
        max_length=255,
        help_text="Văn bản của HĐND quy định giá trị này, ví dụ: Quy chế làm việc của HĐND, Điều 12.",
        error_messages={"required": "Nhập căn cứ: văn bản của HĐND quy định giá trị này."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, value = data.get("unit"), data.get("value")
        if unit in DAY_UNITS and (value is None or value != int(value) or value <= 0):
            self.add_error("value", "Nhập số ngày là một số nguyên dương, ví dụ 15.")
        elif unit in NUMBER_UNITS and (value is None or value <= 0):
            self.add_error("value", "Nhập giá trị là một số dương.")
        elif unit == RuleUnit.TEXT and not (data.get("text_value") or "").strip():
            self.add_error("text_value", "Nhập nội dung quy định.")
        if unit not in NUMBER_UNITS:
            data["value"] = None
        return data


class CalendarDayForm(forms.ModelForm):
    """An extra day off or a make-up working day, added by a system administrator."""

    day = forms.DateField(
        label="Ngày", help_text=DATE_HELP, error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."}
    )

    class Meta:
        model = CalendarDay
        fields = ["day", "kind", "reason", "legal_basis"]
        labels = {"kind": "Loại điều chỉnh", "reason": "Lý do", "legal_basis": "Căn cứ"}
        help_texts = {"legal_basis": "Ví dụ: Thông báo số .../TB-BNV về lịch nghỉ Tết."}
        error_messages = {
            "reason": {"required": "Nhập lý do điều chỉnh."},
            "kind": {
                "required": "Chọn loại điều chỉnh.",
                "invalid_choice": "Chọn loại điều chỉnh trong danh sách.",
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, kind = data.get("day"), data.get("kind")
        if day is None or not kind:
            return data
        if CalendarDay.objects.filter(day=day).exists():
            self.add_error("day", f"Ngày {day:%d/%m/%Y} đã có trong lịch điều chỉnh; xoá dòng cũ trước.")
            return data
        working = WorkingCalendar.for_span(day, day).is_working_day(day)
        if kind == CalendarDay.Kind.WORKING_DAY and working:
            self.add_error("kind", f"Ngày {day:%d/%m/%Y} vốn đã là ngày làm việc.")
        elif kind == CalendarDay.Kind.DAY_OFF and not working:
            self.add_error("kind", f"Ngày {day:%d/%m/%Y} vốn đã là ngày nghỉ.")
        return data

    def validate_unique(self) -> None:
        """Uniqueness of the day is checked in ``clean`` with a clearer message."""


class AuditFilterForm(forms.Form):
    """Filters of the audit log page; invalid filters are reported and ignored."""

    action = forms.CharField(label="Thao tác", required=False, max_length=64)
    since = forms.DateField(label="Từ ngày", required=False, error_messages={"invalid": DATE_ERROR})
    until = forms.DateField(label="Đến ngày", required=False, error_messages={"invalid": DATE_ERROR})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "“Đến ngày” không được trước “Từ ngày”.")
        return data
