"""Referral between councils (``referral`` says which councils and what came back): an issue beyond a
council's competence goes up to the council above it, one within a commune's competence goes down to
that commune. A referral becomes a petition of the target council, in its newest cycle; only the
issue's title and summary travel.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.councils.models import Council, Level
from hdnd.petitions.models import TEXT_MAX, Cycle, Petition, PetitionIssue
from hdnd.petitions.referral import BEYOND_COMMUNE, NOTE_MAX, SOURCE_OF, direction, newest_cycle

from .entry import new_petition


def _text(issue: PetitionIssue) -> str:
    summary = nfc(issue.summary or "").strip()
    text = f"{issue.title}\n\n{summary}" if summary and summary != issue.title else issue.title
    if len(text) > TEXT_MAX:
        raise ValidationError(
            f"Tóm tắt của kiến nghị “{issue.title}” dài quá {TEXT_MAX:,} ký tự".replace(",", ".")
            + "; hãy rút gọn trước khi chuyển."
        )
    return text


def _refer(issue: PetitionIssue, target: Council, *, by: Actor, note: str) -> Petition:
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


def refer_issue(issue: PetitionIssue, to_council: Council, *, by: Actor, note: str = "") -> Petition:
    """Refer a confirmed issue up to the council above or down to a council below; answers the petition
    it became in the target council's newest cycle."""
    note = _note(note)
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        target = Council.objects.get(pk=to_council.pk)
        return _refer(locked, target, by=by, note=note)


def refer_cycle_up(cycle: Cycle, *, by: Actor) -> int:
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
