"""The battery runs only when asked for (``-m battery``, as ``scripts/battery`` does): a plain ``pytest`` or
``pytest tests`` leaves its tests out, being minutes long."""

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "battery" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("battery") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
