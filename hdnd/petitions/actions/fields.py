"""The audited edits of the field taxonomy (lĩnh vực): national fields (``council=None``) or a council's
own. Fields are deactivated, never deleted."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.councils.models import Council
from hdnd.petitions.models import Field

FIELD_VALUES = ("name", "committee_kind", "keywords", "active")


def _clean_field_values(values: dict[str, Any]) -> dict[str, Any]:
    name = nfc(values.get("name") or "")
    if not name:
        raise ValidationError({"name": ["Nhập tên lĩnh vực."]})
    keywords = "\n".join(
        line for line in (nfc(raw) for raw in str(values.get("keywords") or "").splitlines()) if line
    )
    return {
        "name": name,
        "committee_kind": values.get("committee_kind") or "",
        "keywords": keywords,
        "active": bool(values.get("active", True)),
    }


def _name_taken(council: Council | None, name: str, exclude: int | None) -> bool:
    same = Field.objects.filter(name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    return same.filter(Q(council__isnull=True) | Q(council=council)).exists()


def create_field(council: Council | None, *, by: Actor, **values: Any) -> Field:
    """Add a field to a council's own taxonomy (or, ``council=None``, to the national one)."""
    clean = _clean_field_values(values)
    with transaction.atomic():
        if council is not None:
            Council.objects.select_for_update().get(pk=council.pk)
        if _name_taken(council, clean["name"], None):
            raise ValidationError({"name": [f"Đã có lĩnh vực “{clean['name']}”."]})
        made = Field.objects.create(council=council, **clean)
        record(action="petitions.create_field", actor=by, obj=made, council=council, after=clean)
    return made


def update_field(item: Field, *, by: Actor, **values: Any) -> Field:
    """Change a field's name, committee, keywords or whether it is in use (deactivate, never delete)."""
    clean = _clean_field_values(values)
    with transaction.atomic():
        locked = Field.objects.select_for_update(of=("self",)).select_related("council").get(pk=item.pk)
        if _name_taken(locked.council, clean["name"], locked.pk):
            raise ValidationError({"name": [f"Đã có lĩnh vực “{clean['name']}”."]})
        before = {name: getattr(locked, name) for name in FIELD_VALUES}
        if before == clean:
            return locked
        for name, value in clean.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(FIELD_VALUES))
        record(
            action="petitions.update_field",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after=clean,
        )
    return locked
