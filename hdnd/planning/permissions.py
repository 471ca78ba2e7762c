"""The planning app's loaders, used by its pages and its API alike: 404 outside the user's scope, 403
inside it without the right (``hdnd.accounts.scope.get_object_for_user``).

A task is seen in the scope of the council that owns it; its progress is reported with MANAGE_PLANNING
there. The council that gave it (the province, for a commune's task) extends or reopens it with
MANAGE_PLANNING in its own council, so ``given_task_for`` checks the giver's scope instead.
"""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest

from hdnd.accounts.scope import get_object_for_user
from hdnd.councils.models import Council

from .models import Target, Task, WorkProgramme


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.select_related("unit"), pk, action, "pk")


def programme_for(request: HttpRequest, pk: int, action: str) -> WorkProgramme:
    queryset = WorkProgramme.objects.select_related("council", "body")
    return get_object_for_user(request.user, queryset, pk, action)


def target_for(request: HttpRequest, pk: int, action: str) -> Target:
    queryset = Target.objects.select_related("programme", "programme__council", "programme__body")
    return get_object_for_user(
        request.user, queryset.annotate(scope_council=F("programme__council_id")), pk, action, "scope_council"
    )


def task_for(request: HttpRequest, pk: int, action: str) -> Task:
    return get_object_for_user(request.user, Task.objects.with_owners(), pk, action)


def given_task_for(request: HttpRequest, pk: int, action: str) -> Task:
    return get_object_for_user(request.user, Task.objects.with_owners(), pk, action, "given_by_id")
