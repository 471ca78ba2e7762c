"""The opening of a report's narrative, written from its figures in the usual administrative style.

"Trong quý I năm 2026, HĐND xã Đông Hòa đã tổ chức 01 kỳ họp chuyên đề, ban hành 03 nghị quyết; …".
Staff edit it; it only saves them typing the figures. Counts below ten take a leading zero, as councils
write them; a clause whose figures are all zero is left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hdnd.core.periods import Period

KIND_WORDS = (
    ("sittings.regular_held", "kỳ họp thường lệ"),
    ("sittings.thematic_held", "kỳ họp chuyên đề"),
    ("sittings.ad_hoc_held", "kỳ họp bất thường"),
)


def n(value: int) -> str:
    """ "01", "09", "12", "1.234"."""
    return f"{value:02d}" if value < 10 else f"{value:,}".replace(",", ".")


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} và {parts[-1]}"


def opening(
    council_name: str, period: Period, values: Mapping[str, int], sessions: Sequence[str] = ()
) -> str:
    """The first paragraph of "Kết quả đạt được", from the figures ``values`` (code → value).

    ``sessions`` names the sessions the period's voter contact prepared for or reported back on.
    """
    v = {code: int(value) for code, value in values.items()}
    clauses = []
    held = [f"{n(v[code])} {words}" for code, words in KIND_WORDS if v.get(code)]
    adopted = v.get("resolutions.adopted", 0)
    if held or adopted:
        clause = f"tổ chức {_join(held)}" if held else "không tổ chức kỳ họp"
        if adopted:
            clause += f", ban hành {n(adopted)} nghị quyết"
        clauses.append(clause)
    if v.get("sittings.standing_meetings"):
        clause = f"Thường trực HĐND họp {n(v['sittings.standing_meetings'])} phiên"
        if v.get("sittings.conclusion_notices"):
            clause += f", ban hành {n(v['sittings.conclusion_notices'])} thông báo kết luận"
        clauses.append(clause)
    if v.get("petitions.meetings"):
        clause = f"phối hợp tổ chức {n(v['petitions.meetings'])} hội nghị tiếp xúc cử tri"
        if sessions:
            clause += f" ({'; '.join(sessions)})"
        if v.get("petitions.received"):
            clause += f", tiếp nhận {n(v['petitions.received'])} ý kiến, kiến nghị của cử tri"
        clauses.append(clause)
    if v.get("petitions.forwarded"):
        clause = f"chuyển {n(v['petitions.forwarded'])} kiến nghị đến cơ quan có thẩm quyền giải quyết"
        if v.get("petitions.answered"):
            clause += (
                f"; các cơ quan đã trả lời {n(v['petitions.answered'])} lượt, "
                f"trong đó {n(v.get('petitions.answered_on_time', 0))} lượt đúng hạn"
            )
        clauses.append(clause)
    if v.get("petitions.overdue"):
        clauses.append(f"còn {n(v['petitions.overdue'])} lượt kiến nghị quá hạn chưa được trả lời")
    subject = council_name.replace("HĐND", "HĐND", 1)
    if not clauses:
        return f"Trong {period.label}, {subject} chưa phát sinh số liệu hoạt động trên hệ thống."
    return f"Trong {period.label}, {subject} đã {'; '.join(clauses)}."
