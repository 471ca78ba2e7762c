"""Referral between councils: an issue beyond a council's competence goes up to the council above it,
one within a commune's competence goes down to that commune (NQLT 72/2025: the standing committee
forwards what it cannot settle to the competent level).

A referral becomes a petition of the target council, in its newest cycle, with the source
``LOWER_COUNCIL`` or ``HIGHER_COUNCIL``, ``from_council`` and ``origin_issue``: the target synthesises,
forwards and answers it like any other petition, and the source council reads the answer that came back
through ``referral_results``. Only the issue's title and summary travel; voters' places, delegates,
slip numbers and the staff who entered the petitions stay with the source council.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from hdnd.core.audit import record
from hdnd.core.text import nfc
from hdnd.councils.models import Council, Level

from .actions import new_petition
from .models import TEXT_MAX, Answer, Competence, Cycle, Forwarding, Petition, PetitionIssue

ACTION_LABELS: dict[str, str] = {
    "petitions.refer_issue": "Chuyển kiến nghị sang HĐND cấp khác",
    "petitions.receive_referral": "Nhận kiến nghị do HĐND cấp khác chuyển đến",
    "petitions.refer_cycle_up": "Chuyển các kiến nghị vượt thẩm quyền lên HĐND cấp trên",
}

UP, DOWN = "up", "down"
SOURCE_OF = {UP: Petition.Source.LOWER_COUNCIL, DOWN: Petition.Source.HIGHER_COUNCIL}
BEYOND_COMMUNE = (Competence.PROVINCE, Competence.CENTRAL)
NOTE_MAX = 2000


def direction(source: Council, target: Council) -> str | None:
    """``up`` to the council directly above, ``down`` to one directly below, None for any other."""
    if source.parent_id is not None and target.pk == source.parent_id:
        return UP
    if target.parent_id == source.pk:
        return DOWN
    return None


def targets(council: Council) -> list[Council]:
    """The councils an issue of ``council`` may be referred to: the one above, then the active ones below."""
    below = Council.objects.filter(parent=council, dissolved_on__isnull=True).order_by("name_key")
    above = [council.parent] if council.parent is not None else []
    return [*above, *below]


def newest_cycle(council: Council) -> Cycle | None:
    return Cycle.objects.filter(council=council).order_by("-year", "-created_at", "-pk").first()


def _text(issue: PetitionIssue) -> str:
    summary = nfc(issue.summary or "").strip()
    text = f"{issue.title}\n\n{summary}" if summary and summary != issue.title else issue.title
    if len(text) > TEXT_MAX:
        raise ValidationError(
            f"Tóm tắt của kiến nghị “{issue.title}” dài quá {TEXT_MAX:,} ký tự".replace(",", ".")
            + "; hãy rút gọn trước khi chuyển."
        )
    return text


def _refer(issue: PetitionIssue, target: Council, *, by: Any, note: str) -> Petition:
    """Refer a locked issue; the caller holds the transaction."""
    source = issue.council
    if issue.status != PetitionIssue.Status.CONFIRMED:
        raise ValidationError("Xác nhận kiến nghị rồi mới chuyển sang HĐND khác.")
    way = direction(source, target)
    if way is None:
        raise ValidationError(
            {
                "to_council": f"Chỉ chuyển lên HĐND cấp trên trực tiếp hoặc xuống HĐND cấp dưới của "
                f"{source.name}; không chuyển được đến {target.name}."
            }
        )
    if target.dissolved_on is not None:
        raise ValidationError({"to_council": f"{target.name} đã chấm dứt hoạt động."})
    if Petition.objects.filter(origin_issue=issue, council=target).exists():
        raise ValidationError(f"Kiến nghị “{issue.title}” đã được chuyển đến {target.name}.")
    cycle = newest_cycle(target)
    if cycle is None:
        raise ValidationError(f"{target.name} chưa có đợt tiếp xúc cử tri nào để nhận kiến nghị.")
    petition = new_petition(
        target,
        by=by,
        cycle=cycle,
        text=_text(issue),
        source=SOURCE_OF[way],
        meeting=None,
        from_council=source,
    )
    petition.from_council, petition.origin_issue = source, issue
    petition.received_on = timezone.localdate()
    petition.save()
    issue.referred_to, issue.referred_at = target, timezone.now()
    issue.save(update_fields=["referred_to", "referred_at"])
    after = {"to_council": target.pk, "cycle": cycle.pk, "petition": petition.pk, "direction": way}
    record(action="petitions.refer_issue", actor=by, obj=issue, council=source, after=after, note=note)
    record(
        action="petitions.receive_referral",
        actor=by,
        obj=petition,
        council=target,
        after={"from_council": source.pk, "origin_issue": issue.pk, "cycle": cycle.pk},
        note=note,
    )
    return petition


def _note(note: str) -> str:
    note = nfc(note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Ghi chú dài quá {NOTE_MAX:,} ký tự.".replace(",", ".")})
    return note


def refer_issue(issue: PetitionIssue, to_council: Council, *, by: Any, note: str = "") -> Petition:
    """Refer a confirmed issue up to the council above or down to a council below; answers the petition
    it became in the target council's newest cycle."""
    note = _note(note)
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        target = Council.objects.get(pk=to_council.pk)
        return _refer(locked, target, by=by, note=note)


