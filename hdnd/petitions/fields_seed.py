"""The national taxonomy of petition fields (lĩnh vực), as data a reviewer reads in one place.

The ten fields are those seen in real reports (../shared/LEGAL.md, "Classifications"), each mapped to
the committee (Ban) that follows it. Keywords are one phrase per line, written with diacritics for the
reader and matched accent-insensitively and as whole words (``classify``); a longer phrase wins over a
shorter one it contains ("đường dây điện" is electricity, not a road). A word that folds to something
else too ("cầu" and "yêu cầu", "đất" and "lắp đặt") is safe only thanks to ``classify.NEUTRAL``, which
takes those other phrases out first; prefer phrases of two words or more.

``agency_words`` name the kind of agency that usually answers the field (matched in agency names) so a
council's agencies can be suggested before it has past assignments to learn from.

``seed_fields`` creates the national fields that are missing and never changes one an administrator has
edited, renamed or deactivated (``manage.py seed_fields``; `make run` runs it). ``actions.fields`` holds
the audited edits of the taxonomy (national or a council's own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.models import AuditEntry
from hdnd.councils.models import BodyKind

if TYPE_CHECKING:
    pass

SEEDED = "petitions.field_seeded"


def _lines(block: str) -> tuple[str, ...]:
    """Split a ``|``- or newline-separated block into phrases."""
    return tuple(p.strip() for p in block.replace("\n", "|").split("|") if p.strip())


@dataclass(frozen=True)
class FieldSeed:
    key: str  # stable name of the seed, kept in the audit entry so a renamed field is not re-created
    name: str
    committee_kind: str
    keywords: tuple[str, ...]
    agency_words: tuple[str, ...] = ()

    @property
    def keyword_text(self) -> str:
        return "\n".join(self.keywords)


FIELDS: tuple[FieldSeed, ...] = (
    FieldSeed(
        "policies",
        "Chế độ chính sách",
        BodyKind.CULTURE_SOCIETY,
        _lines("""
            chế độ | chế độ chính sách | chính sách | chính sách xã hội | hưởng chế độ | chế độ ưu đãi
            người có công | thương binh | liệt sĩ | bệnh binh | gia đình chính sách | cựu chiến binh
            thanh niên xung phong | chất độc da cam | quân nhân xuất ngũ | đối tượng chính sách
            hộ nghèo | hộ cận nghèo | giảm nghèo | bảo trợ xã hội | trợ cấp xã hội | người cao tuổi
            người khuyết tật | hoàn cảnh khó khăn | phụ cấp | trợ cấp | thù lao | tiền lương | lương hưu
            bảo hiểm xã hội | bảo hiểm thất nghiệp | cán bộ cơ sở | cán bộ không chuyên trách
            không chuyên trách | trưởng thôn | trưởng bản | tổ trưởng tổ dân phố | cán bộ thôn
            tinh giản biên chế | nghỉ hưu | nghỉ việc | chế độ nghỉ | nhà ở xã hội | xóa nhà tạm
            nhà tạm | dân tộc thiểu số | vay vốn | ngân hàng chính sách
        """),
        _lines("nội vụ | lao động | bảo hiểm xã hội | dân tộc | chính sách xã hội"),
    ),
    FieldSeed(
        "infrastructure",
        "Giao thông – Xây dựng – Thủy lợi",
        BodyKind.ECONOMY_BUDGET,
        _lines("""
            giao thông | đường | tuyến đường | đường giao thông | mặt đường | đường liên thôn
            đường liên xã | đường nội thôn | đường nội đồng | đường làng | ngõ xóm | đường ngõ
            đường tỉnh | tỉnh lộ | quốc lộ | đường huyện | đường xã | bê tông hóa | nhựa hóa | ổ gà
            cầu | cây cầu | cầu treo | cầu tràn | ngầm tràn | cầu dân sinh | cầu qua suối | cầu cứng
            cống thoát nước | đặt cống | cống ngang | hệ thống cống | vỉa hè | đường phố
            thoát nước | rãnh thoát nước | mương thoát nước | ngập úng | ngập nước | úng ngập
            chiếu sáng | đèn chiếu sáng | chiếu sáng công cộng | đèn đường | cây xanh
            xây dựng công trình | thi công | trật tự xây dựng | trật tự đô thị | giấy phép xây dựng
            cấp phép xây dựng | vi phạm xây dựng
            hạ tầng | hạ tầng kỹ thuật | chỉnh trang đô thị | an toàn giao thông | biển báo
            gờ giảm tốc | đèn tín hiệu | xe quá tải | bến xe | xe buýt | đường sắt | bến đò | đò ngang
            thủy lợi | kênh mương | kênh | mương | trạm bơm | tưới tiêu | hồ chứa | đập thủy lợi
            đập dâng | đập tràn | tuyến đê | bờ đê | đê điều | bờ kè | xây kè | tuyến kè | kè chống sạt lở
            kè bờ sông | sạt lở | chống sạt lở | xói lở | thiên tai | phòng chống thiên tai
            lũ lụt | mưa lũ | lũ quét | bão lũ | ngập lụt
        """),
        _lines("xây dựng | giao thông | thủy lợi | đô thị | hạ tầng"),
    ),
    FieldSeed(
        "agriculture",
        "Nông – Lâm nghiệp",
        BodyKind.ECONOMY_BUDGET,
        _lines("""
            nông nghiệp | sản xuất nông nghiệp | nông dân | cây trồng | giống cây | giống cây trồng
            phân bón | vật tư nông nghiệp | thuốc bảo vệ thực vật | sâu bệnh | dịch bệnh cây trồng
            chăn nuôi | gia súc | gia cầm | trâu bò | dịch tả | lở mồm long móng | thú y | tiêm phòng
            thủy sản | nuôi trồng thủy sản | ngư dân | tàu cá | đánh bắt | nông sản | tiêu thụ nông sản
            giá nông sản | trồng lúa | cây lúa | ruộng lúa | hoa màu | cây ăn quả | cà phê | cây chè
            cao su | khuyến nông
            lâm nghiệp | rừng | trồng rừng | bảo vệ rừng | đất rừng | đất lâm nghiệp | rừng phòng hộ
            rừng sản xuất | dịch vụ môi trường rừng | giao đất giao rừng | lâm trường | kiểm lâm
            cháy rừng | phá rừng | hợp tác xã
        """),
        _lines("nông nghiệp | kiểm lâm | lâm nghiệp | thủy sản | chăn nuôi"),
    ),
    FieldSeed(
        "land_environment",
        "Đất đai – Tài nguyên – Môi trường",
        BodyKind.ECONOMY_BUDGET,
        _lines("""
            đất đai | quản lý đất đai | sử dụng đất | quyền sử dụng đất | giấy chứng nhận
            giấy chứng nhận quyền sử dụng đất | sổ đỏ | sổ hồng | cấp giấy | cấp đổi | cấp sổ
            thu hồi đất | giao đất | cấp đất | đất ở | đất nông nghiệp | đất công | thuê đất | quỹ đất
            tranh chấp đất | tranh chấp đất đai | lấn chiếm | lấn chiếm đất | chuyển mục đích
            chuyển mục đích sử dụng đất | tách thửa | hợp thửa | thửa đất | đo đạc | địa chính
            tiền sử dụng đất | bồi thường | đền bù | hỗ trợ tái định cư | tái định cư
            giải phóng mặt bằng | mặt bằng | quy hoạch | quy hoạch treo | kế hoạch sử dụng đất
            tài nguyên | khoáng sản | khai thác khoáng sản | khai thác cát | cát sỏi | tài nguyên nước
            môi trường | ô nhiễm | ô nhiễm môi trường | vệ sinh môi trường | rác | rác thải | bãi rác
            thu gom rác | xử lý rác | nước thải | khí thải | khói bụi | bụi | mùi hôi | tiếng ồn
            nghĩa trang | nghĩa địa | biến đổi khí hậu
        """),
        _lines("nông nghiệp và môi trường | tài nguyên | môi trường | đất đai | đăng ký đất đai"),
    ),
    FieldSeed(
        "power_water",
        "Điện – Nước sạch",
        BodyKind.ECONOMY_BUDGET,
        _lines("""
            điện lưới | lưới điện | điện lưới quốc gia | đường điện | đường dây điện | dây điện
            cấp điện | kéo điện | có điện | chưa có điện | điện sinh hoạt | điện sản xuất | mất điện
            cắt điện | điện yếu | điện áp | điện chập chờn | trạm biến áp | cột điện | công tơ điện
            điện hạ thế | điện trung thế | điện chiếu sáng | điện thắp sáng | tiền điện | giá điện
            nguồn điện | sử dụng điện | điện lực | thủy điện | điện mặt trời | điện gió
            nước sạch | nước sinh hoạt | cấp nước | thiếu nước | thiếu nước sạch | nước máy
            nhà máy nước | công trình nước sạch | công trình cấp nước | hệ thống nước | đường ống nước
            ống nước | giếng nước | bể nước | tiền nước | giá nước | đồng hồ nước | nước hợp vệ sinh
        """),
        _lines("điện lực | điện | cấp nước | nước sạch | công thương"),
    ),
    FieldSeed(
        "telecom",
        "Viễn thông",
        BodyKind.ECONOMY_BUDGET,
        _lines("""
            viễn thông | sóng điện thoại | phủ sóng | sóng di động | mạng di động | trạm phát sóng
            trạm bts | internet | cáp quang | mạng internet | sóng yếu | mất sóng | điện thoại di động
            bưu chính | bưu điện | chuyển đổi số | truyền hình | truyền thanh | loa truyền thanh
            đài truyền thanh | phát thanh
        """),
        _lines("viễn thông | thông tin và truyền thông | khoa học và công nghệ | bưu điện | viettel | vnpt"),
    ),
    FieldSeed(
        "culture_society",
        "Văn hóa – Xã hội – Giáo dục – Y tế",
        BodyKind.CULTURE_SOCIETY,
        _lines("""
            văn hóa | nhà văn hóa | thiết chế văn hóa | di tích | lễ hội | du lịch | thể thao
            sân thể thao | khu vui chơi | thể dục thể thao | tôn giáo | tín ngưỡng | gia đình văn hóa
            giáo dục | trường học | điểm trường | phòng học | lớp học | trường mầm non | mầm non
            tiểu học | trung học | học sinh | giáo viên | sách giáo khoa | học phí | bán trú
            nội trú | thi tốt nghiệp | tuyển sinh | đào tạo | dạy nghề
            y tế | trạm y tế | bệnh viện | khám chữa bệnh | khám bệnh | bác sĩ | thuốc chữa bệnh
            cấp thuốc | thiếu thuốc | cầu lông | bóng đá
            bảo hiểm y tế | thẻ bảo hiểm y tế | an toàn thực phẩm | dịch bệnh | tiêm chủng
            dân số | trẻ em | đuối nước | việc làm | lao động | xuất khẩu lao động | bình đẳng giới
        """),
        _lines("giáo dục | y tế | văn hóa | thể thao | du lịch | lao động"),
    ),
    FieldSeed(
        "public_order",
        "Nội chính – An ninh trật tự",
        BodyKind.LEGAL,
        _lines("""
            nội chính | an ninh | trật tự | an ninh trật tự | an ninh nông thôn | tội phạm | trộm cắp
            ma túy | tệ nạn | tệ nạn xã hội | cờ bạc | lô đề | tín dụng đen | cho vay nặng lãi
            lừa đảo | đánh nhau | gây rối | công an | cảnh sát | tư pháp | hộ tịch | hộ khẩu
            căn cước | căn cước công dân | cư trú | khiếu nại | tố cáo | tiếp công dân | thanh tra
            tham nhũng | tiêu cực | lãng phí | thủ tục hành chính | cải cách hành chính | dịch vụ công
            thi hành án | tòa án | viện kiểm sát | pháp luật | xử phạt | vi phạm hành chính
            quốc phòng | nghĩa vụ quân sự | dân quân
        """),
        _lines("công an | tư pháp | thanh tra | tòa án | viện kiểm sát | quân sự"),
    ),
    FieldSeed(
        "investment",
        "Đầu tư – Dự án",
        BodyKind.ECONOMY_BUDGET,
        _lines("""
            dự án | dự án đầu tư | chủ đầu tư | nhà đầu tư | đầu tư công | vốn đầu tư | thu hút đầu tư
            xây dựng cơ bản | đầu tư xây dựng cơ bản | nợ đọng xây dựng cơ bản | nông thôn mới
            chương trình mục tiêu quốc gia | khu công nghiệp | cụm công nghiệp | doanh nghiệp
            chợ dân sinh | chợ nông thôn | chợ trung tâm | xây chợ | nhà lồng chợ | trung tâm thương mại
            ngân sách | tiến độ dự án | dự án chậm | nộp thuế | thu thuế | tiền thuế | thuế đất
            lệ phí | thu phí | tài chính | giá cả
        """),
        _lines("tài chính | kế hoạch và đầu tư | đầu tư | công thương | ban quản lý dự án"),
    ),
    FieldSeed(
        "other",
        "Khác",
        BodyKind.STANDING,
        (),
        _lines("ủy ban nhân dân"),
    ),
)


# Phrases that fold onto a keyword but mean something else ("yêu cầu" is no bridge, "lắp đặt" no land):
# the matcher takes them first and ignores them.
NEUTRAL = _lines("""
    yêu cầu | nhu cầu | cơ cấu | cấu trúc | toàn cầu | cầu cứu | câu hỏi | diện tích | đại diện
    thuộc diện | toàn diện | phương diện | lắp đặt | đạt chuẩn | đặt ra | hạn chế | cơ chế | chế tài
    tương đương | đương nhiên | đương sự | đảm đương | đường lối | bình dương | hải dương
