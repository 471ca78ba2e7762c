"""The Vietnamese text of generated national data: voters' demands, issue titles, answers, resolution titles.

Composed, never copied: a demand is a lead-in (or none), one phrasing of one of ``DEMANDS``' families, a
real place (the commune's own name from the unit list, a village, road, stream or school named from
common place syllables), a purpose clause and up to two circumstances, written the way offices write
(some without accents, some with a slip of the keyboard, clauses reordered). The families follow the
demands voters raise most at voter-contact meetings (roads, electricity, water, land certificates,
allowances, schools, health, landslides, pollution, compensation). Everything is drawn from the
``random.Random`` given, so the same seed writes the same text.
"""

from __future__ import annotations

import random

from hdnd.core.text import fold

LEAD_INS = (
    "",
    "",
    "Cử tri đề nghị ",
    "Cử tri phản ánh và đề nghị ",
    "Cử tri {commune} kiến nghị ",
    "Cử tri thôn {village} phản ánh: ",
    "Đề nghị các cấp có thẩm quyền ",
    "Đề nghị UBND {level} quan tâm ",
    "Cử tri mong muốn ",
    "Ngoài ra, cử tri cũng đề nghị ",
    "Cử tri tiếp tục kiến nghị ",
    "Đề nghị tỉnh xem xét ",
    "Cử tri là người cao tuổi đề nghị ",
)

PURPOSES = (
    "",
    "",
    " để phục vụ sinh hoạt và sản xuất của nhân dân",
    " để nhân dân thuận tiện đi lại",
    " nhằm đảm bảo an toàn cho người dân",
    ", hiện nay nhân dân rất khó khăn",
    " (đã kiến nghị nhiều lần nhưng chưa được giải quyết)",
    " cho {n} hộ dân",
    " trước mùa mưa bão năm nay",
    " trong năm {year}",
)

DETAILS = (
    "mùa mưa lũ thường xuyên bị ngập",
    "gây mất an toàn cho học sinh đi học",
    "ảnh hưởng đến sản xuất nông nghiệp",
    "nhân dân đã hiến đất và sẵn sàng đóng góp ngày công",
    "công trình đã có trong quy hoạch nhưng chưa được bố trí vốn",
    "từ năm {since} đến nay chưa được giải quyết",
    "cử tri đã nhiều lần kiến nghị tại các kỳ họp trước",
    "đoạn dài khoảng {n} m",
    "nhiều hộ là người cao tuổi, neo đơn",
    "đường đi lại lầy lội vào mùa mưa",
    "các hộ dân phải đi đường vòng xa",
    "ảnh hưởng đến việc buôn bán của các hộ kinh doanh",
    "gây bức xúc trong nhân dân",
    "đề nghị trả lời bằng văn bản cho cử tri",
    "hồ sơ đã nộp từ lâu",
    "khu vực này có nhiều trẻ em",
    "nhân dân đã tự góp tiền làm tạm",
    "đặc biệt là các hộ nghèo",
    "vào ban đêm rất nguy hiểm",
    "sau khi sáp nhập thôn chưa được điều chỉnh",
)

