"""Write and verify the hash-chained audit log.

``record`` is the one door every action uses. Entries are chained: each stores the hash of the
previous entry and its own hash over its content, so any edit or deletion breaks ``verify_chain``.
Each hash is also signed with a key kept outside the database (``settings.AUDIT_KEY``), so a chain
recomputed after an edit no longer verifies, and the head is anchored now and then to a file outside
the table (``write_anchor``), so a deleted tail is noticed too (decision 0007). Writers are serialised
(an advisory lock on PostgreSQL; SQLite's write lock otherwise) so the chain never forks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from . import publiccache
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
    "core.task_recovered": "Khôi phục tác vụ nền bị gián đoạn",
    "core.mail_failed": "Không gửi được thư thông báo",
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


def audit_key() -> bytes:
    """The HMAC key of the audit log, from settings (never stored in the database)."""
    return str(settings.AUDIT_KEY).encode()


def _sign(purpose: bytes, message: bytes, key: bytes | None) -> str:
    # The purpose prefix keeps an entry's MAC from ever passing as an anchor's, and the reverse.
    return hmac.new(key or audit_key(), purpose + b"\n" + message, hashlib.sha256).hexdigest()


def entry_mac(entry_hash: str, key: bytes | None = None) -> str:
    """The HMAC that signs one entry's hash."""
    return _sign(b"hdnd-audit-entry", entry_hash.encode(), key)


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
        entry.mac = entry_mac(entry.hash)
        entry.save()
    # Every audited change may change a public page or a kept value: their versions move.
    publiccache.changed(council, action, actor.pk if is_user else None)
    return entry


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


MAC_MISSING = "chưa ký: thiếu mã xác thực (HMAC) của bản ghi"
MAC_WRONG = "mã xác thực (HMAC) không khớp (bản ghi bị băm lại, hoặc khoá nhật ký HDND_AUDIT_KEY đã đổi)"


def verify_chain(batch_size: int = 2000) -> Iterator[ChainBreak]:
    """Yield every place where the stored chain does not match its content or its signatures."""
    key = audit_key()
    expected_prev = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        yield from _breaks(entry, expected_prev, key)
        expected_prev = entry.hash


def _breaks(entry: AuditEntry, expected_prev: str, key: bytes) -> list[ChainBreak]:
    found = []
    if entry.prev_hash != expected_prev:
        found.append(ChainBreak(entry.id, "liên kết với bản ghi trước bị đứt (bản ghi bị xoá hoặc chèn)"))
    if compute_hash(entry) != entry.hash:
        found.append(ChainBreak(entry.id, "nội dung không khớp mã băm (bản ghi bị sửa)"))
    if not entry.mac:
        found.append(ChainBreak(entry.id, MAC_MISSING))
    elif not hmac.compare_digest(entry.mac, entry_mac(entry.hash, key)):
        found.append(ChainBreak(entry.id, MAC_WRONG))
    return found


