"""Every change to councils, terms, bodies, people, memberships and agencies goes through here.

Each action runs in a transaction, locks the row it changes (or the council it adds to, so two
clerks adding the same name cannot both pass the check), validates with the model's rules
(``full_clean``: Vietnamese messages, raised as ``ValidationError``), and writes one audit entry.
Views and API endpoints call these functions and nothing else to change data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.text import fold, nfc

from .models import Agency, Body, BodyKind, Council, Membership, MembershipRole, Person, Term

# Fields a user may change on each model (everything else is set by the system or fixed at creation).
COUNCIL_FIELDS = ("name", "address", "email", "phone")
TERM_FIELDS = ("number", "starts_on", "ends_on", "delegate_seats")
BODY_FIELDS = ("kind", "name")
PERSON_FIELDS = ("full_name", "gender", "birth_year", "position", "email", "phone")
MEMBERSHIP_FIELDS = ("person", "body", "term", "role", "starts_on", "ends_on", "full_time", "constituency")
AGENCY_FIELDS = ("name", "short_name", "kind", "superior", "email", "phone", "address", "is_active")


def _values(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Field values as the audit log stores them (foreign keys by id)."""
    return {name: obj.serializable_value(name) for name in fields}


def _lock_council(council: Council) -> Council:
    return Council.objects.select_for_update().get(pk=council.pk)


def _validate(obj: models.Model) -> None:
    """The model's rules, in Vietnamese. Its clean() checks what the database constraints guard, with
    a message a user can read; the constraints stay as the last line of defence."""
    derived = [field.name for field in obj._meta.fields if not field.editable]  # name_key, set on save
    obj.full_clean(exclude=derived, validate_constraints=False)


def _create[M: models.Model](obj: M, fields: Iterable[str], *, council: Council, by: Actor, action: str) -> M:
    """Validate and save a new object, with one audit entry; call inside a transaction."""
    _validate(obj)
    obj.save()
    record(action=action, actor=by, obj=obj, council=council, after=_values(obj, fields))
    return obj


def _update[M: models.Model](
    obj: M, changes: Mapping[str, Any], allowed: tuple[str, ...], *, by: Actor, action: str
) -> M:
    """Lock the row, apply ``changes``, validate, save, and audit what actually changed."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"{action}: cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        before = _values(locked, changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        _validate(locked)
        after = _values(locked, changes)
        changed = [name for name in changes if before[name] != after[name]]
        if changed:
            derived = [f.name for f in locked._meta.concrete_fields if not f.editable and not f.primary_key]
            locked.save(update_fields=[*changed, *derived])
            council = locked if isinstance(locked, Council) else locked.council  # type: ignore[attr-defined]
            record(
                action=action,
                actor=by,
                obj=locked,
                council=council,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
    return locked


# Councils and terms ------------------------------------------------------------------------------


def update_council(council: Council, *, by: Actor, **changes: Any) -> Council:
    """Edit a council's name and contact details."""
    return _update(council, changes, COUNCIL_FIELDS, by=by, action="councils.update_council")


def create_term(council: Council, *, by: Actor, **fields: Any) -> Term:
    """Open a term (khóa, nhiệm kỳ) of a council."""
    with transaction.atomic():
        council = _lock_council(council)
        term = Term(council=council, **_only(fields, TERM_FIELDS))
        return _create(term, TERM_FIELDS, council=council, by=by, action="councils.create_term")


def update_term(term: Term, *, by: Actor, **changes: Any) -> Term:
    """Correct a term's number, dates or seats."""
    return _update(term, changes, TERM_FIELDS, by=by, action="councils.update_term")


# Bodies ------------------------------------------------------------------------------------------


def create_body(council: Council, *, by: Actor, kind: str, name: str) -> Body:
    """Set up a body of the council: only the kinds its level allows (``ALLOWED_BODY_KINDS``)."""
    with transaction.atomic():
        council = _lock_council(council)
        body = Body(council=council, kind=kind, name=name)
        return _create(body, BODY_FIELDS, council=council, by=by, action="councils.create_body")


# The Thường trực HĐND is created by the law (Luật Tổ chức chính quyền địa phương), not by the office: it
# ends with its council, never on its own.
LAW_BODY = "Thường trực HĐND do luật định, không giải thể được; Thường trực chấm dứt cùng HĐND."
LAW_BODY_KIND = "Thường trực HĐND do luật định, không đổi sang loại cơ quan khác được."


def update_body(body: Body, *, by: Actor, **changes: Any) -> Body:
    """Rename a body or correct its kind (the Thường trực stays the Thường trực)."""
    if body.kind == BodyKind.STANDING and changes.get("kind", body.kind) != BodyKind.STANDING:
        raise ValidationError({"kind": LAW_BODY_KIND})
    return _update(body, changes, BODY_FIELDS, by=by, action="councils.update_body")


