"""The delegate list as an Excel file: its columns, and the checks a delegate list needs beyond them
(the term's dates, duplicates in the file and against the current term). The reading itself is
``hdnd.core.tabular``, shared with the petition lists and the unit changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hdnd.core.tabular import (
    YES_NO,
    Column,
    ParsedRow,
    Table,
    choice,
    day,
    email,
    phone,
    read_table,
    text,
    year,
)
from hdnd.core.text import fold

from .actions import DelegateRow
from .models import Council, MembershipRole, Person, Term

# The delegate list ---------------------------------------------------------------------------------

DELEGATES = Table(
    title="Mẫu nhập danh sách đại biểu HĐND",
    sheet="Đại biểu",
    columns=(
        Column(
            "Họ và tên",
            "full_name",
            text("họ và tên", 120),
            required=True,
            example="Nguyễn Thị Minh Họa",
            note="Viết đầy đủ, có dấu.",
            width=28,
        ),
        Column(
            "Giới tính",
            "gender",
            choice("giới tính", {"": "", "nam": "M", "nu": "F"}, "Nam hoặc Nữ"),
            example="Nữ",
            note="Nam hoặc Nữ.",
            width=10,
        ),
        Column("Năm sinh", "birth_year", year("năm sinh"), example="1978", note="4 chữ số.", width=10),
        Column(
            "Chức vụ/nơi công tác",
            "position",
            text("chức vụ/nơi công tác", 255),
            width=36,
            example="Phó Chủ tịch UBND phường",
            note="Chức vụ và nơi công tác hiện nay.",
        ),
        Column(
            "Đơn vị bầu cử",
            "constituency",
            text("đơn vị bầu cử", 160),
            example="Đơn vị bầu cử số 3",
            width=22,
        ),
        Column(
            "Chuyên trách (có/không)",
            "full_time",
            choice("chuyên trách", YES_NO, "có hoặc không"),
            example="không",
            note="“có” nếu là đại biểu hoạt động chuyên trách; để trống là không.",
            width=14,
        ),
        Column(
            "Ngày bắt đầu (dd/mm/yyyy)",
            "starts_on",
            day("ngày bắt đầu"),
            example="01/07/2025",
            note="Ngày bắt đầu làm đại biểu; để trống là ngày bắt đầu khóa hiện tại.",
            width=16,
        ),
        Column("Email", "email", email("email"), example="minhhoa@example.org", width=26),
        Column("Điện thoại", "phone", phone("điện thoại"), example="0900 000 001", width=16),
    ),
    instructions=(
        "Không đổi tên, thứ tự hay dòng tiêu đề của các cột; có thể bỏ trống các cột không bắt buộc.",
        "Mỗi dòng tạo một hồ sơ người và tư cách đại biểu HĐND trong khóa, nhiệm kỳ hiện tại.",
        "Nếu có dòng sai, không dòng nào được nhập: sửa theo thông báo lỗi rồi tải lên lại.",
        "Công thức trong ô được giữ nguyên như chữ, không được tính.",
    ),
)


@dataclass
class DelegateImport:
    term: Term | None
    rows: list[DelegateRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_delegates(upload: Any, council: Council) -> DelegateImport:
    """Read and check a delegate list for ``council``: the table's rules, plus the term's dates and
    duplicates within the file and against the delegates already in the current term."""
    term = council.current_term()
    if term is None:
        return DelegateImport(
            None, errors=["HĐND chưa có khóa, nhiệm kỳ hiện tại; hãy thêm khóa trước khi nhập."]
        )
    table = read_table(upload, DELEGATES)
    result = DelegateImport(term, errors=list(table.errors))
    existing = set(
        Person.objects.filter(
            memberships__term=term, memberships__body__isnull=True, memberships__role=MembershipRole.DELEGATE
        ).values_list("name_key", "birth_year")
    )
    seen: dict[tuple[str, int | None], int] = {}
    for row in table.rows:
        result.errors.extend(
            f"Dòng {row.number}: {message}" for message in _check_delegate(row, term, existing, seen)
        )
        if "full_name" in row.values:
            result.rows.append(DelegateRow(**row.values))
    if result.errors:
        result.rows = []
    return result


def _check_delegate(
    row: ParsedRow, term: Term, existing: set[tuple[str, int | None]], seen: dict[tuple[str, int | None], int]
) -> Iterable[str]:
    values = row.values
    starts_on = values.get("starts_on")
    if starts_on and (starts_on < term.starts_on or (term.ends_on and starts_on > term.ends_on)):
        yield f"ngày bắt đầu {starts_on:%d/%m/%Y} nằm ngoài {term}"
    if not values.get("full_name"):
        return
    key = (fold(values["full_name"]), values.get("birth_year"))
    if key in existing:
        yield f"{values['full_name']} đã có trong danh sách đại biểu {term}"
    elif key in seen:
        yield f"trùng với dòng {seen[key]} ({values['full_name']})"
    else:
        seen[key] = row.number
