"""The councils of the real unit list, with their term, bodies, delegates and People's Committee.

Units come from ``councils.units.load_national_units`` (the ``vietnam-provinces`` package): the 34
provinces and 3,321 communes valid today. Each gets its council (``HĐND xã …``, parent: the province's),
one term, the bodies its level may have (``ALLOWED_BODY_KINDS``), its delegates with a delegate's seat
and the standing committee's and committees' chairs, and its People's Committee as the agency that
answers forwarded petitions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from hdnd.core.text import fold
from hdnd.councils.demo import council_name
from hdnd.councils.models import (
    AdminUnit,
    Agency,
    AgencyKind,
    Body,
    BodyKind,
    Council,
    Level,
    Membership,
    MembershipRole,
    Person,
    Term,
)
from hdnd.councils.units import load_national_units

BATCH = 5000
TERM_STARTS = date(2021, 6, 1)
DELEGATES = {Level.PROVINCE: 60, Level.COMMUNE: 25}
BODIES = {
    Level.PROVINCE: (
        (BodyKind.STANDING, "Thường trực HĐND"),
        (BodyKind.LEGAL, "Ban Pháp chế"),
        (BodyKind.ECONOMY_BUDGET, "Ban Kinh tế – Ngân sách"),
        (BodyKind.CULTURE_SOCIETY, "Ban Văn hóa – Xã hội"),
        (BodyKind.ETHNIC, "Ban Dân tộc"),
    ),
    Level.COMMUNE: (
        (BodyKind.STANDING, "Thường trực HĐND"),
        (BodyKind.ECONOMY_BUDGET, "Ban Kinh tế – Ngân sách"),
        (BodyKind.CULTURE_SOCIETY, "Ban Văn hóa – Xã hội"),
    ),
}
DEPARTMENTS = (
    "Sở Xây dựng",
    "Sở Nông nghiệp và Môi trường",
    "Sở Tài chính",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
)
SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lò",
    "Hà",
    "Nông",
    "Triệu",
)
MIDDLE_NAMES = {
    "M": ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công"),
    "F": ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng"),
}
GIVEN_NAMES = {
    "M": (
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Hưng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Tâm",
        "Thắng",
        "Tuấn",
    ),
    "F": (
        "Anh",
        "Giang",
        "Hà",
        "Hạnh",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Phương",
        "Quyên",
        "Thảo",
        "Trang",
        "Vân",
    ),
}


@dataclass
class Councils:
    """What the later steps need of the councils: by province, the council, its term and its agency."""

    provinces: list[Council] = field(default_factory=list)
    communes: dict[int, list[Council]] = field(default_factory=dict)  # province council id → communes
    terms: dict[int, int] = field(default_factory=dict)  # council id → term id
    agencies: dict[int, int] = field(default_factory=dict)  # council id → its People's Committee
    delegates: dict[int, list[int]] = field(default_factory=dict)  # council id → person ids


def _councils(units: list[AdminUnit], parent: Council | None) -> list[Council]:
    have = {c.unit_id: c for c in Council.objects.filter(unit__in=units)}
    fresh = [
        Council(
            unit=unit,
            name=(name := council_name(unit.name)),
            name_key=fold(name),
            level=unit.level,
            parent=parent,
        )
        for unit in units
        if unit.pk not in have
    ]
    Council.objects.bulk_create(fresh, batch_size=BATCH)
    found = list(Council.objects.filter(unit__in=units).select_related("unit").order_by("unit__code"))
    if parent is not None:
        Council.objects.filter(unit__in=units, parent__isnull=True).update(parent=parent)
    return found


def councils_of_the_list(provinces: int | None) -> Councils:
    """The councils of the units valid today (the first ``provinces`` provinces by code, or all)."""
    load_national_units()
    units = AdminUnit.objects.valid_on()
    province_units = list(units.filter(level=Level.PROVINCE).order_by("code")[:provinces])
    result = Councils(provinces=_councils(province_units, None))
    for province in result.provinces:
        communes = list(units.filter(level=Level.COMMUNE, parent=province.unit).order_by("code"))
        result.communes[province.pk] = _councils(communes, province)
    return result


def _person(rng: random.Random, council: Council, position: str) -> Person:
    gender = rng.choice("MF")
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES[gender])} {rng.choice(GIVEN_NAMES[gender])}"
    return Person(
        council=council,
        full_name=name,
        name_key=fold(name),
        gender=gender,
        birth_year=rng.randint(1962, 1995),
        position=position,
    )


def _seats(council: Council, people: list[Person], bodies: list[Body], term: Term) -> list[Membership]:
    """Every delegate's seat; the standing committee's chair, vice-chair and member, each committee's
    head and deputy."""
    seats = [
        Membership(person=p, council=council, term=term, role=MembershipRole.DELEGATE, starts_on=TERM_STARTS)
        for p in people
    ]
    standing = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.MEMBER)
    committee = (MembershipRole.HEAD, MembershipRole.DEPUTY_HEAD)
    chairs = iter(people)
    for body in bodies:
        for role in standing if body.kind == BodyKind.STANDING else committee:
            seats.append(
                Membership(
                    person=next(chairs),
                    council=council,
                    body=body,
                    term=term,
                    role=role,
                    starts_on=TERM_STARTS,
                    full_time=role in (MembershipRole.VICE_CHAIR, MembershipRole.HEAD),
                )
            )
    return seats


def staff(rng: random.Random, found: Councils) -> None:
    """Term, bodies, delegates, seats and agencies of every council without a term yet."""
    everyone = [c for p in found.provinces for c in (p, *found.communes[p.pk])]
    have = set(Term.objects.filter(council__in=everyone).values_list("council_id", flat=True))
    fresh = [c for c in everyone if c.pk not in have]
    seats = DELEGATES
    terms = Term.objects.bulk_create(
        [
            Term(council=c, number=1, starts_on=TERM_STARTS, delegate_seats=seats[Level(c.level)])
            for c in fresh
        ],
        batch_size=BATCH,
    )
    bodies = Body.objects.bulk_create(
        [Body(council=c, kind=kind, name=name) for c in fresh for kind, name in BODIES[Level(c.level)]],
        batch_size=BATCH,
    )
    people = Person.objects.bulk_create(
        [
            _person(rng, c, f"Đại biểu HĐND {c.unit.name}")
            for c in fresh
            for _ in range(seats[Level(c.level)])
        ],
        batch_size=BATCH,
    )
    by_council: dict[int, list[Person]] = {}
    for person in people:
        by_council.setdefault(person.council_id, []).append(person)
    bodies_of: dict[int, list[Body]] = {}
    for body in bodies:
        bodies_of.setdefault(body.council_id, []).append(body)
    Membership.objects.bulk_create(
        [
            seat
            for c, term in zip(fresh, terms, strict=True)
            for seat in _seats(c, by_council[c.pk], bodies_of[c.pk], term)
        ],
        batch_size=BATCH,
    )
    _agencies(fresh)
    for council in everyone:
        found.terms[council.pk] = 0
    found.terms.update(Term.objects.filter(council__in=everyone, number=1).values_list("council_id", "pk"))
    found.agencies.update(
        Agency.objects.filter(council__in=everyone, kind=AgencyKind.PEOPLES_COMMITTEE).values_list(
            "council_id", "pk"
        )
    )
    for council_id, person_id in (
        Person.objects.filter(council__in=everyone).order_by("pk").values_list("council_id", "pk")
    ):
        found.delegates.setdefault(council_id, []).append(person_id)


def _agencies(councils: list[Council]) -> None:
    def named(council: Council, name: str, kind: str) -> Agency:
        return Agency(council=council, name=name, name_key=fold(name), short_name=name[:60], kind=kind)

    rows = [
        named(c, f"UBND {c.unit.name[:1].lower()}{c.unit.name[1:]}", AgencyKind.PEOPLES_COMMITTEE)
        for c in councils
    ]
    rows += [
        named(c, department, AgencyKind.DEPARTMENT)
        for c in councils
        if c.level == Level.PROVINCE
        for department in DEPARTMENTS
    ]
    Agency.objects.bulk_create(rows, batch_size=BATCH)
