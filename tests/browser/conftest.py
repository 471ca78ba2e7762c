"""Playwright driving Debian's Chromium (browsers cannot be downloaded here).

With HDND_REQUIRE_BROWSER set (as `make test` and CI do), a missing Chromium fails the run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("HDND_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
        pytest.skip("Chromium is not installed; `make test` installs it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the tests' own ORM calls stay sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _watched(context: Any) -> Iterator[Any]:
    """A page whose Content-Security-Policy refusals fail the test: a script or style the policy blocks
    is a feature that silently does nothing for the user."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert not refusals, f"the page broke its Content-Security-Policy: {refusals}"


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    yield from _watched(browser.new_context(locale="vi-VN", base_url=live_server.url))


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    yield from _watched(
        browser.new_context(
            locale="vi-VN", base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
        )
    )
