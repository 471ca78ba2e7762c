"""Write and verify the hash-chained audit log.

``record`` is the one door every action uses. Entries are chained: each stores the hash of the
previous entry and its own hash over its content, so any edit or deletion breaks ``verify_chain``.
Writers are serialised (an advisory lock on PostgreSQL; SQLite's write lock otherwise) so the chain
never forks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from .models import AuditEntry

GENESIS = "0" * 64

# Who does an action: a signed-in user (``request.user``), or ``None``/a label for the system itself
# (the scheduler, an import run from the command line). Every action takes it as ``by``.
type Actor = AbstractBaseUser | AnonymousUser | str | None

# What each action code means, for the log pages; apps add theirs (``ACTION_LABELS.update(...)``).
ACTION_LABELS: dict[str, str] = {
    "rule.seeded": "Nạp quy định",
    "rule.reseeded": "Cập nhật quy định từ dữ liệu gốc",
    "rule.override_set": "Đặt quy định riêng",
    "rule.override_cleared": "Bỏ quy định riêng",
    "calendar.day_added": "Thêm ngày điều chỉnh lịch",
    "calendar.day_removed": "Xoá ngày điều chỉnh lịch",
    "audit.chain_broken": "Phát hiện nhật ký bị can thiệp",
}


def action_label(code: str) -> str:
    """The Vietnamese label of an action code, or the code itself when none is registered."""
    return ACTION_LABELS.get(code, code)


_LOCK_KEY = 7_110_2026  # any constant; names the audit chain's advisory lock


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "council": entry.council_id,
        "content_type": entry.content_type_id,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
        "prev": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _jsonable(data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return json.loads(json.dumps(dict(data), cls=DjangoJSONEncoder, default=str))


def record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    council: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to the audit log; call it inside the action's transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        is_user = actor is not None and getattr(actor, "is_authenticated", False)
        entry = AuditEntry(
            actor=actor if is_user else None,
            actor_label=(actor.get_username() if is_user else str(actor or "hệ thống"))[:150],
            council=council,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj else None,
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:255] if obj is not None else "",
            action=action,
            before=_jsonable(before),
            after=_jsonable(after),
            note=note,
            prev_hash=last or GENESIS,
        )
        # Hash the values as the database will return them (JSON round-trip, microsecond times).
        entry.hash = compute_hash(entry)
        entry.save()
    return entry


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(batch_size: int = 2000) -> Iterator[ChainBreak]:
    """Yield every place where the stored chain does not match its content."""
    expected_prev = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        yield from _breaks(entry, expected_prev)
        expected_prev = entry.hash


def _breaks(entry: AuditEntry, expected_prev: str) -> list[ChainBreak]:
    found = []
    if entry.prev_hash != expected_prev:
        found.append(ChainBreak(entry.id, "liên kết với bản ghi trước bị đứt (bản ghi bị xoá hoặc chèn)"))
    if compute_hash(entry) != entry.hash:
        found.append(ChainBreak(entry.id, "nội dung không khớp mã băm (bản ghi bị sửa)"))
    return found


@dataclass(frozen=True)
class ChainReport:
    checked: int
    breaks: list[ChainBreak]

    @property
    def intact(self) -> bool:
        return not self.breaks


def check_chain() -> ChainReport:
    """Walk the whole chain once and report how many entries were checked and where it breaks."""
    breaks: list[ChainBreak] = []
    checked = 0
    expected_prev = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        checked += 1
        breaks.extend(_breaks(entry, expected_prev))
        expected_prev = entry.hash
    return ChainReport(checked, breaks)


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit entries about ``obj``, oldest first, ready for ``core/_history.html``."""
    return AuditEntry.objects.for_object(obj).select_related("actor")
