"""Synthesis and review: grouping a cycle's new petitions into draft issues (at once, or as a
background run for a large cycle), then moving, merging, splitting and confirming them.

Each action runs in a transaction, locks the rows it changes, checks the transition tables in
``models``, raises ``ValidationError`` with a Vietnamese message, and writes exactly one audit entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Council
from hdnd.petitions import background
from hdnd.petitions.actions import user_of
from hdnd.petitions.grouping import group_petitions, pending_petitions, save_groups, title_of
from hdnd.petitions.grouping_pairs import across, among, member_ids, record_pairs, with_each
from hdnd.petitions.models import (
    ISSUE_TRANSITIONS,
    PETITION_TRANSITIONS,
    Cycle,
    Petition,
    PetitionIssue,
    SynthesisRun,
)


def synthesize_cycle(council: Council, cycle: Cycle, *, by: Actor) -> list[PetitionIssue]:
    """Group the cycle's petitions not yet synthesised into draft issues, in one transaction.

    For a cycle too large to wait for, ``start_synthesis`` does the same as a task. A background run
    whose worker died (``background.stale_runs``) is marked failed first and does not block it.
    """
    if cycle.council_id != council.pk:
        raise ValidationError("Đợt tiếp xúc không thuộc HĐND này.")
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)  # one synthesis of a cycle at a time
        background.recover_cycle(cycle)
        if SynthesisRun.objects.filter(cycle=cycle, status__in=SynthesisRun.ACTIVE).exists():
            raise ValidationError("Đợt này đang được tổng hợp nền; chờ xong rồi tổng hợp tiếp.")
        petitions = list(pending_petitions(council, cycle))
        if not petitions:
            raise ValidationError("Không có ý kiến mới nào để tổng hợp.")
        issues = save_groups(council, cycle, group_petitions(petitions))
        record(
            action="petitions.synthesize_cycle",
            actor=by,
            obj=cycle,
            council=council,
            after={"petitions": len(petitions), "issues": [issue.pk for issue in issues]},
        )
        background.explain_after_commit([issue.pk for issue in issues])
    return issues


def start_synthesis(council: Council, cycle: Cycle, *, by: Actor) -> SynthesisRun:
    """Queue the synthesis of a cycle's new petitions as a ``background`` run; refused while another run
    of it is active (a stale one is marked failed first)."""
    from hdnd.petitions.tasks import synthesize_in_background

    if cycle.council_id != council.pk:
        raise ValidationError("Đợt tiếp xúc không thuộc HĐND này.")
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)
        background.recover_cycle(cycle)
        if SynthesisRun.objects.filter(cycle=cycle, status__in=SynthesisRun.ACTIVE).exists():
            raise ValidationError("Đợt này đang được tổng hợp; theo dõi tiến độ trên trang tổng hợp.")
        count = pending_petitions(council, cycle).count()
        if not count:
            raise ValidationError("Không có ý kiến mới nào để tổng hợp.")
        run = SynthesisRun.objects.create(
            council=council,
            cycle=cycle,
            total=2 * count,
            requested_by=user_of(by),
        )
        record(
            action="petitions.start_synthesis",
            actor=by,
            obj=cycle,
            council=council,
            after={"run": run.pk, "petitions": count},
        )
        transaction.on_commit(lambda: synthesize_in_background.enqueue(run.pk))
    return run


def _lock_petition(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _lock_draft(issue: PetitionIssue) -> PetitionIssue:
    locked = PetitionIssue.objects.select_for_update().get(pk=issue.pk)
    if not locked.is_draft:
        raise ValidationError(f"Kiến nghị “{locked.title}” đã xác nhận; không sửa được nhóm ý kiến của nó.")
    return locked


def move_petition(petition: Petition, issue: PetitionIssue, *, by: Actor) -> Petition:
    """Move a petition to another draft issue of the same cycle."""
    with transaction.atomic():
        locked = _lock_petition(petition)
        target = _lock_draft(issue)
        if target.cycle_id != locked.cycle_id or target.council_id != locked.council_id:
            raise ValidationError("Chỉ chuyển sang kiến nghị của cùng đợt tiếp xúc.")
        if locked.issue_id is not None:
            _lock_draft(locked.issue)  # type: ignore[arg-type]
        check_transition(
            PETITION_TRANSITIONS, locked.status, Petition.Status.GROUPED, "Ý kiến chưa được tổng hợp."
        )
        before = {"issue": locked.issue_id, "status": locked.status}
        left = member_ids(locked.issue_id, but=locked.pk)
        joined = member_ids(target.pk, but=locked.pk)
        locked.issue, locked.status = target, Petition.Status.GROUPED
        locked.save(update_fields=["issue", "status"])
        together, apart = with_each(locked.pk, joined), with_each(locked.pk, left)
        record_pairs(locked.council_id, together, apart, "move", by)
        record(
            action="petitions.move_petition",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"issue": target.pk, "status": locked.status},
        )
    return locked


def merge_issues(into: PetitionIssue, other: PetitionIssue, *, by: Actor) -> PetitionIssue:
    """Merge ``other`` into ``into``: its petitions move over and the emptied draft is deleted."""
    if into.pk == other.pk:
        raise ValidationError("Chọn một kiến nghị khác để gộp.")
    with transaction.atomic():
        first, second = sorted([into, other], key=lambda issue: issue.pk)  # lock in a fixed order
        _lock_draft(first)
        _lock_draft(second)
        target = PetitionIssue.objects.get(pk=into.pk)
        source = PetitionIssue.objects.get(pk=other.pk)
        if source.cycle_id != target.cycle_id:
            raise ValidationError("Chỉ gộp các kiến nghị của cùng đợt tiếp xúc.")
        moved = list(source.petitions.values_list("pk", flat=True))
        record_pairs(target.council_id, across(moved, member_ids(target.pk)), (), "merge", by)
        source.petitions.update(issue=target)
        snapshot = {"issue": source.pk, "title": source.title, "petitions": moved}
        source.delete()
        record(
            action="petitions.merge_issues",
            actor=by,
            obj=target,
            council=target.council,
            before=snapshot,
            after={"issue": target.pk},
        )
    return target


def split_petition_out(petition: Petition, *, by: Actor) -> PetitionIssue:
    """Take a petition out of its issue into a new draft issue of its own."""
    with transaction.atomic():
        locked = _lock_petition(petition)
        if locked.issue_id is None:
            raise ValidationError("Ý kiến chưa được tổng hợp.")
        old = _lock_draft(locked.issue)  # type: ignore[arg-type]
        if old.petitions.count() == 1:
            raise ValidationError("Ý kiến này đã là kiến nghị riêng.")
        issue = PetitionIssue.objects.create(
            council_id=locked.council_id, cycle_id=locked.cycle_id, title=title_of(locked.text)
        )
        before = {"issue": old.pk, "status": locked.status}
        left = member_ids(old.pk, but=locked.pk)
        locked.issue, locked.status = issue, Petition.Status.GROUPED
        locked.save(update_fields=["issue", "status"])
        record_pairs(locked.council_id, (), with_each(locked.pk, left), "split", by)
        record(
            action="petitions.split_petition_out",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"issue": issue.pk, "status": locked.status},
        )
    return issue


def mark_duplicate_kept(petition: Petition, *, by: Actor) -> Petition:
    """Flag a petition as a duplicate kept for monitoring ("trùng, lưu theo dõi")."""
    with transaction.atomic():
        locked = _lock_petition(petition)
        if locked.issue_id is not None:
            _lock_draft(locked.issue)  # type: ignore[arg-type]
        change_status(
            locked,
            Petition.Status.DUPLICATE_KEPT,
            table=PETITION_TRANSITIONS,
            refusal="Ý kiến đã được đánh dấu trùng, lưu theo dõi.",
            by=by,
            action="petitions.mark_duplicate_kept",
        )
    return locked


def confirm_issue(issue: PetitionIssue, *, by: Actor) -> PetitionIssue:
    """Confirm a draft issue: its wording and its group of petitions are settled."""
    with transaction.atomic():
        locked = PetitionIssue.objects.select_for_update().get(pk=issue.pk)
        change_status(
            locked,
            PetitionIssue.Status.CONFIRMED,
            table=ISSUE_TRANSITIONS,
            refusal=f"Kiến nghị “{locked.title}” đã được xác nhận.",
            by=by,
            action="petitions.confirm_issue",
        )
        record_pairs(locked.council_id, among(member_ids(locked.pk)), (), "confirm", by)
    return locked