def dissolve_body(body: Body, *, by: Actor, on: date) -> Body:
    """Dissolve a body; the memberships still open in it end on the same day. Never the Thường trực."""
    with transaction.atomic():
        locked = Body.objects.select_for_update(of=("self",)).select_related("council").get(pk=body.pk)
        if locked.kind == BodyKind.STANDING:
            raise ValidationError({"dissolved_on": LAW_BODY})
        if locked.dissolved_on is not None:
            raise ValidationError(
                {"dissolved_on": f"{locked.name} đã giải thể ngày {locked.dissolved_on:%d/%m/%Y}."}
            )
        open_seats = locked.memberships.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=on))
        if open_seats.filter(starts_on__gt=on).exists():
            raise ValidationError(
                {"dissolved_on": "Có thành viên bắt đầu sau ngày giải thể; hãy chọn ngày muộn hơn."}
            )
        ended = open_seats.update(ends_on=on)
        locked.dissolved_on = on
        locked.save(update_fields=["dissolved_on"])
        record(
            action="councils.dissolve_body",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"dissolved_on": None},
            after={"dissolved_on": on, "memberships_ended": ended},
        )
    return locked


# People and memberships --------------------------------------------------------------------------


def create_person(council: Council, *, by: Actor, **fields: Any) -> Person:
    """Add a person (delegate, official, staff) to the council's records."""
    with transaction.atomic():
        council = _lock_council(council)
        person = Person(council=council, **_only(fields, PERSON_FIELDS))
        return _create(person, PERSON_FIELDS, council=council, by=by, action="councils.create_person")


def update_person(person: Person, *, by: Actor, **changes: Any) -> Person:
    """Correct a person's name, details or contact."""
    return _update(person, changes, PERSON_FIELDS, by=by, action="councils.update_person")


def add_membership(council: Council, *, by: Actor, **fields: Any) -> Membership:
    """Give a person a seat: a delegate's seat (no body) or a role in one of the council's bodies."""
    with transaction.atomic():
        council = _lock_council(council)
        membership = Membership(council=council, **_only(fields, MEMBERSHIP_FIELDS))
        return _create(
            membership, MEMBERSHIP_FIELDS, council=council, by=by, action="councils.add_membership"
        )


def end_membership(membership: Membership, *, by: Actor, on: date) -> Membership:
    """End a seat on ``on`` (the last day it is held)."""
    if membership.ends_on is not None and membership.ends_on < timezone.localdate():
        raise ValidationError({"ends_on": f"Chức danh này đã kết thúc ngày {membership.ends_on:%d/%m/%Y}."})
    return _update(membership, {"ends_on": on}, MEMBERSHIP_FIELDS, by=by, action="councils.end_membership")


@dataclass(frozen=True)
class DelegateRow:
    """One validated row of a delegate import."""

    full_name: str
    gender: str = ""
    birth_year: int | None = None
    position: str = ""
    constituency: str = ""
    full_time: bool = False
    starts_on: date | None = None
    email: str = ""
    phone: str = ""


def import_delegates(
    council: Council, rows: list[DelegateRow], *, by: Actor, source: str = ""
) -> list[Person]:
    """Create a person and a delegate's seat in the current term for every row: all rows or none.

    The rows come validated (``imports.read_delegates``); each person is validated again here, so a
    row that slipped through rolls the whole import back instead of saving half of it.
    """
    with transaction.atomic():
        council = _lock_council(council)
        term = council.current_term()
        if term is None:
            raise ValidationError(
                "HĐND chưa có khóa, nhiệm kỳ hiện tại; hãy thêm khóa trước khi nhập đại biểu."
            )
        people = []
        for row in rows:
            person = Person(council=council, **{name: getattr(row, name) for name in PERSON_FIELDS})
            person.full_name = nfc(person.full_name)
            person.name_key = fold(person.full_name)
            _validate(person)
            people.append(person)
        Person.objects.bulk_create(people)
        seats = [
            Membership(
                person=person,
                council=council,
                term=term,
                role=MembershipRole.DELEGATE,
                starts_on=row.starts_on or term.starts_on,
                full_time=row.full_time,
                constituency=row.constituency,
            )
            for person, row in zip(people, rows, strict=True)
        ]
        Membership.objects.bulk_create(seats)
        record(
            action="councils.import_delegates",
            actor=by,
            obj=term,
            council=council,
            after={"people": len(people), "memberships": len(seats), "term": term.pk},
            note=source,
        )
    return people


# Agencies ----------------------------------------------------------------------------------------


def create_agency(council: Council, *, by: Actor, **fields: Any) -> Agency:
    """Register an agency that receives forwarded work from the council."""
    with transaction.atomic():
        council = _lock_council(council)
        agency = Agency(council=council, **_only(fields, AGENCY_FIELDS))
        return _create(agency, AGENCY_FIELDS, council=council, by=by, action="councils.create_agency")


def update_agency(agency: Agency, *, by: Actor, **changes: Any) -> Agency:
    """Edit an agency's details, superior (for escalation) or whether it still receives work."""
    return _update(agency, changes, AGENCY_FIELDS, by=by, action="councils.update_agency")


def _only(fields: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    return dict(fields)
