"""Factories for the boring fields; tests spell out the values they assert on."""

from datetime import date

import factory

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
    UnitKind,
)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"{90 + n % 10}{n:03d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    kind = UnitKind.PROVINCE
    level = Level.PROVINCE
    source = "test"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"{80000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = UnitKind.COMMUNE
    level = Level.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = date(2025, 7, 1)
    source = "test"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    unit = factory.SubFactory(ProvinceFactory)
    name = factory.LazyAttribute(lambda o: f"HĐND {o.unit.name}")
    level = factory.LazyAttribute(lambda o: o.unit.level)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    council = factory.SubFactory(CouncilFactory)
    number = 16
    starts_on = date(2021, 6, 1)
    ends_on = date(2026, 6, 30)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    council = factory.SubFactory(CouncilFactory)
    kind = BodyKind.STANDING
    name = "Thường trực HĐND"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    council = factory.SubFactory(CouncilFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")


def seated_delegate(council: Council, full_name: str = "") -> Person:
    """A person with a delegate's seat in ``council`` since 2021 (no body): one the delegate lists name."""
    person = PersonFactory.create(council=council, **({"full_name": full_name} if full_name else {}))
    Membership.objects.create(
        person=person, council=council, role=MembershipRole.DELEGATE, starts_on=date(2021, 6, 1)
    )
    return person


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")
    kind = AgencyKind.DEPARTMENT
