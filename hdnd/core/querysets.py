"""QuerySet and model pieces every domain app reuses: folded-name search, validity periods, NFC names."""

from __future__ import annotations

from datetime import date
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .text import fold, nfc


def valid_on_q(on: date | None = None, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Rows whose period [start, end] contains ``on`` (today by default); empty bounds are open."""
    on = on or timezone.localdate()
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": on})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on})
    )


class SearchableQuerySet[M: models.Model](models.QuerySet[M]):
    """Accent-insensitive search on the folded ``name_key``: 'ba dinh' finds 'Ba Đình'."""

    def search(self, query: str) -> Self:
        key = fold(query)
        return self.filter(name_key__contains=key) if key else self


class FoldedNameMixin:
    """Keeps the name field in NFC and, where the model has one, ``name_key`` as its search key."""

    name_field = "name"

    def save(self, *args: Any, **kwargs: Any) -> None:
        value = nfc(getattr(self, self.name_field))
        setattr(self, self.name_field, value)
        if hasattr(self, "name_key"):
            self.name_key = fold(value)
        super().save(*args, **kwargs)  # type: ignore[misc]


def close_gap(siblings: models.QuerySet[Any] | models.Manager[Any], position: int) -> None:
    """After the item at ``position`` was removed, move every later sibling up one place, lowest first
    (so a unique position is never taken twice on the way)."""
    for later in siblings.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
