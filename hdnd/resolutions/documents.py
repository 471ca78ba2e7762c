"""The resolution as a document (NĐ 30/2020 format): .docx through ``hdnd.core.documents.build`` and PDF.

The first page carries the header (the council, "Số: 12/NQ-HĐND", place and date), "NGHỊ QUYẾT" and the
trích yếu, then "HỘI ĐỒNG NHÂN DÂN TỈNH … / KHÓA …, KỲ HỌP THỨ …", the legal bases ("Căn cứ …", in
italics), "QUYẾT NGHỊ:", the full text, the closing sentence ("Nghị quyết này đã được Hội đồng nhân
dân … khóa …, Kỳ họp thứ … thông qua ngày …") and the signature block (TM. HỘI ĐỒNG NHÂN DÂN / CHỦ
TỊCH). A draft has its number and date left blank.

The full text is typed by the office; its lines are read as they come: leading "Căn cứ …"/"Xét …" lines
are the bases (standard ones are added when there are none), a line "QUYẾT NGHỊ:" is kept (added when
missing), "Điều 1. …" headings are bold, "Chương I"/"Mục 1" centred, a closing sentence already typed
is not repeated.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone

from hdnd.core import documents
from hdnd.core.documents import AdminDocument, Block, Heading, Line, Signature
from hdnd.core.text import fold
from hdnd.core.words import ordinal_words
from hdnd.councils.models import Council, Term, to_roman

from .models import Kind, Resolution, Status

KIND = "NGHỊ QUYẾT"
SYMBOL = "NQ-HĐND"
# The bases every resolution cites; normative ones also the law on legal documents (64/2025/QH15).
BASES = ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",)
NORMATIVE_BASES = ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;",)
DECIDES = "QUYẾT NGHỊ:"
NO_TEXT = "(Toàn văn nghị quyết chưa được nhập.)"
IN_FILE = "(Toàn văn nghị quyết là tệp {kind} kèm theo, đăng cùng nghị quyết.)"
_ARTICLE = re.compile(r"^Điều \d+[a-zđ]?\.")
_PART = re.compile(r"^(chuong|muc|phan) [ivxlc\d]+\b")
ARTICLE_HEADING_MAX = 160  # a longer "Điều 1. …" line is a whole article, not its heading


def _term(resolution: Resolution) -> Term | None:
    if resolution.session_id is not None:
        return resolution.session.term  # type: ignore[union-attr]
    on = resolution.adopted_on or resolution.issued_on or timezone.localdate()
    return resolution.council.current_term(on)


def council_lines(resolution: Resolution) -> list[str]:
    """ "HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH" and "KHÓA XVII, KỲ HỌP THỨ MƯỜI HAI" (as far as known)."""
    lines = [f"HỘI ĐỒNG NHÂN DÂN {documents.unit_words(resolution.council).upper()}"]
    term = _term(resolution)
    if term is not None:
        second = f"KHÓA {to_roman(term.number)}"
        if resolution.session_id is not None:
            second += f", KỲ HỌP {ordinal_words(resolution.session.number).upper()}"  # type: ignore[union-attr]
        lines.append(second)
    return lines


def closing_sentence(resolution: Resolution) -> str:
    """ "Nghị quyết này đã được Hội đồng nhân dân tỉnh An Bình khóa XVII, Kỳ họp thứ mười hai thông qua
    ngày 10 tháng 12 năm 2026 và có hiệu lực từ ngày 01 tháng 01 năm 2027." """
    who = f"Hội đồng nhân dân {documents.unit_words(resolution.council)}"
    term = _term(resolution)
    if term is not None:
        who += f" khóa {to_roman(term.number)}"
        if resolution.session_id is not None:
            who += f", Kỳ họp {ordinal_words(resolution.session.number)}"  # type: ignore[union-attr]
    sentence = f"Nghị quyết này đã được {who} thông qua {documents.vietnamese_date(resolution.adopted_on)}"
    if resolution.effective_on is not None:
        sentence += f" và có hiệu lực từ {documents.vietnamese_date(resolution.effective_on)}"
    return sentence.rstrip() + "."


def _decides(line: str) -> bool:
    return fold(line).rstrip(":. ") == "quyet nghi"


def text_blocks(resolution: Resolution) -> list[Block]:
    """The bases, "QUYẾT NGHỊ:", the full text and the closing sentence, each line styled as it reads."""
    lines = [line.strip() for line in resolution.text.splitlines() if line.strip()]
    bases: list[Block] = []
    while lines and fold(lines[0]).startswith(("can cu ", "xet ")):
        bases.append(Line(lines.pop(0), italic=True))
    if not bases:
        standard = BASES + (NORMATIVE_BASES if resolution.kind == Kind.NORMATIVE else ())
        bases = [Line(text, italic=True) for text in standard]
    blocks: list[Block] = [*bases]
    if not any(_decides(line) for line in lines):
        blocks.append(Line(DECIDES, bold=True, centred=True))
    if not lines:
        missing = IN_FILE.format(kind=resolution.text_file_kind) if resolution.text_file else NO_TEXT
        blocks.append(Line(missing, italic=True))
    closed = False
    for line in lines:
        folded = fold(line)
        if _decides(line):
            blocks.append(Line(DECIDES, bold=True, centred=True))
        elif _PART.match(folded):
            blocks.append(Line(line, bold=True, centred=True))
        elif _ARTICLE.match(line) and len(line) <= ARTICLE_HEADING_MAX:
            blocks.append(Heading(line))
        else:
            closed = closed or folded.startswith("nghi quyet nay da duoc")
            blocks.append(line)
    if not closed:
        blocks.append(closing_sentence(resolution))
    return blocks


