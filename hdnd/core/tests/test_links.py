"""``detail_url`` gives what ``reverse`` gives, under a script prefix too."""

from __future__ import annotations

import pytest
from django.urls import reverse, set_script_prefix

from hdnd.core.links import detail_url

NAMES = [
    "planning:task_detail",
    "petitions:issue_detail",
    "briefings:briefing_detail",
    "councils:unit_detail",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 42, 987654321, 10**12])
def test_detail_url_is_reverse(name: str, pk: int) -> None:
    assert detail_url(name, pk) == reverse(name, args=[pk])


def test_detail_url_follows_the_script_prefix() -> None:
    """Served under a sub-path (``SCRIPT_NAME``), the links carry it, as ``reverse``'s do."""
    try:
        set_script_prefix("/hdnd-tinh/")
        assert detail_url("planning:task_detail", 7) == reverse("planning:task_detail", args=[7])
        assert detail_url("planning:task_detail", 7).startswith("/hdnd-tinh/")
    finally:
        set_script_prefix("/")
    assert not detail_url("planning:task_detail", 7).startswith("/hdnd-tinh/")
