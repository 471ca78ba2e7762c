"""A council's report and the province's roll-up report as NĐ 30/2020 documents (.docx, PDF), and the
roll-up as an .xlsx table.

The report is issued by the council's standing committee (Thường trực HĐND, ``BC-HĐND``), unnumbered
for the office to number when it signs. Its figures sit in tables; a sent report prints its frozen
figures. The roll-up report prints the totals by level, the councils' report status and a table of the
councils side by side on the main figures (the .xlsx has every figure).
"""

from __future__ import annotations

import copy
import dataclasses
import io
from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from hdnd.core import documents as docs
from hdnd.core import spreadsheets
from hdnd.core.documents import AdminDocument, Heading, Line, Signature, Table
from hdnd.councils.models import Council, Level

from .assemble import FigureRow, figure_rows
from .models import CouncilReport, ReportingPeriod
from .narrative import n
from .reading import period_rollup, reports_of
from .rollup import Rollup

SYMBOL = "BC-HĐND"
# The roll-up document's side-by-side table: the figures a briefing reads first (the .xlsx has them all).
MAIN_CODES = (
    "sittings.sessions_held",
    "sittings.thematic_held",
    "resolutions.adopted",
    "sittings.standing_meetings",
    "petitions.meetings",
    "petitions.received",
    "petitions.answered",
    "petitions.overdue",
)
FORMATS = ("docx", "pdf")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def figure_table(rows: Sequence[FigureRow]) -> Table:
    body: list[list[object]] = []
    group = None
    for number, row in enumerate(rows, 1):
        if row.group != group:
            group = row.group
            body.append(["", group.upper(), "", ""])
        body.append([number, row.label, row.unit, row.value])
    return Table(["TT", "Nội dung", "Đơn vị tính", "Số lượng"], body, widths_mm=(12, 105, 30, 18))


def _signature(council: Council) -> Signature:
    return Signature(
        on_behalf="TM. THƯỜNG TRỰC HĐND", acting="", title="CHỦ TỊCH", name=docs.chair_name(council)
    )


def report_document(report: CouncilReport) -> AdminDocument:
    council, period = report.council, report.period.period
    parent, issuer = docs.standing_issuer(council)
    body: list[Any] = [
        Line(
            f"Thực hiện yêu cầu của {report.period.council.name} về báo cáo {period.label}, "
            f"Thường trực {council.name} báo cáo kết quả hoạt động như sau:",
            italic=False,
        ),
        Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
        *_paragraphs(report.results),
        Line("Số liệu hoạt động trong kỳ (tổng hợp từ hệ thống):", italic=True),
        figure_table(figure_rows(report)),
        Heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        *(_paragraphs(report.shortcomings) or ["Không có."]),
        Heading("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
        *(_paragraphs(report.next_tasks) or ["Không có."]),
        Heading("IV. KIẾN NGHỊ, ĐỀ XUẤT"),
    ]
    proposals = list(report.proposals.all())
    body += [
        f"{i}. {p.text}" + (f" (lĩnh vực: {p.topic})" if p.topic else "") for i, p in enumerate(proposals, 1)
    ]
    if not proposals:
        body.append("Không có.")
    recipients = ["Lưu: VT."]
    if report.period.council_id != council.pk:
        recipients.insert(0, f"Thường trực {report.period.council.name};")
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol=SYMBOL,
        place=docs.place_name(council.unit.name),
        on=timezone.localdate(report.submitted_at) if report.submitted_at else None,
        kind="BÁO CÁO",
        summary=f"Kết quả hoạt động của HĐND {docs.unit_words(council)} {period.label}",
        body=body,
        recipients=recipients,
        signature=_signature(council),
    )


LEVEL_CLAUSES = (
    ("sittings.sessions_held", "tổ chức {} kỳ họp"),
    ("sittings.thematic_held", "trong đó {} kỳ họp chuyên đề"),
    ("resolutions.adopted", "ban hành {} nghị quyết"),
    ("petitions.meetings", "tổ chức {} hội nghị tiếp xúc cử tri"),
    ("petitions.received", "tiếp nhận {} ý kiến, kiến nghị của cử tri"),
)


