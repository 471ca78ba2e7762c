"""Forms for the unit pages and for each row of a unit-change import (one set of rules for both)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hdnd.core.forms import DateInput, StyledForm
from hdnd.core.text import fold

from .models import Level, UnitChange
from .units import CODE_WIDTH, find_unit, parse_day

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

# What people type for a level or a kind, folded; the official values are accepted too.
LEVEL_ALIASES = {
    "tinh": Level.PROVINCE,
    "cap tinh": Level.PROVINCE,
    "thanh pho trung uong": Level.PROVINCE,
    "huyen": Level.DISTRICT,
    "cap huyen": Level.DISTRICT,
    "xa": Level.COMMUNE,
    "cap xa": Level.COMMUNE,
    "phuong": Level.COMMUNE,
}
KIND_ALIASES = {
    "sap nhap": UnitChange.Kind.MERGED_INTO,
    "sap nhap vao": UnitChange.Kind.MERGED_INTO,
    "nhap vao": UnitChange.Kind.MERGED_INTO,
    "chia tach": UnitChange.Kind.SPLIT_INTO,
    "chia tach mot phan vao": UnitChange.Kind.SPLIT_INTO,
    "tach": UnitChange.Kind.SPLIT_INTO,
    "doi ten": UnitChange.Kind.RENAMED,
    "doi ten thanh": UnitChange.Kind.RENAMED,
}


class AliasChoiceField(forms.ChoiceField):
    """A choice that also accepts the Vietnamese words people write, with or without accents."""

    def __init__(self, *, choices: list[tuple[str, str]], aliases: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(choices=choices, **kwargs)
        self.aliases = {**aliases, **{fold(label): value for value, label in choices}}
        accepted = ", ".join(f"{value} ({label})" for value, label in choices)
        self.error_messages["invalid_choice"] = (
            f"Giá trị “%(value)s” không hợp lệ; chọn một trong: {accepted}."
        )

    def to_python(self, value: Any) -> str:
        key = fold(super().to_python(value)).replace("_", " ")
        return self.aliases.get(key) or key.replace(" ", "_")


def _level_field(label: str) -> AliasChoiceField:
    return AliasChoiceField(label=label, choices=Level.choices, aliases=LEVEL_ALIASES, initial=Level.COMMUNE)


class UnitFilterForm(StyledForm):
    """The search box and filters of the unit list."""

    q = forms.CharField(
        label="Tên đơn vị",
        required=False,
        max_length=120,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "ví dụ: ba dinh", "autocomplete": "off"}
        ),
    )
    level = forms.ChoiceField(label="Cấp", required=False, choices=[("", "Tất cả các cấp"), *Level.choices])
    on = forms.DateField(
        label="Còn hiệu lực vào ngày",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": "Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm."},
    )


class UnitChangeForm(StyledForm):
    """A change between two units, each named by level, code and (if the code was reused) a date or name."""

    from_level = _level_field("Cấp của đơn vị cũ")
    from_code = forms.CharField(label="Mã đơn vị cũ", max_length=10)
    from_hint = forms.CharField(
        label="Tên hoặc một ngày còn hiệu lực của đơn vị cũ",
        required=False,
        max_length=120,
        help_text="Cần khi mã đã được dùng lại (ví dụ mã 13531: Xã Bồ Đề cũ và Xã Bình Giang mới).",
    )
    to_level = _level_field("Cấp của đơn vị mới")
    to_code = forms.CharField(label="Mã đơn vị mới", max_length=10)
    to_hint = forms.CharField(
        label="Tên hoặc một ngày còn hiệu lực của đơn vị mới", required=False, max_length=120
    )
    kind = AliasChoiceField(label="Hình thức", choices=UnitChange.Kind.choices, aliases=KIND_ALIASES)
    effective_on = forms.DateField(
        label="Ngày có hiệu lực",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": "Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm."},
    )
    legal_basis = forms.CharField(label="Căn cứ pháp lý", required=False, max_length=255)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    create_missing = forms.BooleanField(
        label="Tạo đơn vị cũ nếu danh mục chưa có (theo tên đã nhập)",
        required=False,
        help_text="Dùng cho các đơn vị đã sáp nhập trước năm 2025 mà danh mục quốc gia không còn lưu.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for end in ("from", "to"):  # "1" in a spreadsheet means province "01"
            if data[f"{end}_code"].isdigit():
                data[f"{end}_code"] = data[f"{end}_code"].zfill(CODE_WIDTH[data[f"{end}_level"]])
        on = data["effective_on"]
        data["to_unit"] = self._unit("to", on)
        data["from_unit"] = self._unit("from", on - timedelta(days=1), may_be_missing=True)
        return data

    def _unit(self, end: str, default_on: Any, may_be_missing: bool = False) -> Any:
        level, code, hint = (self.cleaned_data[f"{end}_{part}"] for part in ("level", "code", "hint"))
        try:
            unit = find_unit(level, code, hint, default_on)
        except ValidationError as error:
            self.add_error(f"{end}_code", error)
            return None
        if unit is None and not (may_be_missing and self._may_create(hint)):
            label = Level(level).label.lower()
            extra = f" tên hoặc ngày “{hint}”" if hint else ""
            self.add_error(f"{end}_code", f"Không tìm thấy đơn vị {label} mã {code.strip()}{extra}.")
        return unit

    def _may_create(self, hint: str) -> bool:
        if not self.cleaned_data.get("create_missing"):
            return False
        if not hint or parse_day(hint):
            self.add_error(
                "from_hint", "Để tạo đơn vị cũ, hãy nhập tên đầy đủ của đơn vị (ví dụ “Xã Bồ Đề”)."
            )
            return False
        return True


class UnitChangeImportForm(StyledForm):
    """A file of unit changes (.xlsx or .csv, one change per row) and whether to create missing old units."""

    file = forms.FileField(label="Tệp .xlsx hoặc .csv", error_messages={"required": "Chọn tệp để nhập."})
    create_missing = forms.BooleanField(
        label="Tạo đơn vị cũ chưa có trong danh mục (theo tên ghi ở cột tên đơn vị cũ)", required=False
    )
