"""Demo content for ``manage.py load_demo``: Hà Nội, its 126 communes and wards, and one user per role.

Councils, bodies and agencies carry real names; every person is fictional and named so that a
Vietnamese reader sees it at once (Minh Họa "illustration", Mẫu "sample", Ví Dụ "example" ...).
Contact details use the reserved example.org domain and 0900 000 xxx numbers.

Term dates are simplified: a term is shown from election day (23/05/2021, 15/03/2026) although the law
counts it from the council's first session. The communes formed on 01/07/2025 finished the 2021–2026
term (shown as khóa I) and were elected for 2026–2031 (khóa II); local numbering varies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hdnd.accounts.models import Role

from .models import AgencyKind, BodyKind, MembershipRole

PROVINCE_CODE = "01"  # Thành phố Hà Nội on the national list
# The shared demo password, printed by load_demo; it satisfies the password validators.
PASSWORD = "HdndDemo2026"  # noqa: S105 (a published demo password, not a secret)


@dataclass(frozen=True)
class TermSpec:
    number: int
    starts_on: date
    ends_on: date | None
    seats: int | None = None


# Hà Nội: khóa XVI had 95 delegates; the Capital Law 2024 allows up to 125 from 2026 (recalled, M).
CITY_TERMS = (
    TermSpec(16, date(2021, 5, 23), date(2026, 3, 14), 95),
    TermSpec(17, date(2026, 3, 15), date(2031, 3, 14), 125),
)
COMMUNE_TERMS = (
    TermSpec(1, date(2025, 7, 1), date(2026, 3, 14)),
    TermSpec(2, date(2026, 3, 15), date(2031, 3, 14)),
)

STANDING = "Thường trực HĐND"
CITY_BODIES = (
    (BodyKind.STANDING, STANDING),
    (BodyKind.LEGAL, "Ban Pháp chế"),
    (BodyKind.ECONOMY_BUDGET, "Ban Kinh tế – Ngân sách"),
    (BodyKind.CULTURE_SOCIETY, "Ban Văn hóa – Xã hội"),
    (BodyKind.URBAN, "Ban Đô thị"),
    (BodyKind.DELEGATE_GROUP, "Tổ đại biểu số 1"),
    (BodyKind.DELEGATE_GROUP, "Tổ đại biểu số 2"),
    (BodyKind.DELEGATE_GROUP, "Tổ đại biểu số 3"),
    (BodyKind.OFFICE, "Văn phòng Đoàn ĐBQH và HĐND thành phố"),
)
COMMUNE_BODIES = (
    (BodyKind.STANDING, STANDING),
    (BodyKind.ECONOMY_BUDGET, "Ban Kinh tế – Ngân sách"),
    (BodyKind.CULTURE_SOCIETY, "Ban Văn hóa – Xã hội"),
)

# The wards that get people, agencies and a commune office user; the first present one is used for
# the ward user. On a list without these names (tests), the first communes by code stand in.
DEMO_WARDS = ("Phường Ba Đình", "Phường Hoàn Kiếm", "Xã Sóc Sơn")


@dataclass(frozen=True)
class PersonSpec:
    full_name: str
    gender: str
    birth_year: int
    position: str
    seats: tuple[tuple[str | None, str], ...]  # (body name or None for the delegate's seat, role)
    delegate: bool = True  # also holds a delegate's seat (constituency below)
    full_time: bool = False
    constituency: str = ""

    @property
    def email(self) -> str:
        from hdnd.core.text import fold

        return fold(self.full_name).replace(" ", ".") + "@example.org"


R = MembershipRole
CITY_PEOPLE = (
    PersonSpec(
        "Nguyễn Thị Minh Họa",
        "F",
        1968,
        "Chủ tịch HĐND thành phố",
        ((STANDING, R.CHAIR),),
        full_time=True,
        constituency="Đơn vị bầu cử số 1",
    ),
    PersonSpec(
        "Trần Văn Mẫu",
        "M",
        1972,
        "Phó Chủ tịch HĐND thành phố",
        ((STANDING, R.VICE_CHAIR),),
        full_time=True,
        constituency="Đơn vị bầu cử số 2",
    ),
    PersonSpec(
        "Lê Thị Ví Dụ",
        "F",
        1975,
        "Phó Chủ tịch HĐND thành phố",
        ((STANDING, R.VICE_CHAIR),),
        full_time=True,
        constituency="Đơn vị bầu cử số 3",
    ),
    PersonSpec(
        "Phạm Văn Thử",
        "M",
        1970,
        "Trưởng Ban Pháp chế HĐND thành phố",
        ((STANDING, R.MEMBER), ("Ban Pháp chế", R.HEAD)),
        full_time=True,
        constituency="Đơn vị bầu cử số 4",
    ),
    PersonSpec(
        "Hoàng Thị Thí Điểm",
        "F",
        1979,
        "Phó Trưởng Ban Pháp chế HĐND thành phố",
        (("Ban Pháp chế", R.DEPUTY_HEAD),),
        full_time=True,
        constituency="Đơn vị bầu cử số 5",
    ),
    PersonSpec(
        "Vũ Văn Giả Định",
        "M",
        1973,
        "Trưởng Ban Kinh tế – Ngân sách HĐND thành phố",
        ((STANDING, R.MEMBER), ("Ban Kinh tế – Ngân sách", R.HEAD)),
        full_time=True,
        constituency="Đơn vị bầu cử số 6",
    ),
    PersonSpec(
        "Đặng Thị Mô Phỏng",
        "F",
        1976,
        "Trưởng Ban Văn hóa – Xã hội HĐND thành phố",
        ((STANDING, R.MEMBER), ("Ban Văn hóa – Xã hội", R.HEAD)),
        full_time=True,
        constituency="Đơn vị bầu cử số 7",
    ),
    PersonSpec(
        "Bùi Văn Dự Kiến",
        "M",
        1971,
        "Trưởng Ban Đô thị HĐND thành phố",
        ((STANDING, R.MEMBER), ("Ban Đô thị", R.HEAD)),
        full_time=True,
        constituency="Đơn vị bầu cử số 8",
    ),
    PersonSpec(
        "Đỗ Thị Tham Khảo",
        "F",
        1981,
        "Giám đốc một bệnh viện (giả định)",
        (("Ban Văn hóa – Xã hội", R.MEMBER), ("Tổ đại biểu số 1", R.GROUP_LEADER)),
        constituency="Đơn vị bầu cử số 1",
    ),
    PersonSpec(
        "Ngô Văn Trình Diễn",
        "M",
        1969,
        "Hiệu trưởng một trường trung học (giả định)",
        (("Ban Kinh tế – Ngân sách", R.MEMBER), ("Tổ đại biểu số 2", R.GROUP_LEADER)),
        constituency="Đơn vị bầu cử số 2",
    ),
    PersonSpec(
        "Hồ Thị Phác Thảo",
        "F",
        1985,
        "Luật sư (giả định)",
        (("Ban Pháp chế", R.MEMBER), ("Tổ đại biểu số 3", R.GROUP_LEADER)),
        constituency="Đơn vị bầu cử số 3",
    ),
    PersonSpec(
        "Dương Văn Nháp",
        "M",
        1983,
        "Kỹ sư xây dựng (giả định)",
        (("Ban Đô thị", R.MEMBER), ("Tổ đại biểu số 1", R.MEMBER)),
        constituency="Đơn vị bầu cử số 1",
    ),
    PersonSpec(
        "Lý Thị Tạm Tính",
        "F",
        1990,
        "Doanh nhân (giả định)",
        (("Tổ đại biểu số 2", R.MEMBER),),
        constituency="Đơn vị bầu cử số 2",
    ),
    PersonSpec(
        "Mai Văn Đại Diện",
        "M",
        1978,
        "Bác sĩ (giả định)",
        (("Tổ đại biểu số 3", R.MEMBER),),
        constituency="Đơn vị bầu cử số 3",
    ),
    PersonSpec(
        "Cao Thị Tổng Hợp",
        "F",
        1974,
        "Chánh Văn phòng Đoàn ĐBQH và HĐND thành phố",
        (("Văn phòng Đoàn ĐBQH và HĐND thành phố", R.CHIEF_OF_OFFICE),),
        delegate=False,
    ),
    PersonSpec(
        "Trịnh Văn Chuyên Viên",
        "M",
        1992,
        "Chuyên viên Văn phòng",
        (("Văn phòng Đoàn ĐBQH và HĐND thành phố", R.STAFF),),
        delegate=False,
    ),
)
WARD_PEOPLE = (
    PersonSpec(
        "Tạ Thị Minh Họa",
        "F",
        1977,
        "Chủ tịch HĐND",
        ((STANDING, R.CHAIR),),
        full_time=True,
        constituency="Đơn vị bầu cử số 1",
    ),
    PersonSpec(
        "Quách Văn Mẫu",
        "M",
        1980,
        "Phó Chủ tịch HĐND",
        ((STANDING, R.VICE_CHAIR),),
        full_time=True,
        constituency="Đơn vị bầu cử số 2",
    ),
    PersonSpec(
        "Lương Thị Ví Dụ",
        "F",
        1984,
        "Trưởng Ban Kinh tế – Ngân sách",
        ((STANDING, R.MEMBER), ("Ban Kinh tế – Ngân sách", R.HEAD)),
        constituency="Đơn vị bầu cử số 3",
    ),
    PersonSpec(
        "Kiều Văn Thử",
        "M",
        1979,
        "Trưởng Ban Văn hóa – Xã hội",
        ((STANDING, R.MEMBER), ("Ban Văn hóa – Xã hội", R.HEAD)),
        constituency="Đơn vị bầu cử số 4",
    ),
    PersonSpec(
        "Phan Thị Thí Điểm",
        "F",
        1988,
        "Giáo viên (giả định)",
        (("Ban Văn hóa – Xã hội", R.MEMBER),),
        constituency="Đơn vị bầu cử số 1",
    ),
    PersonSpec(
        "Đinh Văn Giả Định",
        "M",
        1986,
        "Tổ trưởng tổ dân phố (giả định)",
        (("Ban Kinh tế – Ngân sách", R.MEMBER),),
        constituency="Đơn vị bầu cử số 2",
    ),
)
DEMO_DELEGATE = "Mai Văn Đại Diện"  # the city delegate the demo ``delegate`` account stands for
DEMO_STANDING_MEMBER = "Trần Văn Mẫu"
DEMO_COMMITTEE_MEMBER = "Hồ Thị Phác Thảo"


@dataclass(frozen=True)
class AgencySpec:
    name: str
    kind: str
    short_name: str = ""
    superior: str | None = None  # name of the superior, in the city's council


CITY_PEOPLES_COMMITTEE = "UBND thành phố Hà Nội"
CONSTRUCTION = "Sở Xây dựng Hà Nội"
CITY_AGENCIES = (
    AgencySpec(CITY_PEOPLES_COMMITTEE, AgencyKind.PEOPLES_COMMITTEE, "UBND TP"),
    AgencySpec(CONSTRUCTION, AgencyKind.DEPARTMENT, "SXD", CITY_PEOPLES_COMMITTEE),
    AgencySpec("Sở Tài chính Hà Nội", AgencyKind.DEPARTMENT, "STC", CITY_PEOPLES_COMMITTEE),
    AgencySpec("Sở Nông nghiệp và Môi trường Hà Nội", AgencyKind.DEPARTMENT, "SNNMT", CITY_PEOPLES_COMMITTEE),
    AgencySpec("Sở Giáo dục và Đào tạo Hà Nội", AgencyKind.DEPARTMENT, "SGDĐT", CITY_PEOPLES_COMMITTEE),
    AgencySpec("Sở Y tế Hà Nội", AgencyKind.DEPARTMENT, "SYT", CITY_PEOPLES_COMMITTEE),
    AgencySpec("Sở Nội vụ Hà Nội", AgencyKind.DEPARTMENT, "SNV", CITY_PEOPLES_COMMITTEE),
    AgencySpec("Công an thành phố Hà Nội", AgencyKind.OTHER, "CATP"),
    AgencySpec("Tòa án nhân dân thành phố Hà Nội", AgencyKind.COURT, "TAND TP"),
    AgencySpec("Viện kiểm sát nhân dân thành phố Hà Nội", AgencyKind.PROCURACY, "VKSND TP"),
    AgencySpec("Ủy ban MTTQ Việt Nam thành phố Hà Nội", AgencyKind.FRONT, "UBMTTQ TP"),
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    where: str  # "global", "city" or "ward"
    full_name: str
    person: str | None = None
    agency: str | None = None


USERS = (
    UserSpec("system_admin", Role.SYSTEM_ADMIN, "global", "Quản trị hệ thống (demo)"),
    UserSpec("council_admin", Role.COUNCIL_ADMIN, "city", "Quản trị HĐND thành phố (demo)"),
    UserSpec(
        "office_staff", Role.OFFICE_STAFF, "city", "Trịnh Văn Chuyên Viên", person="Trịnh Văn Chuyên Viên"
    ),
    UserSpec("commune_staff", Role.OFFICE_STAFF, "ward", "Chuyên viên Văn phòng HĐND-UBND phường (demo)"),
    UserSpec(
        "standing_member", Role.STANDING_MEMBER, "city", DEMO_STANDING_MEMBER, person=DEMO_STANDING_MEMBER
    ),
    UserSpec(
        "committee_member", Role.COMMITTEE_MEMBER, "city", DEMO_COMMITTEE_MEMBER, person=DEMO_COMMITTEE_MEMBER
    ),
    UserSpec("delegate", Role.DELEGATE, "city", DEMO_DELEGATE, person=DEMO_DELEGATE),
    UserSpec(
        "agency_responder", Role.AGENCY_RESPONDER, "city", "Cán bộ Sở Xây dựng (demo)", agency=CONSTRUCTION
    ),
    UserSpec("auditor", Role.AUDITOR, "city", "Cán bộ kiểm tra (demo)"),
)


def council_name(unit_name: str) -> str:
    """'Phường Ba Đình' → 'HĐND phường Ba Đình'; 'Thành phố Hà Nội' → 'HĐND thành phố Hà Nội'."""
    return f"HĐND {unit_name[:1].lower()}{unit_name[1:]}"


def ward_peoples_committee(unit_name: str) -> str:
    """'Phường Ba Đình' → 'UBND phường Ba Đình'."""
    return f"UBND {unit_name[:1].lower()}{unit_name[1:]}"