def refer_cycle_up(cycle: Cycle, *, by: Any) -> int:
    """A commune sends every confirmed issue of a cycle whose competence is tỉnh or trung ương to the
    council above in one action; issues already sent there are skipped. Answers how many were sent."""
    council = Council.objects.select_related("parent").get(pk=cycle.council_id)
    if council.level != Level.COMMUNE or council.parent is None:
        raise ValidationError("Chỉ HĐND cấp xã chuyển cả đợt kiến nghị lên HĐND cấp trên.")
    parent = council.parent
    with transaction.atomic():
        issues = list(
            PetitionIssue.objects.select_for_update(of=("self",))
            .filter(
                council=council,
                cycle=cycle,
                status=PetitionIssue.Status.CONFIRMED,
                competence__in=BEYOND_COMMUNE,
            )
            .exclude(referrals__council=parent)
            .select_related("council")
            .order_by("pk")
        )
        if not issues:
            return 0
        sent = [_refer(issue, parent, by=by, note="").pk for issue in issues]
        record(
            action="petitions.refer_cycle_up",
            actor=by,
            obj=cycle,
            council=council,
            after={"to_council": parent.pk, "issues": [issue.pk for issue in issues], "petitions": sent},
        )
    return len(sent)


# What came back ----------------------------------------------------------------------------------


@dataclass
class ReferralResult:
    """Where one referral of an issue stands in the target council: its petition, the issue that now
    holds it (once synthesised), and the answers given to that issue."""

    petition: Petition
    council: Council
    issue: PetitionIssue | None
    answers: list[Answer] = field(default_factory=list)


def referral_results(issue: PetitionIssue) -> list[ReferralResult]:
    """For an issue that was referred: each target council's issue holding its petition, and the answers."""
    answers = Answer.objects.select_related("forwarding__agency").order_by("answered_at", "pk")
    forwardings = Forwarding.objects.prefetch_related(Prefetch("answers", queryset=answers))
    petitions = (
        Petition.objects.filter(origin_issue=issue)
        .select_related("council", "issue")
        .prefetch_related(Prefetch("issue__forwardings", queryset=forwardings))
        .order_by("pk")
    )
    results = []
    for petition in petitions:
        held = petition.issue
        found = [a for f in held.forwardings.all() for a in f.answers.all()] if held is not None else []
        results.append(ReferralResult(petition, petition.council, held, found))
    return results


def referred_in(petitions: Sequence[Petition]) -> list[Petition]:
    """The petitions of an issue that another council referred here (with their origin)."""
    return [petition for petition in petitions if petition.origin_issue_id is not None]
