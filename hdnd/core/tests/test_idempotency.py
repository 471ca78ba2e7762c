"""A repeated submission returns the first result instead of doing the work twice (issue 9, item 6)."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from hdnd.core.idempotency import forget_old
from hdnd.core.models import AuditEntry, Submission
from hdnd.councils.models import Body, Person

pytestmark = pytest.mark.django_db
TOKEN = "3f0b8a4e-9d1c-4c6e-8f7a-2b5d1e0c9a77"


def _staff(client: Client, world: World) -> Client:
    client.force_login(world.user("office_staff"))
    return client


def test_a_form_sent_twice_with_its_token_creates_one_person_and_the_same_redirect(
    client: Client, world: World
) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    data = {"full_name": "Phạm Thị E", "gender": "F", "_submission": TOKEN}
    first = _staff(client, world).post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert second["Idempotent-Replay"] == "true"
    assert Person.objects.filter(full_name="Phạm Thị E").count() == 1
    assert AuditEntry.objects.filter(action="councils.create_person").count() == 1


def test_two_forms_with_different_tokens_are_two_submissions(client: Client, world: World) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    _staff(client, world).post(url, {"full_name": "Võ Văn G", "gender": "M", "_submission": TOKEN})
    client.post(url, {"full_name": "Võ Văn G", "gender": "M", "_submission": TOKEN[::-1]})
    assert Person.objects.filter(full_name="Võ Văn G").count() == 2


def test_a_refused_form_is_not_remembered_so_the_corrected_one_goes_through(
    client: Client, world: World
) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    refused = _staff(client, world).post(url, {"full_name": "", "_submission": TOKEN})
    assert refused.status_code == 422
    assert not Submission.objects.exists()
    done = client.post(url, {"full_name": "Đỗ Văn H", "gender": "M", "_submission": TOKEN})
    assert done.status_code == 302
    assert Person.objects.filter(full_name="Đỗ Văn H").count() == 1


def _create_body(client: Client, world: World, key: str, name: str) -> Any:
    return client.post(
        f"/api/v1/councils/{world.province.pk}/bodies/",
        data=json.dumps({"name": name, "kind": "ban_kinh_te_ngan_sach"}),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_an_api_write_repeated_with_its_key_answers_the_same_without_a_second_record(
    client: Client, world: World
) -> None:
    client.force_login(world.user("council_admin"))
    first = _create_body(client, world, TOKEN, "Ban Kinh tế – Ngân sách")
    second = _create_body(client, world, TOKEN, "Ban Kinh tế – Ngân sách")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert Body.objects.filter(council=world.province, name="Ban Kinh tế – Ngân sách").count() == 1


def test_the_same_key_with_other_content_is_refused(client: Client, world: World) -> None:
    client.force_login(world.user("council_admin"))
    _create_body(client, world, TOKEN, "Ban Kinh tế – Ngân sách")
    reused = _create_body(client, world, TOKEN, "Ban khác")
    assert reused.status_code == 422
    assert (
        reused.json()["detail"]
        == "Mã Idempotency-Key này đã dùng cho một yêu cầu khác nội dung; hãy dùng mã mới."
    )


def test_a_key_too_short_to_be_unique_is_refused(client: Client, world: World) -> None:
    client.force_login(world.user("council_admin"))
    response = _create_body(client, world, "abc", "Ban Kinh tế – Ngân sách")
    assert response.status_code == 400
    assert response.json()["detail"] == "Mã Idempotency-Key phải dài từ 8 đến 200 ký tự."


def test_one_users_key_is_not_another_users(client: Client, world: World) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    _staff(client, world).post(url, {"full_name": "Bùi Văn K", "gender": "M", "_submission": TOKEN})
    other = Client()
    other.force_login(world.user("council_admin"))
    response = other.post(url, {"full_name": "Bùi Văn K", "gender": "M", "_submission": TOKEN})
    assert "Idempotent-Replay" not in response
    assert Person.objects.filter(full_name="Bùi Văn K").count() == 2


def test_remembered_submissions_are_forgotten_after_a_day(client: Client, world: World) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    _staff(client, world).post(url, {"full_name": "Lý Văn M", "gender": "M", "_submission": TOKEN})
    assert forget_old(timezone.now() + timedelta(hours=23)) == 0
    assert forget_old(timezone.now() + timedelta(hours=25)) == 1


def _fail_once(monkeypatch: pytest.MonkeyPatch, error: BaseException, *, write_first: bool = False) -> None:
    """The next body creation fails (after writing a body outside any action's transaction, if asked)."""
    from hdnd.councils import actions

    real = actions.create_body
    calls: list[int] = []

    def flaky(council: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            if write_first:
                Body.objects.create(council=council, kind=kwargs["kind"], name="Ghi dở dang")
            raise error
        return real(council, **kwargs)

    monkeypatch.setattr(actions, "create_body", flaky)


def test_a_request_that_died_half_way_leaves_its_key_to_the_repeat(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from hdnd.core import idempotency

    _fail_once(monkeypatch, OperationalError("server closed the connection unexpectedly"))
    # The database is gone: the failed request cannot even let go of its claim.
    monkeypatch.setattr(idempotency, "_let_go", lambda key: None)
    client = Client(raise_request_exception=False)  # the server answers 500, as in production
    client.force_login(world.user("council_admin"))
    died = _create_body(client, world, TOKEN, "Ban Văn hóa – Xã hội")
    assert died.status_code == 500
    assert Submission.objects.get().state == Submission.State.RUNNING
    repeat = _create_body(client, world, TOKEN, "Ban Văn hóa – Xã hội")
    assert repeat.status_code == 201
    assert Body.objects.filter(council=world.province, name="Ban Văn hóa – Xã hội").count() == 1
    again = _create_body(client, world, TOKEN, "Ban Văn hóa – Xã hội")
    assert (again.status_code, again["Idempotent-Replay"], again.json()) == (201, "true", repeat.json())
    assert Submission.objects.get().state == Submission.State.DONE


def test_a_server_error_rolls_back_what_the_request_wrote_and_frees_the_key(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_once(monkeypatch, RuntimeError("lỗi giữa chừng"), write_first=True)
    client = Client(raise_request_exception=False)  # the server answers 500, as in production
    client.force_login(world.user("council_admin"))
    failed = _create_body(client, world, TOKEN, "Ban Pháp chế")
    assert failed.status_code == 500
    assert not Body.objects.filter(name="Ghi dở dang").exists()
    assert not Submission.objects.exists()
    assert _create_body(client, world, TOKEN, "Ban Pháp chế").status_code == 201
