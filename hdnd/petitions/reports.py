"""The documents of a voter-contact cycle, in the NĐ 30/2020 format (``hdnd.core.documents``).

- the synthesis report (Báo cáo tổng hợp ý kiến, kiến nghị cử tri), .docx;
- the results table (Bảng tổng hợp kết quả giải quyết, trả lời kiến nghị cử tri), .docx and .xlsx;
- the forwarding letter (công văn chuyển) from the standing committee to one agency, .docx.

Each document is described as an ``AdminDocument`` first (tests read it), then built. Documents not
yet issued leave their number blank for the office ("Số:      /BC-HĐND").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from hdnd.core import documents, spreadsheets
from hdnd.core.documents import AdminDocument, Heading, Signature, Table
from hdnd.councils.models import BodyKind, Council, Membership, MembershipRole

from . import statistics
from .models import Answer, Cycle, Forwarding, PetitionIssue

EXCERPT = 300  # characters of an answer quoted in the results table
LETTER_SYMBOL = "HĐND-VP"  # công văn: the council, then the office that drafts it
REPORT_SYMBOL = "BC-HĐND"
NOT_FORWARDED = "Chưa chuyển"


# Who issues and signs ----------------------------------------------------------------------------


def _unit_name(council: Council) -> str:
    """The unit's name as written in a sentence: "tỉnh An Bình", "xã Đông Hòa"."""
    return _lower_first(council.unit.name)


def council_issuer(council: Council) -> list[str]:
    """ "HỘI ĐỒNG NHÂN DÂN" over "TỈNH AN BÌNH"."""
    return ["HỘI ĐỒNG NHÂN DÂN", _unit_name(council).upper()]


def standing_issuer(council: Council) -> tuple[list[str], list[str]]:
    """The standing committee under its council: ("HĐND TỈNH AN BÌNH"), ("THƯỜNG TRỰC HĐND")."""
    return [f"HĐND {_unit_name(council).upper()}"], ["THƯỜNG TRỰC HĐND"]


def signature(council: Council, on: date | None = None) -> Signature:
    """A vice-chair signs for the chair (KT. CHỦ TỊCH); the chair when there is no vice-chair."""
    seats = (
        Membership.objects.current(on)
        .filter(
            council=council,
            body__kind=BodyKind.STANDING,
            role__in=[MembershipRole.VICE_CHAIR, MembershipRole.CHAIR],
        )
        .select_related("person")
        .order_by("role", "starts_on", "pk")  # "chair" sorts before "vice_chair"
    )
    by_role: dict[str, str] = {}
    for seat in seats:
        by_role.setdefault(seat.role, seat.person.full_name)
    if MembershipRole.VICE_CHAIR in by_role:
        return Signature(name=by_role[MembershipRole.VICE_CHAIR])
    if MembershipRole.CHAIR in by_role:
        return Signature(acting="", title="CHỦ TỊCH", name=by_role[MembershipRole.CHAIR])
    return Signature()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _cycle_words(cycle: Cycle) -> str:
    """ "trước kỳ họp thứ 12 năm 2026"."""
    name = _lower_first(cycle.name)
    return name if str(cycle.year) in name else f"{name} năm {cycle.year}"


# (a) The synthesis report ------------------------------------------------------------------------


def _issues_with_counts(cycle: Cycle) -> list[PetitionIssue]:
    return list(
        cycle.issues.select_related("field", "agency")
        .annotate(
            petition_count=Count("petitions", distinct=True),
            meeting_count=Count("petitions__meeting", distinct=True),
            from_count=Count("petitions__from_council", distinct=True),
            other_count=Count(
                "petitions",
                filter=Q(petitions__meeting__isnull=True, petitions__from_council__isnull=True),
                distinct=True,
            ),
        )
        .order_by("field__name", "pk")
    )


def _places(issue: PetitionIssue) -> int:
    """Places that raised an issue: its meetings, the councils that forwarded it, each other petition."""
    return issue.meeting_count + issue.from_count + issue.other_count  # type: ignore[attr-defined]


