"""The petition lists offices already keep, as files: the two tables (a meeting's petitions; those from
reception and letters), reading an .xlsx or .docx into rows, and the templates to download.

Reading only: every row is read and every problem reported by row ("Dòng 7: nội dung trống") or cell
("Ô B5 chứa công thức; hãy dán giá trị"); ``actions.intake.import_file`` checks and saves them. The
file itself passes the same checks as the delegate import (``hdnd.councils.imports``: size, zip bomb,
macros) before anything parses it. The reading is ``hdnd.core.tabular``, shared with the delegate list.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from hdnd.core import tabular
from hdnd.core.tabular import CellError, Column, ImportRejected, Table
from hdnd.core.text import nfc

from .actions.entry import LIST_MARKER, parse_list
from .models import TEXT_MAX

REFERENCE_MAX = 64
TOO_LONG_CELL = (
    f"nội dung dài quá {TEXT_MAX:,} ký tự".replace(",", ".")
    + "; hãy tách thành nhiều ý kiến (mỗi ý kiến một vấn đề)"
)


# The shape of the files --------------------------------------------------------------------------


_any_text = tabular.text("nội dung", 10**9)


def _content(raw: Any) -> str:
    value = _any_text(raw)
    if not value:
        raise CellError("nội dung trống")
    if len(value) > TEXT_MAX:
        raise CellError(TOO_LONG_CELL)
    return value


ANSWERED = {**tabular.YES_NO, "da tra loi": True, "roi": True, "chua": False}


NUMBER = Column("STT", "number", tabular.text("số thứ tự", 20), example="1", width=6)


CONTENT = Column(
    "Nội dung ý kiến, kiến nghị",
    "text",
    _content,
    required=True,
    example="Đề nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp.",
    note="Mỗi ý kiến một dòng; tối đa 5.000 ký tự. Dán giá trị, không dùng công thức.",
    width=60,
)


PLACE = Column(
    "Nơi cử tri",
    "voter_place",
    tabular.text("nơi cử tri", 255),
    example="Thôn Đông, xã Đông Hòa",
    note="Thôn, tổ dân phố của cử tri.",
    width=24,
)


DELEGATE = Column(
    "Đại biểu",
    "delegate_name",
    tabular.text("đại biểu", 120),
    example="Nguyễn Thị Minh Họa",
    note="Họ tên đại biểu tiếp nhận, đúng như trong danh sách đại biểu; có thể để trống.",
    width=24,
)


MEETING_TABLE = Table(
    title="Mẫu nhập ý kiến, kiến nghị cử tri tại buổi tiếp xúc",
    sheet="Ý kiến cử tri",
    columns=(
        NUMBER,
        CONTENT,
        PLACE,
        DELEGATE,
        Column(
            "Đã trả lời tại buổi",
            "answered",
            tabular.choice("đã trả lời tại buổi", ANSWERED, "có hoặc không"),
            example="không",
            note="“có” nếu đã được trả lời ngay tại buổi tiếp xúc; để trống là chưa.",
            width=12,
        ),
        Column(
            "Nội dung trả lời",
            "answer",
            tabular.text("nội dung trả lời", TEXT_MAX),
            note="Bắt buộc khi đã trả lời tại buổi.",
            width=40,
        ),
    ),
    one_row="mỗi ý kiến một dòng",
    instructions=(
        "Không đổi tên hay dòng tiêu đề của các cột; có thể bỏ trống các cột không bắt buộc.",
        "Nếu có dòng sai, không dòng nào được nhập: sửa theo thông báo lỗi rồi tải lên lại.",
        "Ô chứa công thức không được nhận: hãy sao chép rồi dán giá trị.",
    ),
)


RECEIVED_TABLE = Table(
    title="Mẫu nhập ý kiến, kiến nghị qua tiếp công dân, đơn thư",
    sheet="Ý kiến cử tri",
    columns=(
        NUMBER,
        CONTENT,
        PLACE,
        DELEGATE,
        Column(
            "Ngày nhận (dd/mm/yyyy)",
            "received_on",
            tabular.day("ngày nhận"),
            example="20/11/2026",
            note="Để trống là ngày chọn trên trang nhập.",
            width=14,
        ),
        Column(
            "Số phiếu, số đơn",
            "reference",
            tabular.text("số phiếu, số đơn", REFERENCE_MAX),
            example="15/TCD",
            width=14,
        ),
    ),
    one_row=MEETING_TABLE.one_row,
    instructions=MEETING_TABLE.instructions,
)


TABLES = {"tiep-xuc": MEETING_TABLE, "tiep-nhan": RECEIVED_TABLE}


# Reading a file ----------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One petition read from a file, with the label its messages start with ("Dòng 7", "Mục 3")."""

    label: str
    values: dict[str, Any]