# Families of one demand in several phrasings. {v} village, {c} commune, {r} road, {s} stream,
# {sc} school, {n} a number.
DEMANDS: tuple[tuple[str, ...], ...] = (
    (
        "kéo điện lưới quốc gia đến thôn {v}",
        "đầu tư đường điện cho bản {v}",
        "cấp điện cho {n} hộ chưa có điện của thôn {v}",
    ),
    (
        "lắp đặt đèn chiếu sáng tuyến đường từ thôn {v} đến trung tâm xã {c}",
        "đầu tư điện chiếu sáng công cộng trên {r}",
    ),
    (
        "xây dựng cầu qua suối {s} nối thôn {v} với trung tâm xã",
        "đầu tư xây dựng cầu dân sinh tại bản {v}",
        "hỗ trợ kinh phí làm cầu treo qua suối {s}",
    ),
    (
        "đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân thôn {v}",
        "cấp GCNQSDĐ cho {n} hộ gia đình tại xã {c} còn tồn đọng",
        "giải quyết dứt điểm việc cấp sổ đỏ cho nhân dân xã {c}",
    ),
    (
        "nâng mức phụ cấp cho trưởng thôn và người hoạt động không chuyên trách ở thôn",
        "xem xét mức phụ cấp của trưởng thôn các thôn sau sáp nhập cho phù hợp",
        "hỗ trợ kinh phí hoạt động cho ban thôn, tổ dân phố",
    ),
    (
        "nâng cấp, sửa chữa {r} đã xuống cấp nghiêm trọng",
        "sửa chữa các ổ gà trên {r} đoạn qua xã {c}",
        "mở rộng {r} đoạn qua khu dân cư thôn {v}",
    ),
    (
        "đầu tư công trình nước sạch cho bà con thôn {v}",
        "xây dựng hệ thống cấp nước sinh hoạt cho xã {c}",
        "hỗ trợ đường ống nước sạch cho {n} hộ thiếu nước sinh hoạt ở bản {v}",
    ),
    (
        "xây kè chống sạt lở bờ sông {s} đoạn qua thôn {v}",
        "khắc phục sạt lở bờ suối {s}, di dời các hộ dân đến nơi an toàn",
    ),
    (
        "xử lý tình trạng ô nhiễm do trại chăn nuôi lợn trong khu dân cư thôn {v}",
        "xử lý cơ sở sản xuất gây ô nhiễm tiếng ồn, khói bụi tại xã {c}",
    ),
    (
        "xây dựng phòng học cho điểm trường thôn {v}",
        "đầu tư bếp ăn bán trú cho {sc}",
        "sửa chữa nhà vệ sinh và phòng học của {sc}",
    ),
    (
        "cấp thẻ BHYT cho người dân thôn {v} thuộc diện cận nghèo",
        "hỗ trợ mua bảo hiểm y tế cho hộ cận nghèo xã {c}",
    ),
    (
        "xem xét chế độ cho người có công với cách mạng ở xã {c} chưa được hưởng",
        "giải quyết chế độ cho quân nhân xuất ngũ tham gia bảo vệ Tổ quốc",
    ),
    (
        "nạo vét kênh mương nội đồng thôn {v} phục vụ tưới tiêu",
        "kiên cố hóa kênh mương thủy lợi xã {c}",
    ),
    (
        "lắp đặt biển báo, gờ giảm tốc trên {r} đoạn qua thôn {v}",
        "xử lý xe quá tải chạy trên {r} làm hư hỏng mặt đường",
    ),
    (
        "chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng cho các hộ dân dự án {r}",
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
        "bổ sung bác sĩ và trang thiết bị cho trạm y tế xã {c}",
        "nâng cấp trạm y tế xã {c} đã xuống cấp",
    ),
    (
        "sớm bố trí trụ sở làm việc cho xã {c} sau sắp xếp đơn vị hành chính",
        "hỗ trợ phương tiện đi lại cho cán bộ xã {c} sau sáp nhập vì trụ sở ở xa",
    ),
    (
        "giải quyết thủ tục hành chính tại trung tâm phục vụ hành chính công xã {c} nhanh hơn",
        "hướng dẫn người dân thôn {v} làm thủ tục trên dịch vụ công trực tuyến",
    ),
)

_SYLLABLES = """Nà Khuổi Phiêng Bản Nậm Pác Cốc Lũng Đon Huổi Mường Tân Phú Yên Hòa Thanh An Bình Đông Tây
Hưng Thịnh Lộc Phước Long Sơn Trung Hạ Thượng Tiến Quang Vinh Thạch Kim Hồng Xuân Mỹ Đức Thuận Lợi
Hà Giang Khê Lương Cát Ninh Hải Vân Đồng Tiên Liên Hội Sen Chè Bồ Đề"""
SYLLABLES = tuple(_SYLLABLES.split())
ROADS = ("Quốc lộ {n}", "QL{n}", "đường tỉnh {n}", "ĐT.{n}", "tuyến đường liên xã {p}", "đường {p}")
SCHOOLS = ("Trường Tiểu học {p}", "Trường THCS xã {c}", "Trường Mầm non {p}", "điểm trường thôn {p}")

