"""Numbers as Vietnamese documents write them in words (kỳ họp thứ mười hai, thứ hai mươi mốt)."""

from __future__ import annotations

_UNITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def ordinal_words(number: int) -> str:
    """The ordinal as documents write it: 1 → "thứ nhất", 4 → "thứ tư", 21 → "thứ hai mươi mốt".

    Beyond 1–99 the digits are kept ("thứ 100"): no council numbers its sessions that far."""
    if number == 1:
        return "thứ nhất"
    if number == 4:
        return "thứ tư"
    if not 1 < number < 100:
        return f"thứ {number}"
    tens, unit = divmod(number, 10)
    if tens == 0:
        return f"thứ {_UNITS[unit]}"
    head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
    if unit == 0:
        return f"thứ {head}"
    if unit == 5:
        tail = "lăm"
    elif unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 4 and tens > 1:
        tail = "tư"
    else:
        tail = _UNITS[unit]
    return f"thứ {head} {tail}"
