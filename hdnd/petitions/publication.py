"""Petitions: publication actions, each audited (ACTION_LABELS names them in Vietnamese)."""

from __future__ import annotations

ACTION_LABELS: dict[str, str] = {}
