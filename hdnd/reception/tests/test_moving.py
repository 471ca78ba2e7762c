"""Migration 0002: complaints and denunciations entered as petitions move to the letters register, and the
public petition pages no longer hold their text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.urls import reverse

from hdnd.core.actions import seed_rules
from hdnd.core.models import AuditEntry
from hdnd.petitions.actions import forwarding, publication
from hdnd.petitions.actions import synthesis as petition_actions
from hdnd.petitions.actions.intake import register_received
from hdnd.petitions.models import Cycle, Outcome, Petition, PetitionIssue
from hdnd.reception.models import Letter
from hdnd.reception.moving import kind_of, move_letter_petitions
from hdnd.reception.tests import support

pytestmark = pytest.mark.django_db
COMPLAINT = "Khiếu nại việc UBND xã thu hồi đất nông nghiệp của gia đình tôi mà không bồi thường thỏa đáng."
DENUNCIATION = "Tố cáo trưởng thôn Đoài thu tiền của các hộ dân để làm đường nhưng không công khai."
VOTERS = "Đề nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp."


def test_the_kind_is_told_by_the_letters_own_words() -> None:
    assert (kind_of(COMPLAINT), kind_of(DENUNCIATION), kind_of(VOTERS)) == (
        "khieu_nai",
        "to_cao",
        "kien_nghi",
    )


def _published(world: Any, text: str, cycle: Cycle) -> PetitionIssue:
    register_received(cycle, by=None, text=text, source=Petition.Source.LETTER, received_on=date(2026, 9, 1))
    (issue,) = petition_actions.synthesize_cycle(world.commune, cycle, by=None)
    issue = petition_actions.confirm_issue(issue, by=None)
    (sent,) = forwarding.forward_issue(issue, [support.agency(world.commune)], by=None, on=date(2026, 9, 3))
    admin = world.user("system_admin")
    forwarding.record_answer(sent, by=admin, outcome=Outcome.RESOLVED, text="Đã xem xét, trả lời công dân.")
    return publication.publish_issue(issue, by=None)


@time_machine.travel(date(2026, 10, 20))
def test_moved_complaints_leave_the_public_pages_and_keep_their_history(world: Any) -> None:
    seed_rules()
    cycle = Cycle.objects.create(council=world.commune, name="Sau kỳ họp thứ 9", year=2026)
    complaint_issue = _published(world, COMPLAINT, cycle)
    denunciation_issue = _published(world, DENUNCIATION, cycle)
    voters_issue = _published(world, VOTERS, cycle)
    history = AuditEntry.objects.count()

    move_letter_petitions(apps)
    move_letter_petitions(apps)  # a second run changes nothing

    letters = {letter.kind: letter for letter in Letter.objects.all()}
    assert sorted(letters) == ["khieu_nai", "kien_nghi", "to_cao"]
    assert letters["khieu_nai"].status == letters["to_cao"].status == Letter.Status.AWAITING
    assert letters["kien_nghi"].petition == Petition.objects.get(issue=voters_issue)
    assert AuditEntry.objects.count() == history  # the petitions' entries stay, untouched
    complaint_issue.refresh_from_db()
    denunciation_issue.refresh_from_db()
    assert complaint_issue.published_at is None
    assert denunciation_issue.published_at is None
    public = Client()
    pages = [
        reverse("petitions:public_index"),
        reverse("petitions:public_council", args=[world.commune.pk]),
        reverse("petitions:public_cycle", args=[cycle.pk]),
        reverse("petitions:public_commune", args=[world.commune.unit.pk]),
    ]
    shown = " ".join(public.get(url).content.decode() for url in pages)
    assert "Khiếu nại việc UBND xã" not in shown
    assert "trưởng thôn Đoài" not in shown
    assert "sửa chữa tuyến đường liên thôn" in shown  # the voters' petition stays public
