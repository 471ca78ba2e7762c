"""The public pages' cache (``hdnd.core.publiccache``): served from one cache read, changed at once by a
publication, never shared across councils, users or clients' CSRF tokens."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World
from hdnd.core import audit, publiccache
from hdnd.petitions.tests.test_public_pages import ANSWER, scene
from hdnd.resolutions import actions
from hdnd.resolutions.tests import support

pytestmark = pytest.mark.django_db
FEES = support.FEES


@pytest.fixture(autouse=True)
def _database_cache(settings: Any) -> None:
    """The production cache: a table every process reads (made by migration core 0008)."""
    backend = "hdnd.core.cache.DatabaseCache"
    settings.CACHES = {**settings.CACHES, "public": {"BACKEND": backend, "LOCATION": "hdnd_public_cache"}}


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """``with committed():`` runs what follows the commit, as production does (the versions move then)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def register_of(council_pk: int) -> str:
    return reverse("resolutions:public_register", args=[council_pk])


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_repeated_visit_costs_one_cache_read_whatever_the_rows(
    client: Client, world: World, committed: Any
) -> None:
    url = register_of(world.province.pk)
    client.get(url)  # the versions exist from now on, as on a running site
    with committed():
        support.published(world.province)
    first = queries_of(client, url)  # a publication: the page is built again
    assert queries_of(Client(), url) == 1  # then served: the page and its versions in one get_many
    with committed():
        for _ in range(5):
            support.published(world.province)
    assert queries_of(Client(), url) == first  # built again with as many queries, whatever the rows
    assert queries_of(Client(), url) == 1


def test_sign_ins_and_account_changes_leave_the_kept_pages_and_counts(
    client: Client, world: World, committed: Any
) -> None:
    """A country's staff sign in all day: an entry about an account (sign-in, password, role) is no change
    to any council's public page or kept count, so they stay served from the cache."""
    from hdnd.accounts import actions as accounts
    from hdnd.accounts.models import Role
    from hdnd.accounts.sign_ins import record_sign_in

    url = register_of(world.province.pk)
    client.get(url)
    publiccache.count_now("figures:test", publiccache.council_scopes(world.province.pk), lambda: 7)
    with committed():
        record_sign_in(RequestFactory().get("/"), world.user("office_staff"), second_factor=False)
        accounts.grant_role(world.user("no_role"), Role.AUDITOR, world.commune, by=None)
    assert queries_of(Client(), url) == 1
    kept = publiccache.counted("figures:test", publiccache.council_scopes(world.province.pk), lambda: None)
    assert kept is not None
    assert (kept.value, kept.current) == (7, True)
    with committed():
        support.published(world.province)  # a council's change still moves them
    assert queries_of(Client(), url) > 1


def test_a_publication_shows_at_once(client: Client, world: World, committed: Any) -> None:
    url = register_of(world.province.pk)
    adopted = support.adopted(world.province, title=FEES)
    assert FEES not in client.get(url).content.decode()  # adopted, not published: cached without it
    with committed():
        actions.publish_resolution(adopted, by=None, published_on=date(2026, 12, 12))
    assert FEES in Client().get(url).content.decode()


def test_a_commune_publication_reaches_the_whole_province_register(
    client: Client, world: World, committed: Any
) -> None:
    url = reverse("resolutions:public_province", args=[world.province.pk])
    assert FEES not in client.get(url).content.decode()
    with committed():
        support.published(world.commune, title=FEES)  # the entry's council is the commune: its province too
    assert FEES in Client().get(url).content.decode()


def test_no_version_moves_inside_the_transaction_on_the_database_cache(world: World, committed: Any) -> None:
    """Inside the action's transaction the versions stay (no action waits on another's version row);
    after the commit they move, so a page another process built from the old rows is not served."""
    url = register_of(world.province.pk)
    Client().get(url)
    key = publiccache._version_key(f"council:{world.province.pk}")
    before = caches[publiccache.CACHE].get(key)
    with committed():
        support.published(world.province, title=FEES)
        assert caches[publiccache.CACHE].get(key) == before
    assert caches[publiccache.CACHE].get(key) != before
    assert FEES in Client().get(url).content.decode()


def test_a_council_page_is_never_served_for_another_council(client: Client, world: World) -> None:
    support.published(world.province, title=FEES)
    assert FEES in client.get(register_of(world.province.pk)).content.decode()
    other = Client().get(register_of(world.other_province.pk)).content.decode()
    assert FEES not in other
    assert world.other_province.name in other
    assert world.province.name not in other


def test_signed_in_pages_are_neither_served_from_nor_stored_in_cache(client: Client, world: World) -> None:
    url = register_of(world.province.pk)
    anonymous = client.get(url).content.decode()
    staff = Client()
    staff.force_login(world.user("office_staff"))
    page = staff.get(url).content.decode()
    assert page != anonymous
    assert "Office_Staff" in page  # rendered for them, with their menu
    assert "Office_Staff" not in Client().get(url).content.decode()


def test_each_visitor_gets_their_own_csrf_token_and_can_switch_language(world: World) -> None:
    url = register_of(world.province.pk)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(url)
    page = second.get(url).content.decode()
    assert publiccache.CSRF_PLACEHOLDER not in page
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token != first.cookies["csrftoken"].value
    switched = second.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_searches_are_not_cached_but_pages_of_the_list_are(client: Client, world: World) -> None:
    url = register_of(world.province.pk)
    client.get(url, {"q": "ngân sách"})
    assert queries_of(Client(), url + "?q=ng%C3%A2n+s%C3%A1ch") > 1
    client.get(url, {"page": "1"})
    assert queries_of(Client(), url + "?page=1") == 1


