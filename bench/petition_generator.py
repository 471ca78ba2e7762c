"""Deterministic synthetic voters' petitions for benchmarks and tests (no real petition text).

Each petition is one *issue* (a demand about an object) written the way offices write: a lead-in or
none, one of several phrasings, a different village, commune or road each time, a purpose clause,
numbers, and some noise: accents dropped, NFD, abbreviations, a letter typo, words reordered. The
issue index is returned with the text, so a benchmark knows which petitions belong together.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from hdnd.core.text import fold

LEAD_INS = (
    "",
    "Cử tri đề nghị ",
    "Cử tri phản ánh và đề nghị ",
    "Đề nghị các cấp có thẩm quyền ",
    "Cử tri {commune} kiến nghị ",
    "Cử tri mong muốn ",
    "Đề nghị UBND tỉnh quan tâm ",
    "Ngoài ra, cử tri cũng đề nghị ",
)

PURPOSES = (
    "",
    " để phục vụ sinh hoạt và sản xuất của nhân dân",
    " để nhân dân thuận tiện đi lại",
    " nhằm đảm bảo an toàn cho người dân",
    ", hiện nay nhân dân rất khó khăn",
    " (đã kiến nghị nhiều lần nhưng chưa được giải quyết)",
    " cho {n} hộ dân",
)

# What offices add after the demand: circumstances, history, the people affected.
DETAILS = (
    "mùa mưa lũ thường xuyên bị ngập",
    "gây mất an toàn cho học sinh đi học",
    "ảnh hưởng đến sản xuất nông nghiệp",
    "nhân dân đã hiến đất và sẵn sàng đóng góp ngày công",
    "công trình đã có trong quy hoạch nhưng chưa được bố trí vốn",
    "từ năm {n} đến nay chưa được giải quyết",
    "cử tri đã nhiều lần kiến nghị tại các kỳ họp trước",
    "đoạn dài khoảng {n} m",
    "nhiều hộ là người cao tuổi, neo đơn",
    "đường đi lại lầy lội vào mùa mưa",
    "các hộ dân phải đi đường vòng xa",
    "ảnh hưởng đến việc buôn bán của các hộ kinh doanh",
    "gây bức xúc trong nhân dân",
    "đề nghị công khai kết quả giải quyết",
    "đề nghị trả lời bằng văn bản cho cử tri",
    "hồ sơ đã nộp từ lâu",
    "khu vực này có nhiều trẻ em",
    "nhân dân đã tự góp tiền làm tạm",
    "đặc biệt là các hộ nghèo",
    "vào ban đêm rất nguy hiểm",
)

# Issue families: {v} village, {c} commune, {r} road, {s} stream, {n} a number. Each family is one
# demand in several phrasings, so that the petitions of one issue differ in more than the place.
FAMILIES: tuple[tuple[str, ...], ...] = (
    (
        "kéo điện lưới quốc gia đến thôn {v}",
        "đầu tư đường điện cho bản {v}",
        "cấp điện cho {n} hộ chưa có điện của thôn {v}",
        "xây dựng đường dây điện hạ thế đến khu dân cư thôn {v}",
    ),
    (
        "lắp đặt hệ thống đèn chiếu sáng tuyến đường từ thôn {v} đến trung tâm xã",
        "hỗ trợ kinh phí xây dựng đường điện thắp sáng ngõ xóm thôn {v}",
        "đầu tư điện chiếu sáng công cộng trên đường {r}",
    ),
    (
        "xây dựng cầu qua suối {s} để nối thôn {v} với trung tâm xã",
        "đầu tư xây dựng cầu dân sinh tại bản {v}",
        "hỗ trợ kinh phí làm cầu treo qua suối {s}",
    ),
    (
        "đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân thôn {v}",
        "cấp GCNQSDĐ cho {n} hộ gia đình tại xã {c} còn tồn đọng",
        "giải quyết dứt điểm việc cấp sổ đỏ cho nhân dân xã {c}",
    ),
    (
        "nâng mức phụ cấp cho trưởng thôn và cán bộ không chuyên trách ở thôn",
        "tăng phụ cấp cho người hoạt động không chuyên trách cấp xã, thôn",
        "hỗ trợ kinh phí hoạt động cho ban thôn, tổ dân phố",
    ),
    (
        "nâng cấp, sửa chữa tuyến đường {r} đã xuống cấp nghiêm trọng",
        "sửa chữa các ổ gà trên đường {r} đoạn qua xã {c}",
        "đầu tư nâng cấp đường {r} bị hư hỏng nặng",
    ),
    (
        "đầu tư công trình nước sạch cho bà con thôn {v}",
        "xây dựng hệ thống cấp nước sinh hoạt cho xã {c}",
        "hỗ trợ đường ống nước sạch cho {n} hộ thiếu nước sinh hoạt ở bản {v}",
    ),
    (
        "xây kè chống sạt lở bờ sông {s} đoạn qua thôn {v}",
        "khắc phục tình trạng sạt lở bờ sông {s}, di dời các hộ dân đến nơi an toàn",
        "đầu tư bờ kè chống sạt lở khu vực thôn {v}",
    ),
    (
        "xử lý tình trạng ô nhiễm môi trường do trại chăn nuôi lợn trong khu dân cư thôn {v}",
        "di dời trại chăn nuôi heo gây ô nhiễm mùi hôi tại xã {c}",
    ),
    (
        "đầu tư xây dựng trụ sở làm việc của Đảng ủy, HĐND, UBND xã {c}",
        "xây mới trụ sở UBND xã {c} đã xuống cấp",
    ),
    (
        "xây dựng phòng học cho điểm trường thôn {v}",
        "đầu tư bếp ăn bán trú cho trường THCS xã {c}",
        "sửa chữa nhà vệ sinh và phòng học của trường mầm non thôn {v}",
    ),
    (
        "cấp thẻ BHYT cho người dân thôn {v} thuộc diện cận nghèo",
        "hỗ trợ mua bảo hiểm y tế cho hộ cận nghèo xã {c}",
    ),
    (
        "giải quyết chế độ chính sách cho quân nhân xuất ngũ tham gia bảo vệ Tổ quốc",
        "xem xét chế độ cho người có công với cách mạng ở xã {c} chưa được hưởng",
    ),
    (
        "nạo vét kênh mương nội đồng thôn {v} phục vụ tưới tiêu",
        "kiên cố hóa kênh mương thủy lợi xã {c}",
    ),
    (
        "tăng cường xử lý tình trạng xe quá tải chạy trên đường {r}",
        "lắp đặt biển báo, gờ giảm tốc trên đường {r} đoạn qua thôn {v}",
    ),
    (
        "bồi thường, hỗ trợ giải phóng mặt bằng cho các hộ dân thuộc dự án đường {r}",
        "đẩy nhanh việc chi trả tiền đền bù cho {n} hộ dân bị thu hồi đất ở xã {c}",
    ),
    (
        "xây dựng nhà văn hóa thôn {v}",
        "hỗ trợ kinh phí sửa chữa nhà văn hóa thôn {v} đã xuống cấp",
    ),
    (
        "thu gom, xử lý rác thải sinh hoạt tại thôn {v}",
        "bố trí điểm tập kết rác thải hợp lý cho khu dân cư xã {c}",
    ),
    (
        "phủ sóng điện thoại, internet cho bản {v}",
        "xây dựng trạm BTS để có sóng điện thoại ở thôn {v}",
    ),
    (
        "xây dựng trạm y tế xã {c}",
        "bổ sung bác sĩ và trang thiết bị cho trạm y tế xã {c}",
    ),
)

_SYLLABLES = """Nà Khuổi Phiêng Bản Nậm Pác Cốc Lũng Đon Huổi Mường Tân Phú Yên Hòa Thanh An Bình Đông Tây
Hưng Thịnh Lộc Phước Long Sơn Trung Hạ Thượng Tiến Quang Vinh Thạch Kim Hồng Xuân Mỹ Đức Thuận Lợi"""
SYLLABLES = tuple(_SYLLABLES.split())
ROADS = ("Quốc lộ {n}", "QL{n}", "ĐT-{n}", "tỉnh lộ {n}", "liên xã {p}", "{p}")


@dataclass(frozen=True)
class Petition:
    """One generated petition and the issue it raises."""

    id: str
    text: str
    place: str
    issue: int


def _name(rng: random.Random) -> str:
    """A two-syllable proper name, capitalised the way offices write village names."""
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def _typo(rng: random.Random, text: str) -> str:
    """Double, drop or swap one letter of one longer word."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    w, k = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice(
        (w[:k] + w[k] + w[k:], w[:k] + w[k + 1 :], w[: k - 1] + w[k] + w[k - 1] + w[k + 1 :])
    )
    return " ".join(words)


