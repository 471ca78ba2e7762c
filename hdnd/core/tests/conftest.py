"""Fixtures of the core tests (the shared ones, `rules` and the audit clean-up, live in the root conftest)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
