"""The Vietnamese text of the generated records of oversight, planning, briefings, standing meetings and
letters, composed like ``phrasing`` (a template, a field, a place or a demand drawn from the seeded
``random.Random``), never copied from a real document."""

from __future__ import annotations

import random

from . import phrasing

FIELDS = (
    "quản lý, sử dụng đất đai",
    "đầu tư xây dựng cơ bản",
    "thực hiện chính sách bảo trợ xã hội",
    "công tác giải phóng mặt bằng",
    "bảo đảm an toàn thực phẩm",
    "quản lý tài nguyên khoáng sản",
    "phòng, chống thiên tai",
    "xây dựng nông thôn mới",
    "cải cách thủ tục hành chính",
    "quản lý, sử dụng ngân sách",
    "chất lượng giáo dục phổ thông",
    "khám, chữa bệnh bảo hiểm y tế",
    "bảo vệ môi trường làng nghề",
    "thu gom, xử lý rác thải sinh hoạt",
    "thực hiện chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "sắp xếp, sử dụng trụ sở sau sắp xếp đơn vị hành chính",
)
SUPERVISION_TITLES = (
    "Giám sát về {f} giai đoạn {a}–{b}",
    "Giám sát tình hình {f} trên địa bàn",
    "Giám sát chuyên đề về {f} năm {b}",
    "Kết quả thực hiện nhiệm vụ về {f} từ năm {a} đến nay",
    "Việc thực hiện các quy định của pháp luật về {f}",
)
SURVEY_TITLES = (
    "Khảo sát tình hình {f} tại thôn {p}",
    "Khảo sát thực tế về {f}",
)
FINDINGS = (
    "Việc thực hiện các nhiệm vụ về {f} còn chậm, chưa đáp ứng yêu cầu đề ra.",
    "Một số hồ sơ về {f} chưa đầy đủ, lưu trữ chưa khoa học.",
    "Công tác phối hợp giữa các cơ quan trong {f} chưa chặt chẽ.",
    "Kinh phí bố trí cho {f} chưa kịp thời, giải ngân thấp.",
    "Đã cơ bản hoàn thành các chỉ tiêu về {f}; cử tri ghi nhận kết quả.",
)
RECOMMENDATIONS = (
    "Chỉ đạo rà soát, khắc phục tồn tại trong {f}, báo cáo kết quả về Thường trực HĐND.",
    "Bố trí kinh phí, đẩy nhanh tiến độ thực hiện các nhiệm vụ về {f}.",
    "Tăng cường kiểm tra, xử lý nghiêm các vi phạm trong {f}.",
    "Kiện toàn bộ phận phụ trách {f}, phân công rõ trách nhiệm.",
    "Giải quyết dứt điểm kiến nghị của cử tri: {d}.",
)
CONCLUSIONS = (
    "Đoàn giám sát đánh giá cao sự chủ động của cơ quan chịu giám sát; đề nghị tiếp tục khắc phục "
    "các tồn tại đã chỉ ra.",
    "Qua giám sát cho thấy còn nhiều hạn chế; đoàn đã kiến nghị cụ thể với từng cơ quan.",
    "Kết quả giám sát được báo cáo Thường trực HĐND và gửi cơ quan liên quan để thực hiện.",
)
PROGRESS = (
    "Đã triển khai thực hiện, báo cáo kết quả bằng văn bản.",
    "Đã hoàn thành, có văn bản báo cáo kèm theo.",
    "Đang thực hiện, dự kiến hoàn thành trong quý tới.",
    "Đã bố trí kinh phí, đang tổ chức thi công.",
)
EXCUSES = (
    "Chưa được bố trí vốn do điều chỉnh kế hoạch đầu tư công.",
    "Chờ hướng dẫn của bộ, ngành trung ương.",
)
EXPLANATION_TITLES = (
    "Trách nhiệm của UBND trong {f}",
    "Tiến độ thực hiện nhiệm vụ về {f} và giải quyết kiến nghị của cử tri",
    "Nguyên nhân của những hạn chế trong {f}",
)
QUESTIONING_TITLES = (
    "Nhóm vấn đề về {f}",
    "Trách nhiệm trong {f} và giải pháp khắc phục",
)
QUESTIONS = (
    "Đề nghị cho biết nguyên nhân, trách nhiệm về những hạn chế trong {f}; giải pháp khắc phục?",
    "Cử tri phản ánh {d}. Đề nghị cho biết lộ trình giải quyết?",
    "Lĩnh vực {f} còn nhiều bất cập; đề nghị cho biết giải pháp và thời hạn khắc phục?",
)
ANSWERS = (
    "Người trả lời đã nêu rõ nguyên nhân, nhận trách nhiệm và cam kết khắc phục trong năm.",
    "Đã trả lời trực tiếp, giải trình các khó khăn và đề xuất giải pháp.",
)
COMMITMENTS = (
    "Hoàn thành các nhiệm vụ về {f} trong thời hạn đã cam kết.",
    "Chỉ đạo giải quyết dứt điểm {d}.",
    "Báo cáo Thường trực HĐND kết quả thực hiện nhiệm vụ về {f} theo định kỳ.",
)
AGENDA = (
    "Cho ý kiến về dự kiến chương trình kỳ họp thứ {n}",
    "Nghe báo cáo kết quả giám sát về {f}",
    "Xem xét kết quả giải quyết kiến nghị của cử tri",
    "Cho ý kiến về tờ trình của UBND về {f}",
    "Đánh giá công tác tiếp công dân, xử lý đơn thư tháng {m}",
    "Triển khai chương trình công tác tháng {m2}",
)
PRESENTERS = ("Văn phòng HĐND", "UBND", "Ban Kinh tế – Ngân sách", "Ban Văn hóa – Xã hội", "Thường trực HĐND")
STANDING_CONCLUSIONS = (
    "Giao UBND chuẩn bị đầy đủ hồ sơ, tài liệu trình kỳ họp về {f}.",
    "Đề nghị UBND chỉ đạo giải quyết kiến nghị của cử tri về {d}.",
    "Văn phòng tổng hợp, báo cáo kết quả thực hiện nhiệm vụ về {f} tại phiên họp tháng sau.",
    "Thường trực HĐND thống nhất nội dung; các Ban chủ động triển khai.",
)
TASKS = (
    "Tổ chức giám sát chuyên đề về {f}",
    "Chuẩn bị nội dung, tài liệu kỳ họp thường lệ giữa năm",
    "Chuẩn bị nội dung, tài liệu kỳ họp thường lệ cuối năm",
    "Tổ chức tiếp xúc cử tri trước kỳ họp",
    "Tổng hợp, theo dõi kết quả giải quyết kiến nghị cử tri",
    "Tiếp công dân định kỳ theo quy định",
    "Thẩm tra tờ trình, dự thảo nghị quyết về {f}",
    "Tổ chức phiên giải trình về {f}",
    "Sơ kết công tác 6 tháng, xây dựng chương trình 6 tháng cuối năm",
    "Tổng kết công tác năm, xây dựng chương trình công tác năm sau",
    "Tập huấn kỹ năng hoạt động cho đại biểu HĐND",
    "Khảo sát thực tế về {f}",
    "Theo dõi việc thực hiện kiến nghị sau giám sát về {f}",
    "Rà soát nghị quyết của HĐND về {f}",
)
BRIEFING_AGENDA = (
    ("Báo cáo kết quả hoạt động của HĐND các xã, phường {p}", "Văn phòng HĐND tỉnh"),
    ("Ý kiến của Thường trực HĐND các xã, phường", "Thường trực HĐND các xã, phường"),
    ("Trả lời kiến nghị của HĐND cấp xã", "Thường trực HĐND tỉnh"),
    ("Kết luận hội nghị", "Chủ tịch HĐND tỉnh"),
)
BRIEFING_ITEMS = (
    "Các HĐND xã, phường gửi báo cáo kết quả hoạt động {p} đúng hạn.",
    "Tổ chức tốt tiếp xúc cử tri trước kỳ họp; tổng hợp đầy đủ kiến nghị của cử tri.",
    "Tăng cường giám sát việc giải quyết kiến nghị của cử tri về {f}.",
    "Kiện toàn các Ban của HĐND; bố trí đủ đại biểu hoạt động chuyên trách.",
)
CONTRIBUTIONS = (
    "Đề nghị tỉnh hướng dẫn thống nhất quy trình giám sát về {f}.",
    "Kiến nghị bố trí kinh phí cho hoạt động giám sát của HĐND cấp xã.",
    "Báo cáo kết quả hoạt động; đề nghị tập huấn nghiệp vụ cho đại biểu mới.",
)
LETTER_SUBJECTS = {
    "khieu_nai": (
        "Khiếu nại quyết định thu hồi đất",
        "Khiếu nại về bồi thường, hỗ trợ tái định cư",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "Khiếu nại về chế độ chính sách",
    ),
    "to_cao": (
        "Tố cáo hành vi vi phạm trong quản lý đất đai",
        "Tố cáo cán bộ có dấu hiệu nhũng nhiễu",
        "Tố cáo sai phạm trong đầu tư xây dựng",
    ),
    "kien_nghi": (
        "Kiến nghị về đường giao thông",
        "Kiến nghị giải quyết tranh chấp đất đai",
        "Kiến nghị về chế độ trợ cấp",
        "Kiến nghị về cấp nước sinh hoạt",
    ),
    "phan_anh": (
        "Phản ánh ô nhiễm môi trường",
        "Phản ánh việc xây dựng trái phép",
        "Phản ánh chất lượng công trình",
        "Phản ánh tình trạng mất an ninh trật tự",
    ),
}
COMPLAINTS = (
    "Công dân {s} liên quan đến thửa đất tại thôn {p}, {c}; đề nghị xem xét, giải quyết lại.",
    "Công dân không đồng ý với kết quả giải quyết của UBND xã, tiếp tục {s}.",
    "{S} của hộ gia đình tại thôn {p}; đề nghị cơ quan có thẩm quyền xem xét theo quy định.",
)
DENUNCIATIONS = (
    "Công dân tố cáo việc {f} có dấu hiệu sai phạm, gây thiệt hại cho Nhà nước và người dân.",
    "Nội dung tố cáo liên quan đến việc {f}; đề nghị cơ quan có thẩm quyền xác minh, xử lý.",
)
INELIGIBLE = ("Đơn không ghi rõ nội dung, không có chữ ký.", "Đơn đã được giải quyết đúng quy định.")
KEPT = ("Đơn trùng nội dung đã được giải quyết, lưu theo dõi.", "Đơn gửi nhiều nơi, đã có cơ quan thụ lý.")
GUIDANCE = (
    "Hướng dẫn công dân gửi đơn đến UBND xã để được xem xét, giải quyết theo thẩm quyền.",
    "Hướng dẫn công dân gửi đơn đến Tòa án nhân dân có thẩm quyền.",
)
LETTER_ANSWERS = (
    "Cơ quan có thẩm quyền đã giải quyết, thông báo kết quả cho công dân.",
    "Đã có văn bản trả lời; công dân đồng ý với kết quả giải quyết.",
)


def field_of(rng: random.Random) -> str:
    return rng.choice(FIELDS)


def fill(rng: random.Random, template: str, commune: str, year: int, **extra: object) -> str:
    """``template`` with a field (``{f}``), a place (``{p}``) and a voters' demand (``{d}``) filled in."""
    core, _ = phrasing.demand(rng, commune, year) if "{d}" in template else ("", "")
    values = {"f": field_of(rng), "p": phrasing.place_name(rng), "d": core, "a": year - 2, "b": year, **extra}
    return template.format(**values)