ISSUE_LEADS = ("Đề nghị ", "Kiến nghị ", "Cử tri đề nghị ", "")
ANSWERS = {
    "da_giai_quyet": (
        "UBND đã chỉ đạo các phòng chuyên môn triển khai; nội dung cử tri kiến nghị đã được giải quyết xong.",
        "Công trình đã được đầu tư và đưa vào sử dụng; UBND ghi nhận và cảm ơn sự đóng góp của cử tri.",
    ),
    "dang_giai_quyet": (
        "UBND đã giao đơn vị chuyên môn khảo sát, lập hồ sơ; dự kiến hoàn thành trong năm.",
        "Nội dung kiến nghị đã được đưa vào kế hoạch đầu tư công trung hạn, đang triển khai theo lộ trình.",
    ),
    "giai_trinh": (
        "Nội dung cử tri kiến nghị thuộc thẩm quyền của cấp trên; UBND đã có văn bản đề nghị xem xét.",
        "UBND xin giải trình: chế độ, chính sách đã được thực hiện đúng quy định hiện hành.",
    ),
    "chua_giai_quyet": (
        "Do nguồn vốn còn hạn chế, kiến nghị chưa bố trí được trong năm; sẽ xem xét khi cân đối nguồn vốn.",
    ),
}
RESOLUTION_TITLES = (
    "Nghị quyết về dự toán thu, chi ngân sách nhà nước năm {year}",
    "Nghị quyết phê chuẩn quyết toán ngân sách năm {prev}",
    "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm {year}",
    "Nghị quyết về kế hoạch đầu tư công năm {year}",
    "Nghị quyết thông qua danh mục công trình, dự án cần thu hồi đất năm {year}",
    "Nghị quyết về chương trình giám sát năm {next} của Hội đồng nhân dân",
    "Nghị quyết về việc thành lập Đoàn giám sát chuyên đề năm {year}",
    "Nghị quyết về chủ trương đầu tư dự án {road}",
    "Nghị quyết quy định mức hỗ trợ đối với người hoạt động không chuyên trách ở thôn",
    "Nghị quyết về kết quả giám sát việc giải quyết kiến nghị của cử tri",
    "Nghị quyết về việc miễn nhiệm, bầu bổ sung chức danh của Hội đồng nhân dân",
    "Nghị quyết về chương trình hoạt động năm {next} của Hội đồng nhân dân",
)
FIELDS = ("Ngân sách", "Kinh tế", "Đất đai", "Đầu tư công", "Văn hóa - Xã hội", "Tổ chức bộ máy", "Giám sát")


def place_name(rng: random.Random) -> str:
    """A two-syllable proper name, capitalised the way offices write village names."""
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    w, k = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice((w[:k] + w[k] + w[k:], w[:k] + w[k + 1 :]))
    return " ".join(words)


def _noisy(rng: random.Random, text: str) -> str:
    if rng.random() < 0.08:
        text = fold(text)  # typed without accents
    if rng.random() < 0.08:
        text = _typo(rng, text)
    if rng.random() < 0.08 and ", " in text:
        head, tail = text.split(", ", 1)
        text = f"{tail}, {head}"
    return text


def demand(rng: random.Random, commune: str, year: int) -> tuple[str, str]:
    """(the demand itself, one voter's text of it) about a place of ``commune`` (its name without
    "Xã"/"Phường")."""
    family = rng.randrange(len(DEMANDS))
    name = place_name(rng)
    fields = {
        "v": place_name(rng),
        "c": commune,
        "s": place_name(rng),
        "r": rng.choice(ROADS).format(n=rng.randint(1, 299), p=name),
        "sc": rng.choice(SCHOOLS).format(p=name, c=commune),
        "n": rng.randint(2, 300),
    }
    lead = rng.choice(LEAD_INS).format(commune=f"xã {commune}", village=fields["v"], level="xã")
    purpose = rng.choice(PURPOSES).format(n=fields["n"], year=year)
    details = "".join(
        "; " + d.format(n=rng.randint(20, 2000), since=rng.randint(2010, year - 1))
        for d in rng.sample(DETAILS, rng.choice((0, 0, 1, 1, 2)))
    )
    core = rng.choice(DEMANDS[family]).format(**fields)
    text = _noisy(rng, (lead + core + purpose + details + ".").strip())
    return core, text[0].upper() + text[1:]


def issue_title(rng: random.Random, core: str) -> str:
    """An issue's title, as the office sums up the demand of its petitions: a lead and the demand."""
    title = rng.choice(ISSUE_LEADS) + core
    return (title[0].upper() + title[1:])[:250]


def answer(rng: random.Random, outcome: str) -> str:
    return rng.choice(ANSWERS[outcome])


def resolution_title(rng: random.Random, year: int) -> str:
    road = rng.choice(ROADS).format(n=rng.randint(1, 299), p=place_name(rng))
    return rng.choice(RESOLUTION_TITLES).format(year=year, prev=year - 1, next=year + 1, road=road)
