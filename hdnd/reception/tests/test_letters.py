"""Letters: intake, the transition table, deadlines on real working days (Tết 2026), reminders, escalation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from hdnd.core.models import AuditEntry
from hdnd.reception import actions, forms, matching
from hdnd.reception.matching import similar_letters
from hdnd.reception.models import LETTER_TRANSITIONS, Letter, LetterKind
from hdnd.reception.tests import support

pytestmark = pytest.mark.django_db
TET = date(2026, 2, 13)  # Friday before Tết Bính Ngọ: 14–22/02/2026 are days off


def audit(action: str) -> int:
    return AuditEntry.objects.filter(action=f"reception.{action}").count()


@time_machine.travel(date(2026, 3, 2))
def test_a_denunciation_received_before_tet_must_be_handled_within_five_working_days(world: Any) -> None:
    letter = support.letter(
        world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION, received_on=TET
    )
    # 5 working days after Fri 13/02: the Tết week has none; 23, 24, 25, 26, 27/02.
    assert letter.classify_due == date(2026, 2, 27)
    assert letter.status == Letter.Status.NEW
    assert letter.code.startswith("TD")
    assert len(letter.code) == 10
    assert audit("receive_letter") == 1


@time_machine.travel(date(2026, 3, 2))
def test_a_complaint_received_before_tet_has_ten_working_days(world: Any) -> None:
    letter = support.letter(world.commune, received_on=TET)
    # 10 working days after Fri 13/02: 23–27/02 and 02–06/03.
    assert letter.classify_due == date(2026, 3, 6)


@time_machine.travel(date(2026, 3, 2))
def test_forwarding_a_complaint_counts_acceptance_then_resolution(world: Any) -> None:
    letter = support.forwarded(world.commune, on=date(2026, 2, 23), received_on=TET)
    # Accept within 10 days of 23/02 → Thu 05/03; resolve within 30 days → Sat 04/04 → Mon 06/04.
    assert letter.response_due == date(2026, 4, 6)
    assert (letter.slip_number, letter.slip_year, letter.slip_label) == (1, 2026, "1/PC-HĐND")
    assert letter.status == Letter.Status.FORWARDED
    assert audit("forward_letter") == 1
    assert len(mail.outbox) == 0 or "1/PC-HĐND" in mail.outbox[-1].subject


@time_machine.travel(date(2026, 3, 2))
def test_forwarding_a_denunciation_counts_classification_in_working_days(world: Any) -> None:
    letter = support.forwarded(
        world.commune,
        on=date(2026, 2, 23),
        received_on=TET,
        kind=LetterKind.DENUNCIATION,
        content=support.DENUNCIATION,
    )
    # 7 working days after Mon 23/02 → Wed 04/03; resolve within 30 days → Fri 03/04.
    assert letter.response_due == date(2026, 4, 3)


@time_machine.travel(date(2026, 3, 2))
def test_slip_numbers_follow_each_other_within_a_year(world: Any) -> None:
    first = support.forwarded(world.commune, on=date(2026, 2, 23), received_on=TET)
    second = support.forwarded(
        world.commune, on=date(2026, 2, 24), received_on=TET, content=support.REPORT, kind=LetterKind.REPORT
    )
    assert (first.slip_number, second.slip_number) == (1, 2)


def test_the_transition_table_is_the_floor_of_a_provincial_system() -> None:
    S = Letter.Status
    assert LETTER_TRANSITIONS[S.NEW] == {S.AWAITING}
    assert LETTER_TRANSITIONS[S.AWAITING] == {S.ELIGIBLE, S.INELIGIBLE}
    assert LETTER_TRANSITIONS[S.ELIGIBLE] == {S.FORWARDED, S.GUIDED, S.KEPT}
    assert LETTER_TRANSITIONS[S.FORWARDED] == {S.ANSWERED}
    assert not LETTER_TRANSITIONS[S.ANSWERED]
    assert not LETTER_TRANSITIONS[S.GUIDED]


@time_machine.travel(date(2026, 10, 20))
def test_a_new_letter_cannot_be_forwarded_before_classification(world: Any) -> None:
    letter = support.letter(world.commune)
    with pytest.raises(ValidationError, match="đủ điều kiện xử lý"):
        actions.forward_letter(
            letter, by=None, agency=support.agency(world.commune), forwarded_on=date(2026, 10, 8)
        )
    assert Letter.objects.get().status == Letter.Status.NEW


@time_machine.travel(date(2026, 10, 20))
def test_an_ineligible_letter_needs_a_reason_and_may_be_guided(world: Any) -> None:
    letter = support.awaiting(world.commune)
    with pytest.raises(ValidationError):
        actions.classify_letter(letter, by=None, kind=letter.kind, eligible=False)
    letter = actions.classify_letter(
        letter, by=None, kind=letter.kind, eligible=False, reason="Hết thời hiệu"
    )
    assert letter.status == Letter.Status.INELIGIBLE
    guided = actions.guide_letter(
        letter, by=None, guidance="Gửi đơn đến Tòa án nhân dân.", guided_on=date(2026, 10, 20)
    )
    assert (guided.status, guided.guidance_number) == (Letter.Status.GUIDED, 1)


@time_machine.travel(date(2026, 10, 20))
def test_reclassifying_as_a_denunciation_drops_the_sender(world: Any) -> None:
    letter = support.awaiting(world.commune, sender="Lê Văn Gửi, thôn Đông")
    letter = actions.classify_letter(letter, by=None, kind=LetterKind.DENUNCIATION, eligible=True)
    assert letter.sender == ""
    assert "Lê Văn Gửi" not in str(list(AuditEntry.objects.values_list("before", "after")))


@time_machine.travel(date(2026, 10, 20))
def test_a_denunciation_refuses_a_sender(world: Any) -> None:
    with pytest.raises(ValidationError, match="Luật Tố cáo"):
        support.letter(
            world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION, sender="Ai đó"
        )
    assert not Letter.objects.exists()


@time_machine.travel(date(2026, 10, 20))
def test_kept_letters_can_be_reopened_and_answers_close_forwarded_ones(world: Any) -> None:
    kept = actions.keep_letter(support.eligible(world.commune), by=None, reason="Đơn gửi nhiều nơi")
    assert actions.reopen_letter(kept, by=None).status == Letter.Status.AWAITING
    answered = actions.answer_letter(
        support.forwarded(world.commune), by=None, answered_on=date(2026, 10, 19), summary="Đã thụ lý"
    )
    assert answered.status == Letter.Status.ANSWERED


def test_a_letter_from_the_future_is_refused(world: Any) -> None:
    with time_machine.travel(date(2026, 10, 1)), pytest.raises(ValidationError, match="sau hôm nay"):
        support.letter(world.commune, received_on=date(2026, 10, 5))


@time_machine.travel(date(2026, 10, 20))
def test_the_grouping_engine_finds_the_earlier_letter_on_the_same_matter(world: Any) -> None:
    first = support.letter(world.commune, content=support.PETITION, kind=LetterKind.PETITION)
    support.letter(world.commune, content=support.REPORT, kind=LetterKind.REPORT)
    again = support.letter(
        world.commune,
        content="Đề nghị sửa chữa đường liên thôn Đông Tây đã xuống cấp.",
        kind=LetterKind.PETITION,
    )
    assert [letter for letter, _ in similar_letters(again)] == [first]


@time_machine.travel(date(2026, 10, 20))
@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}})
def test_the_worker_finds_a_received_letters_matches_and_its_page_reads_them(
    world: Any, client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    """Finding the matches analyses up to 2,000 earlier letters: the worker does it once, after the
    letter is received, and the page reads what it stored."""
    first = support.letter(world.commune, content=support.PETITION, kind=LetterKind.PETITION)
    with django_capture_on_commit_callbacks(execute=True):
        again = support.letter(
            world.commune,
            content="Đề nghị sửa chữa đường liên thôn Đông Tây đã xuống cấp.",
            kind=LetterKind.PETITION,
        )
    again.refresh_from_db()
    assert again.earlier_matches is not None
    assert [pk for pk, _ in again.earlier_matches] == [first.pk]
    actions.submit_letter(again, by=None)  # awaiting classification: the page offers the matches

    def analysed(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("analysed in the request")

    monkeypatch.setattr(matching, "suggest_links", analysed)
    client.force_login(world.user("commune_staff"))
    page = client.get(again.get_absolute_url())
    assert [letter for letter, _ in page.context["similar"]] == [first]


@time_machine.travel(date(2026, 10, 20))
def test_the_earlier_letter_select_offers_the_newest_and_the_similar_not_the_archive(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "EARLIER_OFFERED", 1)
    oldest, middle, newest = (
        support.letter(world.commune, received_on=date(2026, 10, day)) for day in (1, 2, 5)
    )
    elsewhere = support.letter(world.other_commune)
    letter = support.letter(world.commune, received_on=date(2026, 10, 6))

    field: Any = forms.ClassifyForm(letter=letter, similar=[oldest]).fields["earlier"]
    offered = field.queryset
    assert list(offered) == [newest, oldest]  # newest first; ``middle`` only by its code elsewhere

    def sent(earlier: Letter) -> forms.ClassifyForm:
        data = {"kind": letter.kind, "eligible": "1", "earlier": str(earlier.pk)}
        return forms.ClassifyForm(data, letter=letter)

    back = sent(middle)
    assert back.is_valid()  # the one sent back is offered, whatever its age
    assert back.cleaned_data["earlier"] == middle
    assert not sent(elsewhere).is_valid()  # another council's letter never
    huge = forms.ClassifyForm({"kind": letter.kind, "eligible": "1", "earlier": "9" * 30}, letter=letter)
    assert not huge.is_valid()  # a number past any id: refused, never a database error


def test_reminders_and_escalation_run_once_a_day(world: Any) -> None:
    with time_machine.travel(date(2026, 10, 20)):
        letter = support.forwarded(
            world.commune, on=date(2026, 10, 8), content=support.REPORT, kind=LetterKind.REPORT
        )
    # 10 working days after Thu 08/10 → Thu 22/10; reminded from 3 working days before: Mon 19/10.
    assert letter.response_due == date(2026, 10, 22)
    with time_machine.travel(date(2026, 10, 19)):
        assert actions.remind_letters(date(2026, 10, 19)) == [letter]
        assert actions.remind_letters(date(2026, 10, 19)) == []
    with time_machine.travel(date(2026, 10, 23)):
        assert [x.escalation for x in actions.escalate_letters(date(2026, 10, 23))] == [2]
        assert actions.escalate_letters(date(2026, 10, 23)) == []
    assert audit("remind_letter") == 1
    assert audit("escalate_letter") == 1