def _issue_line(number: str, issue: PetitionIssue) -> str:
    count: int = issue.petition_count  # type: ignore[attr-defined]
    facts = [f"{count} ý kiến tại {_places(issue)} nơi" if count else "Chưa có ý kiến"]
    facts.append(f"thẩm quyền: {issue.get_competence_display() or 'chưa xác định'}")
    if issue.agency_id:
        facts.append(f"cơ quan giải quyết: {issue.agency}")
    summary = f" {issue.summary}" if issue.summary else ""
    return f"{number}. {issue.title.rstrip('.')}.{summary} ({'; '.join(facts)})."


def synthesis_report(cycle: Cycle, on: date | None = None) -> AdminDocument:
    """Báo cáo tổng hợp ý kiến, kiến nghị cử tri of one cycle."""
    on = on or timezone.localdate()
    council = cycle.council
    figures = statistics.council_figures(council, cycle=cycle, on=on)
    issues = _issues_with_counts(cycle)
    words = _cycle_words(cycle)
    body: list[documents.Block] = [
        Heading("I. KẾT QUẢ TIẾP XÚC CỬ TRI"),
        f"Trong đợt tiếp xúc cử tri {words}, đại biểu Hội đồng nhân dân {_unit_name(council)} đã tổ "
        f"chức {figures.meetings} buổi tiếp xúc cử tri với {_number(figures.voters)} lượt cử tri tham "
        f"dự. Tổng số ý kiến, kiến nghị cử tri ghi nhận: {_number(figures.petitions)}"
        f"{_sources(figures.by_source)}. Sau khi tổng hợp, loại trùng, còn {figures.issues} kiến nghị.",
        Table(
            ["STT", "Lĩnh vực", "Số kiến nghị"],
            [[i, tally.label, tally.count] for i, tally in enumerate(figures.by_field, start=1)]
            + [["", "Tổng cộng", figures.issues]],
            widths_mm=(15, 120, 30),
        ),
        Heading("II. Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI THEO LĨNH VỰC"),
    ]
    body += _issues_by_field(issues)
    body.append(
        f"Thường trực Hội đồng nhân dân {_unit_name(council)} tổng hợp, báo cáo ý kiến, kiến nghị "
        "của cử tri để các cơ quan có thẩm quyền xem xét, giải quyết và trả lời cử tri theo quy định."
    )
    return AdminDocument(
        issuer=council_issuer(council),
        kind="BÁO CÁO",
        symbol=REPORT_SYMBOL,
        place=documents.place_name(council.unit.name),
        on=on,
        summary=f"Tổng hợp ý kiến, kiến nghị của cử tri {words}",
        body=body,
        recipients=(
            "Thường trực HĐND;",
            f"UBND {_unit_name(council)};",
            f"Ủy ban MTTQ Việt Nam {_unit_name(council)};",
            "Các Ban của HĐND;",
            "Đại biểu HĐND;",
            "Lưu: VT.",
        ),
        signature=signature(council, on),
    )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _sources(by_source: Sequence[statistics.Tally]) -> str:
    if len(by_source) < 2:
        return ""
    return " (" + "; ".join(f"{tally.label.lower()}: {tally.count}" for tally in by_source) + ")"


def _issues_by_field(issues: Sequence[PetitionIssue]) -> list[documents.Block]:
    blocks: list[documents.Block] = []
    groups: dict[str, list[PetitionIssue]] = {}
    for issue in issues:
        groups.setdefault(issue.field.name if issue.field else statistics.NO_FIELD, []).append(issue)
    names = sorted(groups, key=lambda name: (name == statistics.NO_FIELD, name))
    for index, name in enumerate(names, start=1):
        blocks.append(Heading(f"{index}. {name} ({len(groups[name])} kiến nghị)"))
        blocks += [
            _issue_line(f"{index}.{number}", issue) for number, issue in enumerate(groups[name], start=1)
        ]
    if not blocks:
        blocks.append("Trong đợt này chưa có kiến nghị nào được tổng hợp.")
    return blocks


