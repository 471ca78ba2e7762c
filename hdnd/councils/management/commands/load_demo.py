"""Load the Hà Nội demo (idempotent): councils for the city and its communes, terms, bodies, people,
memberships, agencies and one user per role. The content lives in ``hdnd.councils.demo``.

Everything is created in bulk and looked up by natural keys (unit; council + number; council + name;
username), so a second run creates nothing and takes a fraction of a second.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from hdnd.accounts.models import Role, RoleAssignment, User
from hdnd.core.audit import record
from hdnd.core.text import fold
from hdnd.councils import demo
from hdnd.councils.models import AdminUnit, Agency, Body, Council, Level, Membership, Person, Term


class Loader:
    """One run of the demo loader; ``created`` counts what it added."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()

    def run(self) -> tuple[Council, list[Council]]:
        province = AdminUnit.objects.filter(level=Level.PROVINCE, code=demo.PROVINCE_CODE).first()
        if province is None:
            raise CommandError(
                "Chưa có danh mục đơn vị hành chính (không tìm thấy Thành phố Hà Nội, mã 01). "
                "Hãy chạy trước: python manage.py load_units"
            )
        units = list(
            AdminUnit.objects.valid_on().filter(parent=province, level=Level.COMMUNE).order_by("code")
        )
        with transaction.atomic():
            city = self.councils(province, units)
            communes = list(
                Council.objects.filter(unit__in=units).select_related("unit").order_by("unit__code")
            )
            wards = self.demo_wards(communes)
            self.terms(city, communes)
            self.bodies(city, communes)
            self.people(city, demo.CITY_PEOPLE)
            for ward in wards:
                self.people(ward, demo.WARD_PEOPLE)
            self.agencies(city, wards)
            self.users(city, wards[0] if wards else None)
            if any(self.created.values()):
                record(action="councils.load_demo", actor="load_demo", council=city, after=dict(self.created))
        return city, wards

    def councils(self, province: AdminUnit, units: list[AdminUnit]) -> Council:
        city = Council.objects.filter(unit=province).first()
        if city is None:
            city = Council.objects.create(
                unit=province, name=demo.council_name(province.name), level=Level.PROVINCE
            )
            self.created["councils"] += 1
        have = set(Council.objects.filter(unit__in=units).values_list("unit_id", flat=True))
        fresh = [
            Council(
                unit=unit,
                name=(name := demo.council_name(unit.name)),
                name_key=fold(name),
                level=unit.level,
                parent=city,
            )
            for unit in units
            if unit.pk not in have
        ]
        Council.objects.bulk_create(fresh)
        Council.objects.filter(unit__in=units, parent__isnull=True).update(parent=city)
        self.created["councils"] += len(fresh)
        return city

    @staticmethod
    def demo_wards(communes: list[Council]) -> list[Council]:
        by_name = {council.unit.name: council for council in communes}
        wards = [by_name[name] for name in demo.DEMO_WARDS if name in by_name]
        return wards or communes[: len(demo.DEMO_WARDS)]

    def terms(self, city: Council, communes: list[Council]) -> None:
        plan = [(city, spec) for spec in demo.CITY_TERMS]
        plan += [(council, spec) for council in communes for spec in demo.COMMUNE_TERMS]
        have = set(Term.objects.filter(council__in=[city, *communes]).values_list("council_id", "number"))
        fresh = [
            Term(council=c, number=s.number, starts_on=s.starts_on, ends_on=s.ends_on, delegate_seats=s.seats)
            for c, s in plan
            if (c.pk, s.number) not in have
        ]
        Term.objects.bulk_create(fresh)
        self.created["terms"] += len(fresh)

    def bodies(self, city: Council, communes: list[Council]) -> None:
        plan = [(city, kind, name) for kind, name in demo.CITY_BODIES]
        plan += [(council, kind, name) for council in communes for kind, name in demo.COMMUNE_BODIES]
        have = set(Body.objects.filter(council__in=[city, *communes]).values_list("council_id", "name"))
        fresh = [Body(council=c, kind=kind, name=name) for c, kind, name in plan if (c.pk, name) not in have]
        Body.objects.bulk_create(fresh)
        self.created["bodies"] += len(fresh)

    def people(self, council: Council, specs: tuple[demo.PersonSpec, ...]) -> None:
        term = council.current_term() or council.terms.order_by("-starts_on").first()
        have = {p.full_name: p for p in Person.objects.filter(council=council)}
        fresh = [
            Person(
                council=council,
                full_name=s.full_name,
                name_key=fold(s.full_name),
                gender=s.gender,
                birth_year=s.birth_year,
                position=s.position,
                email=s.email,
                phone=f"0900 000 {council.pk % 10}{index:02d}",
            )
            for index, s in enumerate(specs, start=1)
            if s.full_name not in have
        ]
        Person.objects.bulk_create(fresh)
        self.created["people"] += len(fresh)
        people = {p.full_name: p for p in Person.objects.filter(council=council)}
        bodies = {b.name: b for b in Body.objects.filter(council=council)}
        starts_on = term.starts_on if term else timezone.localdate()
        have_seats = set(
            Membership.objects.filter(council=council).values_list("person_id", "body_id", "role")
        )
        seats = []
        for spec in specs:
            person = people[spec.full_name]
            wanted = [(bodies[name] if name else None, role) for name, role in spec.seats]
            if spec.delegate:
                wanted.insert(0, (None, demo.R.DELEGATE))
            for body, role in wanted:
                if (person.pk, body.pk if body else None, role) in have_seats:
                    continue
                seats.append(
                    Membership(
                        person=person,
                        council=council,
                        body=body,
                        term=term,
                        role=role,
                        starts_on=starts_on,
                        full_time=spec.full_time,
                        constituency=spec.constituency if body is None else "",
                    )
                )
        Membership.objects.bulk_create(seats)
        self.created["memberships"] += len(seats)

    def agencies(self, city: Council, wards: list[Council]) -> None:
        plan = [(city, spec) for spec in demo.CITY_AGENCIES]
        plan += [
            (
                ward,
                demo.AgencySpec(
                    demo.ward_peoples_committee(ward.unit.name),
                    demo.AgencyKind.PEOPLES_COMMITTEE,
                    "UBND",
                    demo.CITY_PEOPLES_COMMITTEE,
                ),
            )
            for ward in wards
        ]
        councils = [city, *wards]
        have = set(Agency.objects.filter(council__in=councils).values_list("council_id", "name"))
        # Superiors first: every superior named here is one of the city's agencies without a superior.
        for with_superior in (False, True):
            by_name = {a.name: a.pk for a in Agency.objects.filter(council=city)}
            fresh = [
                Agency(
                    council=c,
                    name=s.name,
                    name_key=fold(s.name),
                    short_name=s.short_name,
                    kind=s.kind,
                    superior_id=by_name[s.superior] if s.superior else None,
                )
                for c, s in plan
                if (s.superior is not None) == with_superior and (c.pk, s.name) not in have
            ]
            Agency.objects.bulk_create(fresh)
            self.created["agencies"] += len(fresh)

    def users(self, city: Council, ward: Council | None) -> None:
        password = ""  # hashed once, and only when a user is missing; demo users share it
        places = {"global": None, "city": city, "ward": ward or city}
        names = [spec.username for spec in demo.USERS]
        have = {u.username: u for u in User.objects.filter(username__in=names)}
        held = set(
            RoleAssignment.objects.filter(user__username__in=names).values_list(
                "user__username", "role", "council_id"
            )
        )
        for spec in demo.USERS:
            user = have.get(spec.username)
            if user is None:
                password = password or make_password(demo.PASSWORD)
                user = User.objects.create(
                    username=spec.username, full_name=spec.full_name, password=password
                )
                self.created["users"] += 1
            council = places[spec.where]
            if (spec.username, spec.role, council.pk if council else None) in held:
                continue
            RoleAssignment.objects.create(
                user=user,
                role=spec.role,
                council=council,
                person=Person.objects.filter(council=council, full_name=spec.person).first()
                if spec.person
                else None,
                agency=Agency.objects.filter(council=council, name=spec.agency).first()
                if spec.agency
                else None,
            )
            self.created["roles"] += 1


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn: HĐND thành phố Hà Nội, 126 xã, phường và một tài khoản cho mỗi vai trò."

    def handle(self, *args: Any, **options: Any) -> None:
        validate_password(demo.PASSWORD)
        loader = Loader()
        city, wards = loader.run()
        if any(loader.created.values()):
            made = ", ".join(f"{count} {LABELS[key]}" for key, count in loader.created.items() if count)
            self.stdout.write(f"Đã tạo dữ liệu trình diễn: {made}.")
        else:
            self.stdout.write("Dữ liệu trình diễn đã có; không tạo thêm.")
        self.stdout.write(logins_table(city, wards))


LABELS = {
    "councils": "HĐND",
    "terms": "khóa",
    "bodies": "cơ quan của HĐND",
    "people": "người",
    "memberships": "chức danh",
    "agencies": "cơ quan, tổ chức",
    "users": "tài khoản",
    "roles": "vai trò",
}


def logins_table(city: Council, wards: list[Council]) -> str:
    places = {"global": "mọi HĐND", "city": city.name, "ward": wards[0].name if wards else city.name}
    header = ("Tài khoản", "Mật khẩu", "Vai trò", "Tại")
    rows: list[tuple[str, ...]] = [header]
    rows += [(s.username, demo.PASSWORD, Role(s.role).label, places[s.where]) for s in demo.USERS]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    rows.insert(1, tuple("-" * width for width in widths))
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(["", "Tài khoản dùng thử:", *lines])