def _noisy(rng: random.Random, text: str) -> str:
    """Apply the noise offices' texts carry, each kind with its own probability."""
    roll = rng.random()
    if roll < 0.15:
        text = fold(text)  # typed without accents
    elif roll < 0.25:
        text = unicodedata.normalize("NFD", text)
    if rng.random() < 0.15:
        text = _typo(rng, text)
    if rng.random() < 0.1 and ", " in text:
        head, tail = text.split(", ", 1)
        text = f"{tail}, {head}"  # reordered clauses
    return text


def generate(count: int, seed: int = 2026) -> Iterator[Petition]:
    """Yield ``count`` petitions, the same ones for the same arguments; ``issue`` is the family."""
    rng = random.Random(seed)
    for number in range(count):
        family = rng.randrange(len(FAMILIES))
        template = rng.choice(FAMILIES[family])
        commune = _name(rng)
        fields = {
            "v": _name(rng),
            "c": commune,
            "s": _name(rng),
            "r": rng.choice(ROADS).format(n=rng.randint(1, 999), p=_name(rng)),
            "n": rng.randint(2, 300),
        }
        lead = rng.choice(LEAD_INS).format(commune=f"xã {commune}")
        purpose = rng.choice(PURPOSES).format(n=fields["n"])
        details = "".join(
            "; " + d.format(n=rng.randint(2, 2020)) for d in rng.sample(DETAILS, rng.randint(0, 2))
        )
        text = _noisy(rng, (lead + template.format(**fields) + purpose + details + ".").strip())
        yield Petition(f"T{number:06d}", text[0].upper() + text[1:], f"Xã {commune}", family)


