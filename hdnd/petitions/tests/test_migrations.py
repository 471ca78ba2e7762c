"""The data migrations of petitions, each on an empty database of its own (``tests/migrations.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests import migrations

pytestmark = pytest.mark.migrations  # a database of its own, on each engine
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_migration_dates_each_forwarding_by_its_first_answer_on_the_local_day(
    django_db_blocker: Any,
) -> None:
    """0014: an answered forwarding's ``answered_on`` is the Hà Nội day of its first answer, whatever
    order the answers were stored in; a forwarding without an answer keeps none."""
    with django_db_blocker.unblock(), migrations.empty_database():
        old = migrations.migrate(("petitions", "0013_issue_grouping_reasons"))
        province = migrations.province(old)
        user = migrations.model(old, "accounts.User").objects.create(username="vp", full_name="Văn phòng")
        agency = migrations.model(old, "councils.Agency").objects.create(
            council=province, name="Sở Xây dựng", name_key="so xay dung", kind="department"
        )
        cycle = migrations.model(old, "petitions.Cycle").objects.create(
            council=province, name="Trước kỳ họp thứ 5", year=2026
        )
        Issue = migrations.model(old, "petitions.PetitionIssue")
        Forwarding = migrations.model(old, "petitions.Forwarding")
        Answer = migrations.model(old, "petitions.Answer")
        sent = dt.date(2026, 5, 4)

        def forwarding(title: str, answered: tuple[dt.datetime, ...]) -> Any:
            issue = Issue.objects.create(council=province, cycle=cycle, title=title)
            made = Forwarding.objects.create(
                council=province,
                issue=issue,
                agency=agency,
                sent_on=sent,
                due_on=sent + dt.timedelta(days=30),
            )
            for moment in answered:
                answer = Answer.objects.create(
                    forwarding=made, text="Trả lời", outcome="da_giai_quyet", answered_by=user
                )
                Answer.objects.filter(pk=answer.pk).update(answered_at=moment)
            return made.pk

        # 00:30 in Hà Nội on 20 May is 19 May in UTC; the later answer was stored first.
        twice = forwarding(
            "Sửa đường",
            (dt.datetime(2026, 6, 30, 9, tzinfo=HANOI), dt.datetime(2026, 5, 20, 0, 30, tzinfo=HANOI)),
        )
        open_ = forwarding("Nước sạch", ())
        new = migrations.migrate(("petitions", "0014_forwarding_answered_on"))
        days = dict(migrations.model(new, "petitions.Forwarding").objects.values_list("pk", "answered_on"))
        assert days == {twice: dt.date(2026, 5, 20), open_: None}
