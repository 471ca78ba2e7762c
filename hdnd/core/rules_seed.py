"""The rules table as shipped: every deadline of ``LEGAL.md`` with its basis and confidence.

Confidence: V verified in a public source, D draft or third-party source, M recalled and not
re-verified, I our own inference or a local practice. Keys are those of ``LEGAL.md``; where one line
of the law holds several values, the main value keeps the key and the others get a sub-key
(``complaint.resolve_first.complex``). ``manage.py seed_rules`` loads this list; edit it here, never
in code that uses the rules. Councils set their own values as overrides, which seeding never touches.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from .models import Confidence, RuleDirection, RuleUnit

# The letters of LEGAL.md, so each row reads as the table does.
V, D, M, I = Confidence.VERIFIED, Confidence.DRAFT, Confidence.RECALLED, Confidence.INFERRED  # noqa: E741
DAYS, WORKING_DAYS = RuleUnit.CALENDAR_DAYS, RuleUnit.WORKING_DAYS
COUNT, PERCENT, TEXT = RuleUnit.COUNT, RuleUnit.PERCENT, RuleUnit.TEXT
NEXT_SESSION = RuleUnit.BEFORE_NEXT_REGULAR_SESSION
BEFORE = RuleDirection.BEFORE

# Areas, in the order the rules page lists them: the first part of every key.
AREAS: dict[str, str] = {
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "reception": "Tiếp công dân",
    "na_petition": "Kiến nghị cử tri gửi Quốc hội",
    "council_petition": "Kiến nghị cử tri gửi HĐND",
    "voter_meeting": "Tiếp xúc cử tri",
    "supervision": "Giám sát",
    "session": "Kỳ họp",
    "resolution": "Nghị quyết",
    "unit_change": "Sắp xếp đơn vị hành chính",
}

# Texts in force from (LEGAL.md, "Legal base after the 2025–2026 reform").
NQLT_72_2025 = date(2025, 2, 20)
NQLT_100_2025 = date(2025, 9, 26)
LAW_72_2025 = date(2025, 7, 1)
NQ_104_2025 = date(2025, 9, 26)
ND_321_2025 = date(2025, 12, 16)
AMENDMENTS_2026 = date(2026, 7, 1)  # Luật 136/2025/QH15 and decrees NĐ 154, 155, 156/2026

KHIEU_NAI = "Luật Khiếu nại 02/2011/QH13"
TO_CAO = "Luật Tố cáo 25/2018/QH14"
TIEP_CONG_DAN = "Luật Tiếp công dân 42/2013/QH13"
NQLT_72 = "NQLT 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"
# Reminders and escalation are no deadline of the law: each council sets them in its working rules.
REMINDER_PRACTICE = "Quy chế làm việc của HĐND (giá trị mặc định, HĐND điều chỉnh)"


@dataclass(frozen=True)
class SeedRule:
    """One row of the rules table as shipped."""

    key: str
    title: str
    value: Decimal | None
    unit: str
    legal_basis: str
    confidence: str
    notes: str = ""
    text_value: str = ""
    direction: str = RuleDirection.AFTER
    valid_from: date | None = None
    valid_to: date | None = None

    def fields(self) -> dict[str, object]:
        """The model fields this row sets (everything but the natural key ``key``/``valid_from``)."""
        data = asdict(self)
        del data["key"], data["valid_from"]
        return data


def rule(
    key: str, title: str, value: int | str | None, unit: str, basis: str, conf: str, **extra: object
) -> SeedRule:
    """A seed row; ``value`` is written as a plain number for readability."""
    return SeedRule(key, title, None if value is None else Decimal(value), unit, basis, conf, **extra)  # type: ignore[arg-type]


RULES: list[SeedRule] = [
    # Khiếu nại
    rule(
        "complaint.accept",
        "Thụ lý giải quyết khiếu nại",
        10,
        DAYS,
        f"{KHIEU_NAI}, Điều 27",
        V,
        notes="Kể từ ngày nhận được khiếu nại thuộc thẩm quyền.",
        valid_to=date(2026, 6, 30),
    ),
    rule(
        "complaint.accept",
        "Thụ lý giải quyết khiếu nại",
        7,
        WORKING_DAYS,
        "NĐ 124/2020/NĐ-CP, Điều 16(1), sửa đổi bởi NĐ 155/2026/NĐ-CP",
        D,
        notes="Kể từ ngày nhận được khiếu nại. Theo dự thảo / nguồn thứ ba: cần đối chiếu văn bản "
        "chính thức.",
        valid_from=AMENDMENTS_2026,
    ),
    rule(
        "complaint.resolve_first",
        "Giải quyết khiếu nại lần đầu",
        30,
        DAYS,
        f"{KHIEU_NAI}, Điều 28",
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_first.complex",
        "Giải quyết khiếu nại lần đầu: vụ việc phức tạp",
        45,
        DAYS,
        f"{KHIEU_NAI}, Điều 28",
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_first.remote",
        "Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa",
        45,
        DAYS,
        f"{KHIEU_NAI}, Điều 28",
        V,
        notes="Vùng sâu, vùng xa đi lại khó khăn. Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_first.remote_complex",
        "Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa: vụ việc phức tạp",
        60,
        DAYS,
        f"{KHIEU_NAI}, Điều 28",
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_second",
        "Giải quyết khiếu nại lần hai",
        45,
        DAYS,
        KHIEU_NAI,
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_second.complex",
        "Giải quyết khiếu nại lần hai: vụ việc phức tạp",
        60,
        DAYS,
        KHIEU_NAI,
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_second.remote",
        "Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa",
        60,
        DAYS,
        KHIEU_NAI,
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.resolve_second.remote_complex",
        "Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa: vụ việc phức tạp",
        70,
        DAYS,
        KHIEU_NAI,
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "complaint.limitation",
        "Thời hiệu khiếu nại",
        90,
        DAYS,
        KHIEU_NAI,
        V,
        notes="Kể từ ngày nhận được quyết định hành chính hoặc biết được hành vi hành chính.",
    ),
    # Tố cáo
    rule(
        "denunciation.classify",
        "Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo",
        7,
        WORKING_DAYS,
        f"{TO_CAO}, Điều 24(1)",
        V,
        notes="Kể từ ngày nhận được tố cáo: vào sổ, phân loại, kiểm tra danh tính người tố cáo và điều kiện "
        "thụ lý. Không đủ điều kiện thụ lý thì thông báo ngay cho người tố cáo.",
    ),
    rule(
        "denunciation.classify.multi_site",
        "Phân loại tố cáo khi phải xác minh ở nhiều địa điểm",
        10,
        WORKING_DAYS,
        f"{TO_CAO}, Điều 24(1)",
        V,
        notes="Kể từ ngày nhận được tố cáo.",
    ),
    rule(
        "denunciation.forward",
        "Chuyển tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo",
        5,
        WORKING_DAYS,
        f"{TO_CAO}, Điều 24(2), (3)",
        V,
        notes="Kể từ ngày nhận được tố cáo. Tố cáo gửi đồng thời nhiều nơi trong đó có cơ quan có thẩm "
        "quyền, hoặc gửi lại sau khi đã được hướng dẫn: không xử lý.",
    ),
    rule(
        "denunciation.required_fields",
        "Nội dung bắt buộc của đơn tố cáo",
        None,
        TEXT,
        f"{TO_CAO}, Điều 23(1), Điều 25",
        V,
        text_value="Ngày, tháng, năm tố cáo; họ tên, địa chỉ, cách thức liên hệ của người tố cáo; hành vi "
        "vi phạm pháp luật bị tố cáo; người bị tố cáo; chữ ký hoặc điểm chỉ của người tố cáo.",
        notes="Thông tin nặc danh không được xử lý như tố cáo.",
    ),
    rule(
        "denunciation.resolve",
        "Giải quyết tố cáo",
        30,
        DAYS,
        f"{TO_CAO}, Điều 30",
        V,
        notes="Kể từ ngày thụ lý.",
    ),
    rule(
        "denunciation.resolve.complex",
        "Giải quyết tố cáo: vụ việc phức tạp",
        60,
        DAYS,
        f"{TO_CAO}, Điều 30",
        V,
        notes="30 ngày, gia hạn một lần không quá 30 ngày. Kể từ ngày thụ lý.",
    ),
    rule(
        "denunciation.resolve.especially_complex",
        "Giải quyết tố cáo: vụ việc đặc biệt phức tạp",
        90,
        DAYS,
        f"{TO_CAO}, Điều 30",
        V,
        notes="30 ngày, gia hạn hai lần, mỗi lần không quá 30 ngày. Kể từ ngày thụ lý.",
    ),
    # Tiếp công dân
    rule(
        "reception.first_response",
        "Trả lời công dân về việc xử lý nội dung đã tiếp nhận",
        10,
        WORKING_DAYS,
        f"{TIEP_CONG_DAN}, Điều 28(1)",
        V,
        notes="Kể từ ngày nhận được nội dung; trả lời trực tiếp hoặc bằng văn bản: đã thụ lý, cần thêm "
        "thời gian để thụ lý, không thụ lý (nêu lý do) hoặc đã chuyển cơ quan có thẩm quyền.",
    ),
    rule(
        "reception.forwarded_result",
        "Thông báo kết quả giải quyết vụ việc do đại biểu chuyển đến",
        7,
        WORKING_DAYS,
        f"{TIEP_CONG_DAN}, Điều 27(2), Điều 28(2)",
        V,
        notes="Cơ quan giải quyết thông báo cho đại biểu, kể từ ngày có kết quả giải quyết.",
    ),
    rule(
        "reception.forwarded_result.to_citizen",
        "Đại biểu thông báo kết quả giải quyết cho công dân",
        5,
        WORKING_DAYS,
        f"{TIEP_CONG_DAN}, Điều 28(2)",
        V,
        notes="Khi công dân yêu cầu; kể từ ngày đại biểu nhận được thông báo kết quả.",
    ),
    rule(
        "reception.refusal_notice",
        "Thông báo từ chối tiếp công dân",
        3,
        WORKING_DAYS,
        "NĐ 154/2026/NĐ-CP, Điều 4(3)",
        D,
        valid_from=AMENDMENTS_2026,
    ),
    rule(
        "reception.refusal_notice.online_ahead",
        "Thông báo trước lịch tiếp công dân trực tuyến",
        5,
        WORKING_DAYS,
        "NĐ 154/2026/NĐ-CP, Điều 23(1)",
        D,
        direction=BEFORE,
        valid_from=AMENDMENTS_2026,
        notes="Chậm nhất 5 ngày làm việc trước buổi tiếp trực tuyến.",
    ),
    rule(
        "reception.delegate_report",
        "Đại biểu báo cáo Thường trực HĐND sau buổi tiếp công dân",
        5,
        DAYS,
        "Thực tiễn của một tỉnh",
        I,
        notes="Kể từ ngày tiếp công dân.",
    ),
    # Reminders of reception's own follow-up: a council's settings, not values of the law.
    rule(
        "reception.duty_reminder",
        "Nhắc người trực trước buổi tiếp công dân",
        2,
        WORKING_DAYS,
        REMINDER_PRACTICE,
        I,
        direction=BEFORE,
        notes="Số ngày làm việc trước buổi tiếp thì hệ thống gửi thư nhắc người trực (một lần).",
    ),
    rule(
        "reception.letter.reminder",
        "Nhắc cơ quan trước hạn thông báo kết quả giải quyết đơn đã chuyển",
        3,
        WORKING_DAYS,
        REMINDER_PRACTICE,
        I,
        direction=BEFORE,
        notes="Số ngày làm việc trước hạn trả lời thì hệ thống gửi thư nhắc cơ quan nhận đơn (một lần).",
    ),
    rule(
        "reception.letter.escalation",
        "Báo Thường trực HĐND khi cơ quan quá hạn thông báo kết quả giải quyết đơn",
        5,
        WORKING_DAYS,
        REMINDER_PRACTICE,
        I,
        notes="Quá hạn: ngày đầu báo cơ quan cấp trên; quá hạn thêm số ngày làm việc này thì báo "
        "Thường trực HĐND.",
    ),
    # Kiến nghị cử tri gửi Quốc hội
    rule(
        "na_petition.answer",
        "Trả lời kiến nghị cử tri do Quốc hội chuyển đến",
        40,
        DAYS,
        "QĐ 33/2017/QĐ-TTg",
        V,
        notes="Kể từ ngày nhận được kiến nghị.",
    ),
    rule(
        "na_petition.answer.other_lead",
        "Trả lời kiến nghị cử tri cần cơ quan khác chủ trì",
        50,
        DAYS,
        "QĐ 33/2017/QĐ-TTg",
        V,
    ),
    rule(
        "na_petition.answer.coordination_request",
        "Gửi đề nghị phối hợp trả lời kiến nghị cử tri",
        5,
        WORKING_DAYS,
        "QĐ 33/2017/QĐ-TTg",
        V,
    ),
    rule(
        "na_petition.answer.partner_reply",
        "Cơ quan phối hợp trả lời đề nghị phối hợp",
        15,
        DAYS,
        "QĐ 33/2017/QĐ-TTg",
        V,
    ),
    rule(
        "na_petition.synthesis",
        "Đoàn ĐBQH tỉnh tổng hợp kiến nghị cử tri trước kỳ họp",
        15,
        DAYS,
        f"{NQLT_72}, Chương IV",
        V,
        direction=BEFORE,
        valid_from=NQLT_72_2025,
        notes="Chậm nhất 15 ngày trước ngày khai mạc kỳ họp thường lệ.",
    ),
    rule(
        "na_petition.synthesis.after_session",
        "Đoàn ĐBQH tỉnh tổng hợp kiến nghị cử tri sau kỳ họp",
        15,
        DAYS,
        f"{NQLT_72}, Chương IV",
        V,
        valid_from=NQLT_72_2025,
        notes="Chậm nhất 15 ngày sau ngày bế mạc kỳ họp thường lệ.",
    ),
    # Kiến nghị cử tri gửi HĐND
    rule(
        "council_petition.answer",
        "Trả lời kiến nghị cử tri gửi HĐND",
        None,
        NEXT_SESSION,
        "Thực tiễn (chưa đọc NQLT 72/2025, Điều 50)",
        I,
        notes="Chưa tìm thấy số ngày chung cả nước: UBND báo cáo tại kỳ họp thường lệ tiếp theo; HĐND tự "
        "đặt số ngày trong quy chế phối hợp. Không sao chép thời hạn của Quốc hội (40/50 ngày).",
    ),
    rule(
        "council_petition.answer.days",
        "Thời hạn cơ quan trả lời kiến nghị cử tri do HĐND chuyển (thiết lập riêng của từng HĐND)",
        30,
        DAYS,
        "Quy chế phối hợp của HĐND (giá trị mặc định, HĐND điều chỉnh)",
        I,
        notes="Không có số ngày chung cả nước: đây là giá trị mặc định thận trọng để tính hạn trả lời khi "
        "chuyển kiến nghị; mỗi HĐND đặt giá trị của mình (ngày hoặc ngày làm việc) theo quy chế phối hợp.",
    ),
    rule(
        "council_petition.answer.reminder",
        "Nhắc cơ quan trước khi hết hạn trả lời kiến nghị cử tri (thiết lập riêng của từng HĐND)",
        3,
        WORKING_DAYS,
        "Quy chế phối hợp của HĐND (giá trị mặc định, HĐND điều chỉnh)",
        I,
        direction=BEFORE,
        notes="Số ngày làm việc trước hạn trả lời thì hệ thống gửi thư nhắc cơ quan.",
    ),
    rule(
        "council_petition.answer.escalation",
        "Báo Thường trực HĐND khi cơ quan cấp trên chưa đôn đốc được (thiết lập riêng của từng HĐND)",
        5,
        WORKING_DAYS,
        "Quy chế phối hợp của HĐND (giá trị mặc định, HĐND điều chỉnh)",
        I,
        notes="Quá hạn: ngày đầu báo cơ quan cấp trên; quá hạn thêm số ngày làm việc này thì báo Thường "
        "trực HĐND.",
    ),
    rule(
        "council_petition.publish_results",
        "Công khai kết quả giải quyết, trả lời kiến nghị cử tri",
        15,
        WORKING_DAYS,
        f"{NQLT_72}, Điều 51",
        V,
        valid_from=NQLT_72_2025,
        notes="Kể từ khi hết thời hạn trả lời; Thường trực HĐND và UBND công bố trên phương tiện thông tin "
        "đại chúng địa phương và trang thông tin điện tử.",
    ),
    rule(
        "council_petition.publish_results.posting",
        "Niêm yết kết quả tại trụ sở tiếp công dân",
        30,
        DAYS,
        f"{NQLT_72}, Điều 51",
        V,
        valid_from=NQLT_72_2025,
        notes="Thời gian niêm yết.",
    ),
    rule(
        "council_petition.session_report",
        "Báo cáo giám sát việc giải quyết kiến nghị cử tri tại kỳ họp",
        None,
        TEXT,
        f"{NQLT_72}, Điều 54(2)",
        V,
        valid_from=NQLT_72_2025,
        text_value="Tại mỗi kỳ họp, Thường trực HĐND trình báo cáo giám sát việc giải quyết, trả lời kiến "
        "nghị cử tri.",
    ),
    rule(
        "council_petition.national_database",
        "Cập nhật Cơ sở dữ liệu quốc gia về kiến nghị cử tri",
        None,
        TEXT,
        f"{NQLT_72}, Điều 56(1a), bổ sung bởi NQLT 100/2025",
        V,
        valid_from=NQLT_100_2025,
        text_value="Cơ quan trả lời kiến nghị cử tri cập nhật đầy đủ, kịp thời vào Cơ sở dữ liệu quốc gia.",
    ),
    # Tiếp xúc cử tri
    rule(
        "voter_meeting.outside_constituency",
        "Thường trực HĐND quyết định việc tiếp xúc cử tri ngoài đơn vị bầu cử",
        5,
        WORKING_DAYS,
        f"{NQLT_72}, Điều 32",
        D,
        valid_from=NQLT_72_2025,
        notes="Kể từ ngày nhận được đề nghị.",
    ),
    rule(
        "voter_meeting.outside_constituency.notice",
        "Thông báo cho nơi tổ chức tiếp xúc cử tri",
        3,
        WORKING_DAYS,
        f"{NQLT_72}, Điều 32",
        D,
        direction=BEFORE,
        valid_from=NQLT_72_2025,
        notes="Chậm nhất 3 ngày làm việc trước buổi tiếp xúc.",
    ),
    rule(
        "voter_meeting.individual",
        "Thường trực HĐND quyết định việc đại biểu tiếp xúc riêng cử tri",
        5,
        WORKING_DAYS,
        f"{NQLT_72}, Điều 33",
        V,
        valid_from=NQLT_72_2025,
        notes="Đại biểu báo cáo trước; kể từ ngày nhận được báo cáo.",
    ),
    rule(
        "voter_meeting.individual.notice",
        "Thông báo Ban công tác Mặt trận ở thôn, tổ dân phố",
        3,
        WORKING_DAYS,
        f"{NQLT_72}, Điều 33",
        V,
        direction=BEFORE,
        valid_from=NQLT_72_2025,
        notes="Chậm nhất 3 ngày làm việc trước buổi tiếp xúc.",
    ),
    rule(
        "voter_meeting.individual.forward_petitions",
        "Đại biểu chuyển kiến nghị thu được sau tiếp xúc",
        5,
        WORKING_DAYS,
        f"{NQLT_72}, Điều 33",
        V,
        valid_from=NQLT_72_2025,
        notes="Kể từ ngày tiếp xúc cử tri.",
    ),
    rule(
        "voter_meeting.before_session",
        "Hội nghị tiếp xúc cử tri trước mỗi kỳ họp thường lệ",
        1,
        COUNT,
        f"{NQLT_72}, Điều 18–24",
        V,
        valid_from=NQLT_72_2025,
        notes="Bắt buộc trước mỗi kỳ họp thường lệ; các hội nghị khác không bắt buộc. Trực tiếp, trực "
        "tuyến hoặc kết hợp.",
    ),
    # Giám sát
    rule(
        "supervision.self_report_supplement",
        "Cơ quan chịu giám sát cung cấp bổ sung tài liệu",
        5,
        DAYS,
        "Quy chế của một tỉnh",
        I,
        notes="Kể từ ngày nhận được yêu cầu. Chờ Luật 121/2025/QH15 và nghị quyết hướng dẫn.",
    ),
    rule(
        "supervision.draft_report",
        "Dự thảo báo cáo kết quả giám sát",
        7,
        DAYS,
        "Quy chế của một tỉnh",
        I,
        notes="Kể từ khi kết thúc giám sát thực tế.",
    ),
    rule(
        "supervision.draft_report.member_notes",
        "Thành viên đoàn giám sát gửi ý kiến sau giám sát thực tế",
        5,
        DAYS,
        "Quy chế của một tỉnh",
        I,
        notes="Kể từ khi kết thúc giám sát thực tế.",
    ),
    rule(
        "supervision.recommendation.reminder",
        "Nhắc cơ quan trước khi đến hạn thực hiện kiến nghị sau giám sát, cam kết",
        5,
        WORKING_DAYS,
        REMINDER_PRACTICE,
        I,
        direction=BEFORE,
        notes="Số ngày làm việc trước thời hạn thì hệ thống chuyển kiến nghị sang “đến hạn” và gửi thư nhắc.",
    ),
    rule(
        "supervision.recommendation.escalation",
        "Báo Thường trực HĐND khi kiến nghị sau giám sát, cam kết quá hạn",
        10,
        WORKING_DAYS,
        REMINDER_PRACTICE,
        I,
        notes="Quá hạn: ngày đầu báo cơ quan cấp trên; quá hạn thêm số ngày làm việc này thì báo Thường "
        "trực HĐND.",
    ),
    # Kỳ họp
    rule(
        "session.first_of_term",
        "Kỳ họp thứ nhất của HĐND khóa mới",
        45,
        DAYS,
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15, Điều 34",
        V,
        valid_from=LAW_72_2025,
        notes="Chậm nhất 45 ngày kể từ ngày bầu cử.",
    ),
    rule(
        "session.minimum",
        "Số kỳ họp thường lệ tối thiểu mỗi năm",
        2,
        COUNT,
        "NQ 104/2025/UBTVQH15",
        V,
        valid_from=NQ_104_2025,
    ),
    rule(
        "session.minimum.thematic_request",
        "Người có quyền đề nghị họp chuyên đề",
        None,
        TEXT,
        "NQ 104/2025/UBTVQH15",
        V,
        valid_from=NQ_104_2025,
        text_value="Thường trực HĐND, Chủ tịch UBND cùng cấp hoặc ít nhất một phần ba tổng số đại biểu HĐND.",
    ),
    rule(
        "session.convening",
        "Triệu tập kỳ họp thường lệ",
        20,
        DAYS,
        "NQ 629/2019/UBTVQH14 (văn bản cũ)",
        M,
        direction=BEFORE,
        notes="Chậm nhất 20 ngày trước ngày khai mạc. Theo văn bản cũ, chưa kiểm lại.",
    ),
    rule(
        "session.convening.thematic",
        "Triệu tập kỳ họp chuyên đề",
        7,
        DAYS,
        "NQ 629/2019/UBTVQH14 (văn bản cũ)",
        M,
        direction=BEFORE,
        notes="Chậm nhất 7 ngày trước ngày khai mạc. Theo văn bản cũ, chưa kiểm lại.",
    ),
    rule(
        "session.convening.documents",
        "Gửi tài liệu kỳ họp đến đại biểu",
        7,
        DAYS,
        "NQ 629/2019/UBTVQH14 (văn bản cũ)",
        M,
        direction=BEFORE,
        notes="Khoảng 7 ngày trước ngày khai mạc. Theo văn bản cũ, chưa kiểm lại.",
    ),
    # Nghị quyết
    rule(
        "resolution.publish",
        "Công bố, đăng tải nghị quyết",
        5,
        WORKING_DAYS,
        "Dự thảo bộ tiêu chí của một tỉnh",
        D,
        notes="Mốc tính (ngày thông qua hay ngày ký) do quy chế của HĐND xác định.",
    ),
    # Sắp xếp đơn vị hành chính
    rule(
        "unit_change.consultation",
        "Lấy ý kiến cử tri về sắp xếp đơn vị hành chính",
        60,
        DAYS,
        "NĐ 321/2025/NĐ-CP",
        V,
        valid_from=ND_321_2025,
        notes="Phát phiếu lấy ý kiến theo hộ gia đình ở từng thôn, tổ dân phố; hoàn thành trong 60 ngày; "
        "công bố kết quả.",
    ),
    rule(
        "unit_change.consultation.approval_threshold",
        "Tỷ lệ hộ gia đình đồng ý tối thiểu",
        50,
        PERCENT,
        "NĐ 321/2025/NĐ-CP",
        V,
        valid_from=ND_321_2025,
        notes="Chỉ thực hiện khi ít nhất 50% tổng số hộ gia đình đồng ý.",
    ),
]