# How other offices write the same petition: the lead-ins, abbreviations and slips of a real text.
VARIANT_LEAD_INS = (
    "Cử tri đề nghị ",
    "Cử tri {place} đề nghị ",
    "Cử tri {place} phản ánh và kiến nghị ",
    "Đề nghị các cấp có thẩm quyền ",
    "Ngoài ra, cử tri cũng đề nghị ",
    "Cử tri mong muốn ",
)
# Written form → abbreviation offices use (the normaliser expands them back).
ABBREVIATE = (
    ("Ủy ban nhân dân", "UBND"),
    ("ủy ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("giấy chứng nhận quyền sử dụng đất", "GCNQSDĐ"),
    ("bảo hiểm y tế", "BHYT"),
    ("bảo hiểm xã hội", "BHXH"),
    ("nông thôn mới", "NTM"),
    ("giải phóng mặt bằng", "GPMB"),
    ("trung học cơ sở", "THCS"),
    ("Quốc lộ", "QL"),
)
VARIATIONS = ("accents", "nfd", "lead_in", "abbreviate", "drop_word", "case", "punctuation")


def vary(
    text: str, rng: random.Random, place: str = "xã Tân Lập", only: tuple[str, ...] | None = None
) -> tuple[str, tuple[str, ...]]:
    """One variant of a real petition: one to three of the ``VARIATIONS``, the same demand. Returns
    (variant, the variations applied); ``only`` applies those variations instead of a random few."""
    applied = only or tuple(sorted(rng.sample(VARIATIONS, rng.randint(1, 3))))
    if "abbreviate" in applied:
        for written, short in ABBREVIATE:
            text = text.replace(written, short)
    if "lead_in" in applied:
        text = rng.choice(VARIANT_LEAD_INS).format(place=place) + text[:1].lower() + text[1:]
    if "drop_word" in applied:
        words = text.split(" ")
        if len(words) > 4:
            del words[rng.randrange(len(words))]
        text = " ".join(words)
    if "punctuation" in applied:
        text = text.replace(",", "").replace(";", ",").rstrip(".") + rng.choice(("", ".", " .", "!", ";"))
    if "case" in applied:
        text = rng.choice((str.upper, str.lower, str.capitalize))(text)
    if "accents" in applied:
        text = fold(text) if rng.random() < 0.5 else _strip_marks_keep_case(text)
    elif "nfd" in applied:
        text = unicodedata.normalize("NFD", text)
    return text, applied


def _strip_marks_keep_case(text: str) -> str:
    """Text typed without diacritics, capitals kept (đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Variant:
    """One variant of a source petition."""

    id: str
    text: str
    source: int  # index of the source petition


def variants(texts: list[str], count: int, seed: int = 2026) -> Iterator[Variant]:
    """Yield ``count`` variants of ``texts``, cycling through them so each has about as many."""
    rng = random.Random(seed)
    for number in range(count):
        source = number % len(texts)
        text, _applied = vary(texts[source], rng, f"xã {_name(rng)}")
        yield Variant(f"V{number:06d}", text, source)