def _level_sentence(result: Rollup) -> list[str]:
    """ "HĐND cấp xã đã tổ chức 111 kỳ họp, trong đó 26 kỳ họp chuyên đề, ban hành 202 nghị quyết; …"."""
    sentences = []
    for level in result.levels:
        values = result.totals_by_level[level]
        clauses = [text.format(n(values[code])) for code, text in LEVEL_CLAUSES if values.get(code)]
        if clauses:
            sentences.append(f"HĐND {Level(level).label.lower()} đã {', '.join(clauses)}.")
    return sentences


def _widths(first: Sequence[float], others: int, page_mm: float = 252) -> list[float]:
    """Landscape columns: ``first`` as given, the ``others`` sharing what is left of the page."""
    return [*first, *[(page_mm - sum(first)) / others] * others] if others else list(first)


def rollup_document(period: ReportingPeriod, result: Rollup) -> AdminDocument:
    council = period.council
    parent, issuer = docs.standing_issuer(council)
    labels = dict(Level.choices)
    levels = result.levels
    totals = Table(
        ["Nội dung", labels[council.level], *(labels[level] for level in levels), "Tổng cấp dưới"],
        [
            [
                f.label,
                result.own.value(f.code),
                *(result.totals_by_level[level].get(f.code, 0) for level in levels),
                result.total[f.code],
            ]
            for f in result.figures
        ],
        widths_mm=_widths((100,), len(levels) + 2),
    )
    reports = list(reports_of(period))
    status = {r.council_id: r.get_status_display() + (" (quá hạn)" if r.is_late() else "") for r in reports}
    late = [r.council.name for r in reports if r.is_late()]
    figures = [f for f in result.figures if f.code in MAIN_CODES]
    side = Table(
        ["TT", "HĐND", "Báo cáo", *(f.label for f in figures)],
        [
            [i, row.name, status.get(row.council_id, "—"), *(row.value(f.code) for f in figures)]
            for i, row in enumerate(result.rows_at(result.main_level), 1)
        ]
        + [
            [
                "",
                "Tổng cộng",
                "",
                *(result.totals_by_level.get(result.main_level, {}).get(f.code, 0) for f in figures),
            ]
        ],
        widths_mm=_widths((12, 60, 40), len(figures)),
    )
    sent = sum(1 for r in reports if r.is_sent)
    body: list[Any] = [
        f"Trong {period.period.label}, {sent}/{len(reports)} HĐND đã gửi báo cáo. "
        "Tổng hợp số liệu hoạt động từ hệ thống như sau:",
        *_level_sentence(result),
        Heading("I. SỐ LIỆU TỔNG HỢP THEO CẤP"),
        totals,
        Heading("II. TÌNH HÌNH GỬI BÁO CÁO"),
        f"Đã gửi {sent}/{len(reports)} báo cáo; "
        + (f"quá hạn chưa gửi: {', '.join(late)}." if late else "không có báo cáo quá hạn."),
        Heading(f"III. SỐ LIỆU CỦA TỪNG HĐND {labels[result.main_level].upper()}"),
        side,
    ]
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol=SYMBOL,
        place=docs.place_name(council.unit.name),
        on=timezone.localdate(),
        kind="BÁO CÁO",
        summary=f"Tổng hợp kết quả hoạt động của HĐND các cấp {period.period.label}",
        body=body,
        recipients=["Thường trực HĐND các xã, phường;", "Lưu: VT."],
        signature=_signature(council),
        landscape=True,
    )