# (b) The results table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    """One line of the results table: an issue and one agency it went to (or none yet)."""

    issue_id: int
    title: str
    agency: str
    due_on: date | None
    answered_on: date | None
    outcome: str
    timeliness: str
    excerpt: str


RESULT_HEADER = (
    "STT",
    "Kiến nghị",
    "Cơ quan trả lời",
    "Hạn trả lời",
    "Ngày trả lời",
    "Kết quả giải quyết",
    "Thời hạn",
    "Nội dung trả lời (trích)",
)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _timeliness(forwarding: Forwarding, first: Answer | None, on: date) -> str:
    if first is not None:
        return "Đúng hạn" if timezone.localdate(first.answered_at) <= forwarding.due_on else "Trễ hạn"
    return "Quá hạn, chưa trả lời" if forwarding.due_on < on else "Chưa đến hạn"


def result_rows(cycle: Cycle, on: date | None = None) -> list[ResultRow]:
    """Each forwarding of the cycle's issues with its latest outcome; issues never forwarded once each.

    The answer date is the first answer's (what the deadline is measured on); the outcome and the
    excerpt are the latest answer's (an "đang giải quyết" updated later shows its new state).
    """
    on = on or timezone.localdate()
    answers = Prefetch("answers", Answer.objects.order_by("answered_at", "pk"))
    forwardings = Prefetch(
        "forwardings", Forwarding.objects.select_related("agency").prefetch_related(answers).order_by("pk")
    )
    rows: list[ResultRow] = []
    for issue in cycle.issues.prefetch_related(forwardings).order_by("pk"):
        sent = list(issue.forwardings.all())
        if not sent:
            rows.append(ResultRow(issue.pk, issue.title, NOT_FORWARDED, None, None, "", "", ""))
        for forwarding in sent:
            given = list(forwarding.answers.all())
            first, latest = (given[0], given[-1]) if given else (None, None)
            rows.append(
                ResultRow(
                    issue.pk,
                    issue.title,
                    forwarding.agency.name,
                    forwarding.due_on,
                    timezone.localdate(first.answered_at) if first else None,
                    latest.get_outcome_display() if latest else "Chưa trả lời",
                    _timeliness(forwarding, first, on),
                    _excerpt(latest.text) if latest else "",
                )
            )
    return rows


def _result_values(index: int, row: ResultRow) -> list[object]:
    return [
        index,
        row.title,
        row.agency,
        row.due_on,
        row.answered_on,
        row.outcome,
        row.timeliness,
        row.excerpt,
    ]


def results_report(cycle: Cycle, on: date | None = None) -> AdminDocument:
    """Bảng tổng hợp kết quả giải quyết, trả lời kiến nghị cử tri (landscape: eight columns)."""
    on = on or timezone.localdate()
    council = cycle.council
    rows = result_rows(cycle, on)
    answers = statistics.council_figures(council, cycle=cycle, on=on).answers
    summary = (
        f"Tính đến {documents.vietnamese_date(on)}: {answers.forwarded} lượt chuyển kiến nghị, "
        f"{answers.answered} đã trả lời, {answers.overdue} quá hạn chưa trả lời; tỷ lệ trả lời đúng hạn "
        f"{statistics.percent(answers.on_time_rate)} ({answers.on_time}/{answers.due} kiến nghị đến hạn)."
    )
    return AdminDocument(
        issuer=council_issuer(council),
        kind="BẢNG TỔNG HỢP",
        symbol=REPORT_SYMBOL,
        place=documents.place_name(council.unit.name),
        on=on,
        summary=f"Kết quả giải quyết, trả lời kiến nghị của cử tri {_cycle_words(cycle)}",
        body=[
            summary,
            Table(
                RESULT_HEADER,
                [_result_values(i, row) for i, row in enumerate(rows, start=1)],
                widths_mm=(12, 58, 36, 26, 26, 28, 22, 44),  # a date needs 26 mm at 12 pt
            ),
        ],
        recipients=("Thường trực HĐND;", "Các Ban của HĐND;", "Lưu: VT."),
        signature=signature(council, on),
        landscape=True,
    )