def test_a_lost_version_never_makes_an_old_page_valid_again(client: Client, world: World) -> None:
    url = register_of(world.province.pk)
    client.get(url)
    caches[publiccache.CACHE].delete(publiccache._version_key(publiccache.GLOBAL))  # culled, say
    assert queries_of(Client(), url) > 1  # built again under a new version


def test_published_answers_show_at_once_and_go_at_once(client: Client, world: World, committed: Any) -> None:
    at = scene(world)
    urls = [
        reverse("petitions:public_cycle", args=[at.road.cycle_id]),
        reverse("petitions:public_council", args=[world.province.pk]),
        reverse("petitions:public_index"),
    ]
    assert all(at.road.title not in client.get(url).content.decode() for url in urls)
    staff = Client()
    staff.force_login(world.user("office_staff"))
    with committed():
        staff.post(reverse("petitions:public_issue_publish", args=[at.road.pk]))
    cycle_page = Client().get(urls[0]).content.decode()
    assert ANSWER in cycle_page
    assert world.province.name in Client().get(urls[2]).content.decode()  # the index lists it now
    with committed():
        staff.post(reverse("petitions:public_issue_unpublish", args=[at.road.pk]))
    assert ANSWER not in Client().get(urls[0]).content.decode()


def test_an_error_page_carries_a_real_token(client: Client) -> None:
    response = client.get(register_of(999999))
    assert response.status_code == 404
    assert publiccache.CSRF_PLACEHOLDER not in response.content.decode()


def test_a_transaction_of_many_entries_moves_the_versions_once(
    world: World, committed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bumps: list[list[str]] = []
    real = publiccache.bump

    def counted(scopes: list[str]) -> None:
        bumps.append(list(scopes))
        real(scopes)

    monkeypatch.setattr(publiccache, "bump", counted)
    with committed(), transaction.atomic():
        for _ in range(3):
            support.published(world.commune)  # draft, adopt, publish: nine entries
    assert len(bumps) == 1
    assert {f"council:{world.commune.pk}", f"council:{world.province.pk}", "all"} <= set(bumps[0])


def test_a_value_never_counted_is_asked_for_not_counted_in_the_request() -> None:
    """``counted`` never counts while the page waits: ``None`` and one request to the worker, however
    often the page asks meanwhile; the worker's count is served from then on."""
    scopes = publiccache.council_scopes(9)
    asked: list[str] = []
    counts = iter(["first", "second"])
    assert publiccache.counted("t", scopes, lambda: asked.append("t")) is None
    assert publiccache.counted("t", scopes, lambda: asked.append("t")) is None
    assert asked == ["t"]  # once while the task is awaited
    publiccache.count_now("t", scopes, lambda: next(counts))
    served = publiccache.counted("t", scopes, lambda: asked.append("t"))
    assert served is not None
    assert (served.value, served.current) == ("first", True)
    assert served.counted_at <= timezone.now()


def test_a_value_changed_while_it_was_counted_is_counted_again() -> None:
    """A change during the background count leaves the count not current (its versions are read before
    counting), so the next view asks for one more; the marker lets it ask."""
    scopes = publiccache.council_scopes(7)
    counts = iter(range(1, 10))
    asked: list[int] = []

    def count() -> int:
        return next(counts)

    def bumped_meanwhile() -> int:
        publiccache.bump(scopes)
        return next(counts)

    def served() -> publiccache.Counted[int]:
        found = publiccache.counted("k", scopes, lambda: asked.append(1))
        assert found is not None
        return found

    publiccache.count_now("k", scopes, count)
    assert (served().value, served().current, asked) == (1, True, [])
    publiccache.bump(scopes)
    assert (served().value, served().current, asked) == (1, False, [1])
    assert asked == [1]  # asked once while the first recount is awaited
    publiccache.count_now("k", scopes, bumped_meanwhile)
    assert (served().value, served().current, asked) == (2, False, [1, 1])
    publiccache.count_now("k", scopes, count)
    assert (served().value, served().current) == (3, True)


def test_a_value_counted_for_another_day_is_served_while_counted_for_today() -> None:
    scopes = publiccache.council_scopes(8)
    asked: list[str] = []
    publiccache.count_now("d", scopes, lambda: "6/12", stamp="2026-12-06")
    served = publiccache.counted("d", scopes, lambda: asked.append("7/12"), stamp="2026-12-07")
    assert served is not None
    assert (served.value, served.current, asked) == ("6/12", False, ["7/12"])
    assert publiccache.kept("d", scopes, lambda: "7/12", stamp="2026-12-07") == "7/12"  # the documents wait


def test_the_versions_only_one_users_values_read_expire_and_the_councils_stay(
    world: World, committed: Any
) -> None:
    """One version a user and one a council's own entries, kept for good, would fill the table past
    MAX_ENTRIES, and every write would then cull the cached pages: they live as long as the values
    kept for one user that read them."""
    office = world.user("office_staff")
    with committed():
        audit.record(action="sittings.close_session", actor=office, council=world.commune)
    versions = {
        "user": publiccache.user_scope(office.pk),
        "entries": publiccache.entries_scope(world.commune.pk),
        "council": publiccache.council_scope(world.commune.pk),
        "province": publiccache.council_scope(world.province.pk),
    }
    cache = caches["public"]
    assert all(cache.get(f"v:{scope}") for scope in versions.values())
    with time_machine.travel(timezone.now() + timedelta(seconds=publiccache.TTL + 1)):
        kept = {name for name, scope in versions.items() if cache.get(f"v:{scope}")}
    assert kept == {"council", "province"}