def rollup_xlsx(period: ReportingPeriod, result: Rollup) -> bytes:
    labels = dict(Level.choices)
    statuses = {r.council_id: r for r in period.reports.all()}
    columns = [
        spreadsheets.Column("TT", 5),
        spreadsheets.Column("HĐND", 32),
        spreadsheets.Column("Cấp", 10),
        spreadsheets.Column("Báo cáo", 18),
        *(spreadsheets.Column(f"{f.label} ({f.unit})", 14) for f in result.figures),
    ]
    rows: list[list[object]] = []
    for i, row in enumerate(result.rows, 1):
        report = statuses.get(row.council_id)
        rows.append(
            [
                i,
                row.name,
                labels[row.level],
                report.get_status_display() if report else "",
                *(row.value(f.code) for f in result.figures),
            ]
        )
    for level in result.levels:
        rows.append(
            [
                "",
                f"Tổng {labels[level].lower()}",
                labels[level],
                "",
                *(result.totals_by_level[level].get(f.code, 0) for f in result.figures),
            ]
        )
    rows.append(
        [
            "",
            result.own.name,
            labels[result.council.level],
            "",
            *(result.own.value(f.code) for f in result.figures),
        ]
    )
    reading = (
        "theo đơn vị hành chính hiện nay" if result.as_now else "theo đơn vị hành chính tại thời điểm đó"
    )
    return spreadsheets.build(
        columns,
        rows,
        title=f"Tổng hợp số liệu hoạt động HĐND {period.period.label}",
        subtitle=f"{period.council.name}; số liệu {reading}",
        sheet=period.period.code,
    )


def _filename(stem: str, fmt: str) -> str:
    return f"{stem}.{fmt}"


def report_download(report: CouncilReport, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    document = report_document(report)
    stem = f"Báo cáo {report.period.period.code} {report.council.name}"
    if fmt == "pdf":
        return docs.attachment(docs.build_pdf(document), _filename(stem, fmt), docs.PDF)
    return docs.attachment(docs.build(document), _filename(stem, fmt))


def rollup_bytes(period: ReportingPeriod, fmt: str, *, as_now: bool = True) -> tuple[bytes, str]:
    """The roll-up as ``fmt`` (docx, pdf, xlsx): the bytes and their content type."""
    result = period_rollup(period, as_now=as_now)
    if fmt == "xlsx":
        return rollup_xlsx(period, result), spreadsheets.XLSX
    if fmt == "pdf":
        return docs.build_pdf(rollup_document(period, result)), docs.PDF
    return rollup_docx(period, result), docs.DOCX


def rollup_docx(period: ReportingPeriod, result: Rollup) -> bytes:
    """The roll-up report as .docx, its councils table written fast.

    ``hdnd.core.documents`` writes a table cell by cell through python-docx, about a millisecond a cell:
    a province's 126 councils would take seconds. So the document is built with the table's first row
    (the template, styled by core) and its total, and the other rows are copies of the template's XML
    with their own texts, inserted before the total: the same layout, in a few milliseconds.
    """
    document = rollup_document(period, result)
    side = document.body[-1]
    assert isinstance(side, Table)
    if len(side.rows) < 3:
        return docs.build(document)
    short = dataclasses.replace(side, rows=[side.rows[0], side.rows[-1]])
    content = docs.build(dataclasses.replace(document, body=[*document.body[:-1], short]))
    word = Document(io.BytesIO(content))
    table = word.tables[-2]  # the last table of the body; the closing table (Nơi nhận, signature) follows
    template, total = table.rows[1]._tr, table.rows[2]._tr
    for values in side.rows[1:-1]:
        row = copy.deepcopy(template)
        for cell, value in zip(row.iter(qn("w:tc")), values, strict=True):
            texts = list(cell.iter(qn("w:t")))
            texts[0].text = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
        total.addprevious(row)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def rollup_download(period: ReportingPeriod, fmt: str, *, as_now: bool = True) -> HttpResponse:
    if fmt not in (*FORMATS, "xlsx"):
        raise Http404
    content, content_type = rollup_bytes(period, fmt, as_now=as_now)
    return docs.attachment(
        content, _filename(f"Tổng hợp báo cáo {period.period.code} {period.council.name}", fmt), content_type
    )