""")

# Competence level: words that point to who must resolve an issue (weak evidence; Competence values).
COMPETENCE_WORDS: dict[str, tuple[str, ...]] = {
    "trung_uong": _lines("""
        chính phủ | thủ tướng | quốc hội | trung ương | bộ ngành | bộ ngành trung ương | luật | nghị định
        thông tư | quốc lộ | cao tốc | đường sắt | tập đoàn điện lực | bảo hiểm xã hội việt nam
        lương hưu | lương cơ sở | toàn quốc | cả nước
    """),
    "tinh": _lines("""
        ủy ban nhân dân tỉnh | cấp tỉnh | sở ngành | các sở | tỉnh lộ | đường tỉnh | bệnh viện tỉnh
        ngân sách tỉnh | liên xã | khu công nghiệp | dự án | điện lực
    """),
    "xa": _lines("""
        thôn | xóm | tổ dân phố | khu phố | ngõ | liên thôn | nội thôn | nội đồng | nhà văn hóa thôn
        ủy ban nhân dân xã | ủy ban nhân dân phường | cấp xã | trạm y tế
    """),
}


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def seed_fields(by: Actor = "seed_fields") -> SeedResult:
    """Create the national fields of ``FIELDS`` that are missing; an existing one is left as it is.

    A field counts as existing when a national field has its name, or when the field once seeded for
    it (named in the audit entry) is still there under another name: an administrator's renaming,
    keywords and deactivation all survive a second run.
    """
    from .models import Field

    result = SeedResult()
    with transaction.atomic():
        seeded = _seeded_ids()
        names = set(Field.objects.filter(council__isnull=True).values_list("name", flat=True))
        alive = set(Field.objects.filter(pk__in=seeded.values()).values_list("pk", flat=True))
        for seed in FIELDS:
            if seed.name in names or seeded.get(seed.key) in alive:
                result.kept.append(seed.name)
                continue
            made = Field.objects.create(
                council=None, name=seed.name, committee_kind=seed.committee_kind, keywords=seed.keyword_text
            )
            record(
                action=SEEDED,
                actor=by,
                obj=made,
                after={"seed": seed.key, "name": seed.name, "committee_kind": seed.committee_kind},
            )
            result.created.append(seed.name)
    return result


def _seeded_ids() -> dict[str, int]:
    """Seed key → the id of the field created for it (from the audit log; the latest wins)."""
    found: dict[str, int] = {}
    for object_id, after in (
        AuditEntry.objects.filter(action=SEEDED).order_by("id").values_list("object_id", "after")
    ):
        if isinstance(after, dict) and after.get("seed") and str(object_id).isdigit():
            found[str(after["seed"])] = int(object_id)
    return found


def seed_for(name: str) -> FieldSeed | None:
    """The seed of a national field by its (shipped) name."""
    return next((seed for seed in FIELDS if seed.name == name), None)


# The taxonomy ------------------------------------------------------------------------------------
