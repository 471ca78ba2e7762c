"""Input for the rules, calendar and audit pages, with the messages users see in Vietnamese."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH, BLANK_CHOICE_LABEL
from django.forms.models import ModelChoiceIterator

from .calendar import WorkingCalendar
from .limits import MAX_INTEGER, within_integer_range, within_years
from .models import CalendarDay, RuleUnit
from .text import vi_sort_key

DAY_UNITS = {RuleUnit.CALENDAR_DAYS, RuleUnit.WORKING_DAYS}
NUMBER_UNITS = DAY_UNITS | {RuleUnit.HOURS, RuleUnit.PERCENT, RuleUnit.COUNT}
DATE_HELP = "Dạng ngày/tháng/năm, ví dụ 22/08/2026."
DATE_ERROR = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 22/08/2026."


REQUIRED = {"required": "Vui lòng nhập thông tin này."}
EMPTY_CHOICE = "— Chọn —"
CSS = {
    "Select": "form-select",
    "SelectMultiple": "form-select",
    "CheckboxInput": "form-check-input",
    "CheckboxSelectMultiple": "form-check-input",
    "CheckList": "form-check-input",
    "RadioSelect": "form-check-input",
}


PICKER_FROM = 13  # a tick-box list longer than a dozen gets a filter box (core/static/core/checklist.js)


class CheckList(forms.CheckboxSelectMultiple):
    """Tick boxes one under another, each with its label beside it; a long list scrolls under a filter box.

    Django's own template puts the widget's class on the list's wrapper too, so "form-check-input" drew
    the whole list as one checkbox-sized box; here the class goes on each box only.
    """

    template_name = "core/widgets/check_list.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        count = sum(len(options) for _group, options, _index in context["widget"]["optgroups"])
        context["widget"]["picker"] = count >= PICKER_FROM
        return context


class VietnameseChoiceIterator(ModelChoiceIterator):
    """The choices of a list of named things (councils, agencies, people) in Vietnamese order.

    The database sorts by character code ("Chương Mỹ" before "Cầu Giấy"); this sorts by ``vi_sort_key``
    of what the user reads. Councils and units keep the order of levels their queryset gives (the
    province before its communes), names sorted within each level.
    """

    def __iter__(self) -> Any:
        if not _named(self.queryset.model):
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = list(self.queryset)
        rank: dict[Any, int] = {}
        for obj in objects:
            rank.setdefault(getattr(obj, "level", None), len(rank))
        label = self.field.label_from_instance
        for obj in sorted(objects, key=lambda o: (rank[getattr(o, "level", None)], vi_sort_key(label(o)))):
            yield self.choice(obj)


def _named(model: Any) -> bool:
    """Councils, agencies, people, bodies, units: the models with a folded name (``FoldedNameMixin``)."""
    return any(f.name == "name_key" for f in model._meta.fields)


class DateInput(forms.DateInput):
    """A day-first text date (22/11/2026); the browser's picker follows the OS locale, often mm/dd/yyyy."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": "ngày/tháng/năm", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format="%d/%m/%Y")


def style_form(form: forms.BaseForm, small: bool = False) -> None:
    """The house look of every form: Bootstrap classes, day-first dates, Vietnamese blanks and messages."""
    for field in form.fields.values():
        if str(field.error_messages.get("required")) == str(forms.Field.default_error_messages["required"]):
            field.error_messages.update(REQUIRED)  # only Django's own wording; a form's own message stays
        if isinstance(field, forms.DateField) and type(field.widget) is forms.DateInput:
            field.widget = DateInput(field.widget.attrs)
        _hold_to_limits(field)
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = _vietnamese_blank(field.empty_label)
            field.iterator = VietnameseChoiceIterator
            field.widget.choices = field.choices
        elif isinstance(field, forms.ChoiceField):
            choices: Any = field.choices
            field.choices = [(value, _vietnamese_blank(label)) for value, label in choices]
        if str(field.help_text) == str(field.label):
            field.help_text = ""
        if type(field.widget) is forms.CheckboxSelectMultiple:
            field.widget = _check_list(field)
        css = CSS.get(type(field.widget).__name__, "form-control")
        if small and not css.startswith("form-check"):
            css = f"{css} {css}-sm"
        field.widget.attrs.setdefault("class", css)


def _check_list(field: forms.Field) -> CheckList:
    widget = CheckList(field.widget.attrs)
    widget.choices = field.widget.choices
    return widget


def _hold_to_limits(field: forms.Field) -> None:
    """The limits every input is held to (``core.limits``), which the API's schemas apply too."""
    if isinstance(field, forms.IntegerField) and within_integer_range not in field.validators:
        field.validators.append(within_integer_range)
        if not isinstance(field.max_value, int) or field.max_value > MAX_INTEGER:
            field.widget.attrs["max"] = MAX_INTEGER
    elif isinstance(field, forms.DateField | forms.DateTimeField) and within_years not in field.validators:
        field.validators.append(within_years)


def _vietnamese_blank(label: Any) -> Any:
    """Django 6.1's blank choice ("- Select an option -") has no Vietnamese translation yet."""
    if label is not None and str(label) in (str(BLANK_CHOICE_LABEL), BLANK_CHOICE_DASH[0][1]):
        return EMPTY_CHOICE
    return label


class StyledForm(forms.Form):
    """A form with the house look (see ``style_form``)."""

    small = False
    # The element ids ("status_%s" → "status_on"): set where several forms share a page, so two fields
    # of the same name (two "file" inputs) do not share an id and each label points at its own input.
    id_format = "id_%s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "auto_id" not in kwargs and len(args) < 3:
            self.auto_id = self.id_format
        style_form(self, small=self.small)


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
        style_form(self, small=True)

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
        style_form(self, small=True)

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