RESULT_COLUMNS = [
    spreadsheets.Column("STT", 6),
    spreadsheets.Column("Kiến nghị", 50),
    spreadsheets.Column("Cơ quan trả lời", 30),
    spreadsheets.Column("Hạn trả lời", 13),
    spreadsheets.Column("Ngày trả lời", 13),
    spreadsheets.Column("Kết quả giải quyết", 24),
    spreadsheets.Column("Thời hạn", 18),
    spreadsheets.Column("Nội dung trả lời (trích)", 60),
]


def results_xlsx(cycle: Cycle, on: date | None = None) -> bytes:
    on = on or timezone.localdate()
    rows = result_rows(cycle, on)
    return spreadsheets.build(
        RESULT_COLUMNS,
        [_result_values(i, row) for i, row in enumerate(rows, start=1)],
        title=f"Bảng tổng hợp kết quả giải quyết, trả lời kiến nghị cử tri {_cycle_words(cycle)}",
        subtitle=f"{cycle.council.name}, tính đến ngày {on:%d/%m/%Y}",
        sheet="Kết quả trả lời",
    )


# (c) The forwarding letter -----------------------------------------------------------------------


def forwarding_letter(forwardings: Sequence[Forwarding], on: date | None = None) -> AdminDocument:
    """Công văn chuyển: the standing committee sends one agency the issues of one cycle to answer.

    ``forwardings`` are of one agency and one council (with ``issue`` and ``agency`` loaded). The letter
    is dated the day they were forwarded (the latest, when they went on several days), carries the
    letter number entered for them (when they have one), and asks for answers by their deadline: one
    date when they share it, else the date of each, as the table lists them.
    """
    first = forwardings[0]
    council, agency, cycle = first.council, first.agency, first.issue.cycle
    sent_on = on or max(f.sent_on for f in forwardings)
    symbol, number = _letter_number(forwardings)
    parent, issuer = standing_issuer(council)
    unit = _unit_name(council)
    rows = [
        [i, f.issue.title + (f". {f.issue.summary}" if f.issue.summary else ""), f.due_on]
        for i, f in enumerate(forwardings, start=1)
    ]
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        symbol=symbol,
        number=number,
        place=documents.place_name(council.unit.name),
        on=sent_on,
        summary=f"chuyển kiến nghị của cử tri {_cycle_words(cycle)}",
        addressees=[f"Kính gửi: {agency.name}."],
        body=[
            f"Qua tổng hợp ý kiến, kiến nghị của cử tri {_cycle_words(cycle)}, Thường trực Hội đồng "
            f"nhân dân {unit} chuyển đến {agency.name} {len(forwardings)} kiến nghị thuộc thẩm quyền "
            "giải quyết (danh sách dưới đây).",
            Table(["STT", "Nội dung kiến nghị", "Hạn trả lời"], rows, widths_mm=(15, 120, 30)),
            f"Đề nghị {agency.name} xem xét, giải quyết và trả lời bằng văn bản, gửi về Thường trực "
            f"Hội đồng nhân dân {unit} {_reply_by(forwardings)} để tổng hợp, thông báo đến cử tri "
            "theo quy định.",
            f"Thường trực Hội đồng nhân dân {unit} đề nghị {agency.name} quan tâm, phối hợp thực hiện.",
        ],
        recipients=("Như trên;", "Thường trực HĐND;", "Lưu: VT."),
        signature=signature(council, sent_on),
    )


