"""The petition lists offices already keep, as files: the two tables (a meeting's petitions; those from
reception and letters), reading an .xlsx or .docx into rows, and the templates to download.

Reading only: every row is read and every problem reported by row ("Dòng 7: nội dung trống") or cell
("Ô B5 chứa công thức; hãy dán giá trị"); ``actions.intake.import_file`` checks and saves them. The
file itself passes the same checks as the delegate import (``hdnd.councils.imports``: size, zip bomb,
macros) before anything parses it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from hdnd.core.text import nfc
from hdnd.councils import imports
from hdnd.councils.imports import CellError, Column, ImportRejected, Parser, Table

from .actions.entry import LIST_MARKER, parse_list
from .models import TEXT_MAX

REFERENCE_MAX = 64
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOO_LONG_CELL = (
    f"nội dung dài quá {TEXT_MAX:,} ký tự".replace(",", ".")
    + "; hãy tách thành nhiều ý kiến (mỗi ý kiến một vấn đề)"
)


# The shape of the files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula: never evaluated, refused with the cell's address."""

    coordinate: str

    def __str__(self) -> str:
        return "="


def _guard(parse: Parser) -> Parser:
    def guarded(raw: Any) -> Any:
        if isinstance(raw, Formula):
            raise CellError(f"Ô {raw.coordinate} chứa công thức; hãy dán giá trị")
        return parse(raw)

    return guarded


_any_text = imports.text("nội dung", 10**9)


def _content(raw: Any) -> str:
    value = _any_text(raw)
    if not value:
        raise CellError("nội dung trống")
    if len(value) > TEXT_MAX:
        raise CellError(TOO_LONG_CELL)
    return value


ANSWERED = {**imports.YES_NO, "da tra loi": True, "roi": True, "chua": False}


NUMBER = Column("STT", "number", _guard(imports.text("số thứ tự", 20)), example="1", width=6)


CONTENT = Column(
    "Nội dung ý kiến, kiến nghị",
    "text",
    _guard(_content),
    required=True,
    example="Đề nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp.",
    note="Mỗi ý kiến một dòng; tối đa 5.000 ký tự. Dán giá trị, không dùng công thức.",
    width=60,
)


PLACE = Column(
    "Nơi cử tri",
    "voter_place",
    _guard(imports.text("nơi cử tri", 255)),
    example="Thôn Đông, xã Đông Hòa",
    note="Thôn, tổ dân phố của cử tri.",
    width=24,
)


DELEGATE = Column(
    "Đại biểu",
    "delegate_name",
    _guard(imports.text("đại biểu", 120)),
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
            _guard(imports.choice("đã trả lời tại buổi", ANSWERED, "có hoặc không")),
            example="không",
            note="“có” nếu đã được trả lời ngay tại buổi tiếp xúc; để trống là chưa.",
            width=12,
        ),
        Column(
            "Nội dung trả lời",
            "answer",
            _guard(imports.text("nội dung trả lời", TEXT_MAX)),
            note="Bắt buộc khi đã trả lời tại buổi.",
            width=40,
        ),
    ),
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
            _guard(imports.day("ngày nhận")),
            example="20/11/2026",
            note="Để trống là ngày chọn trên trang nhập.",
            width=14,
        ),
        Column(
            "Số phiếu, số đơn",
            "reference",
            _guard(imports.text("số phiếu, số đơn", REFERENCE_MAX)),
            example="15/TCD",
            width=14,
        ),
    ),
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
        imports.check_upload(upload, max_bytes=max_bytes)
        return _rows(_read_xlsx(upload, table), "Dòng")
    if name.endswith(".docx"):
        _check_docx(upload, max_bytes=max_bytes)
        return _read_docx(upload, table)
    if name.endswith((".xls", ".doc")):
        raise ImportRejected(
            "Tệp Excel/Word dạng cũ (.xls, .doc) chưa đọc được: hãy mở tệp và lưu lại dạng .xlsx hoặc .docx."
        )
    raise ImportRejected(f"Chỉ nhận tệp .xlsx hoặc .docx; tệp “{upload.name}” không phải hai loại này.")


def _rows(result: imports.TableResult, word: str) -> ReadResult:
    rows = [ImportRow(f"{word} {row.number}", row.values) for row in result.rows]
    return ReadResult(rows, list(result.errors))


def _read_xlsx(upload: Any, table: Table) -> imports.TableResult:
    """Like ``imports.read_table`` (read-only, formulas never evaluated), but a formula cell is refused
    with its address instead of being kept as text."""
    from openpyxl import load_workbook

    broken = ImportRejected("Không đọc được tệp .xlsx: tệp bị hỏng hoặc không đúng định dạng.")
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on a malformed file; all mean the same here
        raise broken from None
    try:
        sheet = book[table.sheet] if table.sheet in book.sheetnames else book.worksheets[0]
        rows = (tuple(_cell(cell) for cell in row) for row in sheet.iter_rows(max_col=imports.MAX_COLUMNS))
        return imports.read_rows(rows, table)
    except ImportRejected:
        raise
    except Exception:
        raise broken from None
    finally:
        book.close()


def _cell(cell: Any) -> Any:
    if getattr(cell, "data_type", None) == "f":
        return Formula(cell.coordinate)
    return cell.value


def _check_docx(upload: Any, *, max_bytes: int) -> None:
    """The .docx counterpart of ``imports.check_upload``: size, a real Word package, no macros, no bomb."""
    if upload.size > max_bytes:
        raise ImportRejected(f"Tệp lớn hơn giới hạn {max_bytes / 1024 / 1024:.0f} MB.")
    broken = ImportRejected(f"Tệp “{upload.name}” không phải tệp Word .docx hợp lệ (có thể bị hỏng).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise broken from None
    finally:
        upload.seek(0)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise broken
    if any(entry.filename.lower().endswith("vbaproject.bin") for entry in entries):
        raise ImportRejected("Tệp có macro (VBA); hãy lưu lại dưới dạng .docx thường rồi tải lên.")
    too_big = sum(entry.file_size for entry in entries) > imports.MAX_UNCOMPRESSED_BYTES
    if len(entries) > imports.MAX_ZIP_ENTRIES or too_big:
        raise ImportRejected("Nội dung tệp sau khi giải nén quá lớn; tệp không được nhận.")


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
                return _rows(imports.read_rows(iter(rows), table), "Dòng")
        paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
        items = _paragraph_items(paragraphs)
    except ImportRejected:
        raise
    except Exception:  # python-docx and lxml raise many kinds of error on a malformed file
        raise ImportRejected("Không đọc được tệp .docx: tệp bị hỏng hoặc không đúng định dạng.") from None
    return _list_rows(items, table.max_rows)


def _table_rows(word_table: Any) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells[: imports.MAX_COLUMNS]) for row in word_table.rows]


def _has_header(rows: Sequence[tuple[str, ...]], table: Table) -> bool:
    wanted = imports.header_key(CONTENT.header)
    return any(imports.header_key(cell) == wanted for row in rows[:10] for cell in row)


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
    """``imports.template`` with the first instruction worded for petitions (one petition a row)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(imports.template(table)))
    book["Hướng dẫn"]["A3"] = (
        f"Điền danh sách vào trang tính “{table.sheet}”, mỗi ý kiến một dòng, từ dòng 2."
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
