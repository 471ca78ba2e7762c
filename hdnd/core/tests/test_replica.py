"""The read replica's router (docs/deploy.md): only anonymous GETs of public paths read from the replica;
signed-in requests, writes and the tables shared across processes stay on the primary."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from conftest import World
from hdnd.core.replica import ReplicaMiddleware, ReplicaRouter
from hdnd.resolutions.models import Resolution

pytestmark = pytest.mark.django_db


def _reads_during(request: HttpRequest, model: type) -> Any:
    seen = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["read"], seen["write"] = ReplicaRouter().db_for_read(model), ReplicaRouter().db_for_write(model)
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    return seen["read"], seen["write"]


def _request(method: str, path: str, user: Any) -> HttpRequest:
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    return request


def test_an_anonymous_read_of_a_public_page_goes_to_the_replica() -> None:
    request = _request("get", "/cong-khai/hdnd/1/nghi-quyet/", AnonymousUser())
    assert _reads_during(request, Resolution) == ("replica", None)
    assert _reads_during(request, Session) == (None, None)  # sessions stay on the primary


def test_staff_writes_and_other_paths_stay_on_the_primary(world: World) -> None:
    assert _reads_during(
        _request("get", "/cong-khai/kien-nghi/", world.user("office_staff")), Resolution
    ) == (
        None,
        None,
    )
    assert _reads_during(_request("post", "/cong-khai/kien-nghi/", AnonymousUser()), Resolution) == (
        None,
        None,
    )
    assert _reads_during(_request("get", "/hdnd/1/nghi-quyet/", AnonymousUser()), Resolution) == (None, None)
    assert ReplicaRouter().db_for_read(Resolution) is None  # outside a request
    assert not ReplicaRouter().allow_migrate("replica", "resolutions")