def _letter_number(forwardings: Sequence[Forwarding]) -> tuple[str, str]:
    """(symbol, number) of the letter: the number entered for the forwardings ("45/HĐND-VP" or "45"),
    blank when none was entered or they name different letters."""
    numbers = {f.letter_number.strip() for f in forwardings} - {""}
    if len(numbers) != 1:
        return LETTER_SYMBOL, ""
    number, _, symbol = numbers.pop().partition("/")
    return symbol or LETTER_SYMBOL, number


def _reply_by(forwardings: Sequence[Forwarding]) -> str:
    deadlines = {f.due_on for f in forwardings}
    if len(deadlines) == 1:
        return f"trước ngày {deadlines.pop():%d/%m/%Y}"
    return "trước thời hạn ghi tại cột “Hạn trả lời” đối với từng kiến nghị"


def letter_forwardings(cycle: Cycle, agency_id: int) -> list[Forwarding]:
    """What the agency's letter lists: the issues of one cycle forwarded to it and still awaiting its
    answer (every one, once all are answered), in the order they were sent."""
    found = (
        Forwarding.objects.filter(issue__cycle=cycle, agency_id=agency_id)
        .select_related("council__unit", "agency", "issue__cycle")
        .order_by("sent_on", "issue_id", "pk")
    )
    return list(found.open()) or list(found)


# File names (Vietnamese; sent as RFC 5987 filename*) ---------------------------------------------


def _safe(name: str) -> str:
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in name)


def synthesis_filename(cycle: Cycle) -> str:
    return _safe(f"Báo cáo tổng hợp kiến nghị cử tri - {cycle.name} ({cycle.year}).docx")


def results_filename(cycle: Cycle, extension: str) -> str:
    return _safe(f"Kết quả trả lời kiến nghị cử tri - {cycle.name} ({cycle.year}).{extension}")


def letter_filename(forwardings: Sequence[Forwarding]) -> str:
    first = forwardings[0]
    return _safe(f"Công văn chuyển kiến nghị - {first.agency.name} - {first.issue.cycle.name}.docx")


# The roll-up of a province and its communes (.xlsx) ----------------------------------------------

ROLLUP_COLUMNS = [
    spreadsheets.Column("HĐND", 36),
    spreadsheets.Column("Buổi tiếp xúc", 12),
    spreadsheets.Column("Lượt cử tri", 12),
    spreadsheets.Column("Ý kiến, kiến nghị", 14),
    spreadsheets.Column("Kiến nghị đã tổng hợp", 14),
    spreadsheets.Column("Lượt chuyển cơ quan", 14),
    spreadsheets.Column("Đã trả lời", 12),
    spreadsheets.Column("Quá hạn chưa trả lời", 14),
    spreadsheets.Column("Đến hạn", 10),
    spreadsheets.Column("Đúng hạn", 10),
    spreadsheets.Column("Tỷ lệ đúng hạn", 12),
]


def rollup_xlsx(rollup: statistics.Rollup) -> bytes:
    """One row per council and the total, as the statistics page shows them."""
    rows = [
        [
            row.name,
            row.meetings,
            row.voters,
            row.petitions,
            row.issues,
            row.answers.forwarded,
            row.answers.answered,
            row.answers.overdue,
            row.answers.due,
            row.answers.on_time,
            statistics.percent(row.answers.on_time_rate),
        ]
        for row in [*rollup.rows, rollup.total]
    ]
    period = f"năm {rollup.year}" if rollup.year else "tất cả các năm"
    return spreadsheets.build(
        ROLLUP_COLUMNS,
        rows,
        title=f"Tổng hợp kiến nghị cử tri {period}: {rollup.council.name} và HĐND cấp dưới",
        subtitle=f"Tính đến ngày {rollup.on:%d/%m/%Y}",
        sheet="Tổng hợp",
    )


def rollup_filename(rollup: statistics.Rollup) -> str:
    period = f" năm {rollup.year}" if rollup.year else ""
    return _safe(f"Tổng hợp kiến nghị cử tri - {rollup.council.name}{period}.xlsx")