@dataclass(frozen=True)
class AnchorProblem:
    source: str  # "file:line", where the anchor was read
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    breaks: list[ChainBreak]
    anchors: int = 0
    anchor_problems: list[AnchorProblem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks and not self.anchor_problems

    @property
    def unverifiable_key(self) -> bool:
        """True when no signature matched at all: most likely the key changed, not every row."""
        wrong = {b.entry_id for b in self.breaks if b.reason == MAC_WRONG}
        return self.checked > 0 and len(wrong) == self.checked


def check_chain(anchor_files: Sequence[Path] | None = None) -> ChainReport:
    """Walk the whole chain once, then check it against every anchor; report where it breaks.

    Without ``anchor_files`` the operator's ``settings.AUDIT_ANCHOR_FILE`` is read when it exists.
    """
    breaks: list[ChainBreak] = []
    checked = 0
    key = audit_key()
    expected_prev = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        checked += 1
        breaks.extend(_breaks(entry, expected_prev, key))
        expected_prev = entry.hash
    anchors, problems = check_anchors(_anchor_files(anchor_files), key)
    return ChainReport(checked, breaks, anchors, problems)


def _anchor_files(given: Sequence[Path] | None) -> list[Path]:
    if given is not None:
        return list(given)
    default = Path(settings.AUDIT_ANCHOR_FILE)
    return [default] if default.exists() else []


# Anchors: the head of the chain written outside the table.


@dataclass(frozen=True)
class Anchor:
    """The chain's head at one moment: the last entry's id and hash and how many entries led to it."""

    at: str
    last_id: int
    count: int
    head: str
    mac: str = ""

    def payload(self) -> bytes:
        fields = {"at": self.at, "last_id": self.last_id, "count": self.count, "head": self.head}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def signed(self, key: bytes | None = None) -> Anchor:
        return Anchor(
            self.at, self.last_id, self.count, self.head, _sign(b"hdnd-audit-anchor", self.payload(), key)
        )

    def line(self) -> str:
        return json.dumps({"v": 1, **asdict(self)}, sort_keys=True) + "\n"


def current_anchor() -> Anchor | None:
    """The signed head of the chain now, or None while the log is empty."""
    with transaction.atomic():
        last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
        if last is None:
            return None
        # Writers hold the chain's lock until they commit, so no lower id can still appear later.
        count = AuditEntry.objects.filter(id__lte=last[0]).count()
    return Anchor(timezone.now().isoformat(), last[0], count, last[1]).signed()


def write_anchor(path: Path | None = None) -> Anchor | None:
    """Append the signed head of the chain as one JSON line to the anchor file; None when empty."""
    anchor = current_anchor()
    if anchor is None:
        return None
    path = Path(path or settings.AUDIT_ANCHOR_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: the file only grows, and concurrent writers never interleave inside a line.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, anchor.line().encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return anchor


def check_anchors(paths: Sequence[Path], key: bytes | None = None) -> tuple[int, list[AnchorProblem]]:
    """Check every anchor line of ``paths`` against the table; return (anchors read, problems)."""
    key = key or audit_key()
    count, problems = 0, []
    for path in paths:
        if not path.is_file():
            problems.append(AnchorProblem(str(path), "không tìm thấy tệp mốc neo"))
            continue
        with path.open(encoding="utf-8") as lines:
            for number, text in enumerate(lines, start=1):
                if not text.strip():
                    continue
                count += 1
                source = f"{path}:{number}"
                problems.extend(AnchorProblem(source, reason) for reason in _anchor_reasons(text, key))
    return count, problems


def _parse_anchor(text: str) -> Anchor | None:
    try:
        data = json.loads(text)
        return Anchor(
            str(data["at"]), int(data["last_id"]), int(data["count"]), str(data["head"]), str(data["mac"])
        )
    except (ValueError, KeyError, TypeError):
        return None


def _anchor_reasons(text: str, key: bytes) -> list[str]:
    anchor = _parse_anchor(text)
    if anchor is None:
        return ["dòng mốc neo không đọc được"]
    if not hmac.compare_digest(anchor.mac, anchor.signed(key).mac):
        return ["chữ ký của mốc neo không khớp (mốc neo bị sửa, hoặc khoá nhật ký đã đổi)"]
    stored = AuditEntry.objects.filter(id=anchor.last_id).values_list("hash", flat=True).first()
    if stored is None:
        return [
            f"bản ghi #{anchor.last_id} đã neo lúc {anchor.at} không còn "
            "(phần cuối nhật ký bị xoá, hoặc cơ sở dữ liệu được khôi phục từ bản sao lưu cũ hơn mốc neo)"
        ]
    reasons = []
    if stored != anchor.head:
        reasons.append(f"mã băm của bản ghi #{anchor.last_id} khác với mốc neo (bản ghi bị băm lại)")
    now = AuditEntry.objects.filter(id__lte=anchor.last_id).count()
    if now != anchor.count:
        reasons.append(
            f"đến bản ghi #{anchor.last_id} hiện có {now} bản ghi, mốc neo ghi {anchor.count} "
            "(bản ghi bị xoá hoặc chèn)"
        )
    return reasons


GUARDS = {
    "postgresql": ("core_auditentry_no_update_delete", "core_auditentry_no_truncate"),
    "sqlite": ("core_auditentry_no_update", "core_auditentry_no_delete"),
}


def missing_guards() -> list[str]:
    """The append-only triggers (migrations 0003, 0005) that are missing or switched off."""
    expected = GUARDS.get(connection.vendor, ())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = 'core_auditentry'::regclass AND tgenabled <> 'D'"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditentry'"
            )
        else:
            return []
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected if name not in present]


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit entries about ``obj``, oldest first, ready for ``core/_history.html``."""
    return AuditEntry.objects.for_object(obj).select_related("actor")