@dataclass
class ReadResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_file(upload: Any, table: Table) -> ReadResult:
    """Check the upload as a whole, then read every row of an .xlsx or .docx (raises ImportRejected)."""
    name = (getattr(upload, "name", "") or "").lower()
    max_bytes = settings.HDND_MAX_UPLOAD_BYTES
    if name.endswith(".xlsx"):
        tabular.check_upload(upload, max_bytes=max_bytes)
        return _rows(tabular.read_table(upload, table, formulas="refuse"), "Dòng")
    if name.endswith(".docx"):
        tabular.check_upload(upload, max_bytes=max_bytes, kind="docx")
        return _read_docx(upload, table)
    if name.endswith((".xls", ".doc")):
        raise ImportRejected(
            "Tệp Excel/Word dạng cũ (.xls, .doc) chưa đọc được: hãy mở tệp và lưu lại dạng .xlsx hoặc .docx."
        )
    raise ImportRejected(f"Chỉ nhận tệp .xlsx hoặc .docx; tệp “{upload.name}” không phải hai loại này.")


def _rows(result: tabular.TableResult, word: str) -> ReadResult:
    rows = [ImportRow(f"{word} {row.number}", row.values) for row in result.rows]
    return ReadResult(rows, list(result.errors))


def _read_docx(upload: Any, table: Table) -> ReadResult:
    """The first table whose header names the content column, else the paragraphs as a list."""
    from docx import Document
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph

    upload.seek(0)
    try:
        blocks = list(Document(upload).iter_inner_content())
        for block in blocks:
            if isinstance(block, WordTable) and (rows := _table_rows(block)) and _has_header(rows, table):
                return _rows(tabular.read_rows(iter(rows), table), "Dòng")
        paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
        items = _paragraph_items(paragraphs)
    except ImportRejected:
        raise
    except Exception:  # python-docx and lxml raise many kinds of error on a malformed file
        raise ImportRejected("Không đọc được tệp .docx: tệp bị hỏng hoặc không đúng định dạng.") from None
    return _list_rows(items, table.max_rows)


def _table_rows(word_table: Any) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells[: tabular.MAX_COLUMNS]) for row in word_table.rows]


def _has_header(rows: Sequence[tuple[str, ...]], table: Table) -> bool:
    wanted = tabular.header_key(CONTENT.header)
    return any(tabular.header_key(cell) == wanted for row in rows[:10] for cell in row)


def _is_numbered(paragraph: Any) -> bool:
    """Word's own numbering (the "1." is not in the text) or a list style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = getattr(paragraph.style, "name", "") or ""
    return style.startswith(("List", "Danh sách"))


def _paragraph_items(paragraphs: Iterable[Any]) -> list[str]:
    """Numbered ("1.", "2)"), bulleted ("- ") or Word-numbered paragraphs; without any, one a paragraph.

    Text before the first item (a heading) is skipped; a paragraph without a marker after an item
    continues it, as in a pasted list.
    """
    lines: list[str] = []
    for paragraph in paragraphs:
        line = " ".join(nfc(paragraph.text).split())
        if line and _is_numbered(paragraph) and not LIST_MARKER.match(line):
            line = f"- {line}"
        if line:
            lines.append(line)
    first = next((i for i, line in enumerate(lines) if LIST_MARKER.match(line)), 0)
    return parse_list("\n".join(lines[first:]))


def _list_rows(items: list[str], max_rows: int) -> ReadResult:
    if len(items) > max_rows:
        raise ImportRejected(f"Tệp có hơn {max_rows} ý kiến; hãy chia thành nhiều tệp.")
    result = ReadResult()
    for number, item in enumerate(items, start=1):
        label = f"Mục {number}"
        if len(item) > TEXT_MAX:
            result.errors.append(f"{label}: {TOO_LONG_CELL}")
        else:
            result.rows.append(ImportRow(label, {"text": item}))
    if not items:
        result.errors.append(
            "Tệp chưa có ý kiến nào: hãy dùng bảng theo mẫu, hoặc danh sách đánh số 1., 2., …"
        )
    return result


# Templates to download ---------------------------------------------------------------------------


def xlsx_template(table: Table) -> bytes:
    return tabular.template(table)


def docx_template(table: Table) -> bytes:
    """A Word file with the table to fill (header row, one example row) and how to use it."""
    from docx import Document

    document = Document()
    document.add_heading(table.title, level=1)
    document.add_paragraph(
        "Điền mỗi ý kiến vào một dòng của bảng dưới đây; giữ nguyên dòng tiêu đề. Có thể thay bảng bằng "
        "danh sách đánh số (1., 2., … hoặc gạch đầu dòng “- ”): mỗi mục là một ý kiến, đoạn không đánh số "
        "ngay sau một mục được nối vào mục đó."
    )
    examples = "; ".join(f"{column.header}: {column.example}" for column in table.columns if column.example)
    document.add_paragraph(f"Ví dụ một dòng — {examples}.")
    word_table = document.add_table(rows=2, cols=len(table.columns))
    word_table.style = "Table Grid"
    for index, column in enumerate(table.columns):
        word_table.rows[0].cells[index].text = column.header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