def _body_only(lines: list[str]) -> list[str]:
    """A whole resolution's lines without what the document adds itself: from the first "Căn cứ …" (when
    there is one) to before "Nơi nhận:"."""
    folded = [fold(line) for line in lines]
    start = next((n for n, line in enumerate(folded) if line.startswith("can cu ")), 0)
    end = next((n for n, line in enumerate(folded) if line.startswith("noi nhan")), len(lines))
    return lines[start:end] if start < end else lines


def text_from_docx(upload: Any) -> str:
    """The text of an uploaded .docx, one paragraph a line (the header, Nơi nhận and signature left to the
    generated document); '' when it cannot be read."""
    from docx import Document

    upload.seek(0)
    try:
        document = Document(upload)
    except Exception:  # a zip that is not a Word document: keep the file, the text stays to be typed
        return ""
    finally:
        upload.seek(0)
    lines = [paragraph.text.strip() for paragraph in document.paragraphs if paragraph.text.strip()]
    return "\n".join(_body_only(lines))


def signature(resolution: Resolution) -> Signature:
    """TM. HỘI ĐỒNG NHÂN DÂN / CHỦ TỊCH and the name (the resolution's signer, else the council's chair)."""
    title = (resolution.signer_title or "CHỦ TỊCH").upper()
    on = resolution.issued_on or resolution.adopted_on
    return Signature(
        on_behalf=(resolution.signer_capacity or "TM. HỘI ĐỒNG NHÂN DÂN").upper(),
        acting="KT. CHỦ TỊCH" if title.startswith("PHÓ CHỦ TỊCH") else "",
        title=title,
        name=resolution.signer_name or documents.chair_name(resolution.council, on),
    )


def recipients(council: Council) -> list[str]:
    """Nơi nhận: the bodies above, the council's own leadership, its delegates, the archive."""
    own = documents.unit_words(council)
    if council.parent_id is None:
        above = ["Ủy ban Thường vụ Quốc hội;", "Chính phủ;", "Bộ Tư pháp;", f"Thường trực Tỉnh ủy {own};"]
    else:
        parent = documents.unit_words(council.parent)  # type: ignore[arg-type]
        above = [f"Thường trực HĐND {parent};", f"UBND {parent};", f"Thường trực Đảng ủy {own};"]
    return [
        *above,
        f"Thường trực HĐND, UBND {own};",
        f"Ủy ban MTTQ Việt Nam {own};",
        f"Đại biểu HĐND {own};",
        "Lưu: VT.",
    ]


def _symbol(resolution: Resolution) -> tuple[str, str]:
    """(number, symbol after it): ("05", "2025/NQ-HĐND"), ("12", "NQ-HĐND"), ("", …) for a draft."""
    number = f"{resolution.number:02d}" if resolution.number else ""
    if resolution.kind != Kind.NORMATIVE:
        return number, SYMBOL
    year = resolution.year or (resolution.issued_on or resolution.adopted_on or timezone.localdate()).year
    return number, f"{year}/{SYMBOL}"


def resolution_document(resolution: Resolution) -> AdminDocument:
    """The resolution described for ``hdnd.core.documents`` (tests read this)."""
    council = resolution.council
    number, symbol = _symbol(resolution)
    on: date | None = None
    if resolution.status != Status.DRAFT:
        on = resolution.issued_on or resolution.adopted_on
    body: list[Block] = [Line(line, bold=True, centred=True) for line in council_lines(resolution)]
    body += text_blocks(resolution)
    return AdminDocument(
        issuer=documents.council_issuer(council),
        kind=KIND,
        symbol=symbol,
        number=number,
        place=documents.place_name(council.unit.name),
        on=on,
        summary=resolution.title,
        body=body,
        recipients=recipients(council),
        signature=signature(resolution),
    )


def filename(resolution: Resolution, extension: str) -> str:
    """ "Nghị quyết 12-NQ-HĐND.docx"; "Dự thảo nghị quyết 42.pdf" before it has a number."""
    if resolution.symbol:
        return f"Nghị quyết {resolution.symbol.replace('/', '-')}.{extension}"
    return f"Dự thảo nghị quyết {resolution.pk}.{extension}"


def docx(resolution: Resolution) -> bytes:
    return documents.build(resolution_document(resolution))


def pdf(resolution: Resolution) -> bytes:
    return documents.build_pdf(resolution_document(resolution))
