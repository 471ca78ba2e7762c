"""A clerk's, a delegate's and an agency responder's day through the main pages, at 1366 and 390 px.

On the `make run` demo (a small fake Hà Nội with every app's demo loaded through the same commands), each
role signs in, opens the start page, follows the links of its work, and, for the clerk, every tab of the
council and the first record of each tab's list. Every page fails the test on what a user would see
broken: a server error, a page wider than a phone, two controls drawn over each other, an input, select or
button without a name (axe-core, vendored in ``tests/browser/vendor``), or a page that took the server
more than 300 ms (the faster of its two loads). With ``HDND_SCREENSHOTS`` naming a folder (``make
test-browser`` sets ``var/screenshots/``), a screenshot of each page at both widths goes there, for a
reviewer to look through; ``make test`` takes none (a third of the tour's time, for no one to see).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from hdnd.accounts.models import RoleAssignment
from hdnd.councils.models import Council
from tests.demo import load_demo_city

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path(os.environ["HDND_SCREENSHOTS"]) if os.environ.get("HDND_SCREENSHOTS") else None
DEMO_PASSWORD = "HdndDemo2026"  # the demo's published password (README)
BUDGET_MS = 300
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
AXE_RULES = ["label", "select-name", "button-name", "input-button-name", "link-name"]

# Interactive controls that are drawn, and whether two of them overlap (neither inside the other).
OVERLAPS = """() => {
  const shown = [...document.querySelectorAll('a, button, input, select, textarea, .form-check-label')]
    .filter(e => e.type !== 'hidden'
                 && e.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}));
  const boxes = shown.map(e => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 2 && r.height > 2);
  const found = [];
  for (let i = 0; i < boxes.length && found.length < 5; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, s] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      if ((a.htmlFor && a.htmlFor === b.id) || (b.htmlFor && b.htmlFor === a.id)) continue;
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (w > 3 && h > 3) found.push(`${a.outerHTML.slice(0, 80)} over ${b.outerHTML.slice(0, 80)}`);
    }
  }
  return found;
}"""
SERVER_MS = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  return n.responseStart - n.requestStart;
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# The column a table is read by (``col-text``: a figure's name, a task) squeezed to a word a line.
SQUEEZED = """() => [...document.querySelectorAll('th.col-text')]
  .filter(th => th.checkVisibility() && th.getBoundingClientRect().width < 160)
  .map(th => `${th.textContent.trim()}: ${Math.round(th.getBoundingClientRect().width)} px`)"""
# A table cell drawn as something else (a ``td`` given ``d-flex``): its row's background and borders stop
# short of it. Read at 1366 px only: on a phone the stacked tables draw their cells as blocks on purpose.
NOT_CELLS = """() => [...document.querySelectorAll('td, th')]
  .filter(c => c.checkVisibility() && getComputedStyle(c).display !== 'table-cell')
  .slice(0, 3).map(c => c.outerHTML.slice(0, 80))"""
# The current tab of a row that scrolls sideways: its left and right edge on the screen (null: no tabs).
CURRENT_TAB = """() => {
  const tab = document.querySelector('.nav-tabs .nav-link.active');
  if (!tab) return null;
  const box = tab.getBoundingClientRect();
  return [box.left, box.right, window.innerWidth];
}"""


@pytest.fixture
def demo(rules: Any) -> Council:
    return load_demo_city()


class Tour:
    """One role's walk: pages visited at both widths, with every problem found kept, not raised at once."""

    def __init__(self, browser: Any, base_url: str, role: str) -> None:
        self.role = role
        self.contexts = {
            width: browser.new_context(
                locale="vi-VN", base_url=base_url, viewport=size, is_mobile=width == "390"
            )
            for width, size in WIDTHS.items()
        }
        self.pages = {width: context.new_page() for width, context in self.contexts.items()}
        self.problems: list[str] = []
        self.seen: list[str] = []
        for page in self.pages.values():
            page.set_default_timeout(30_000)
            page.on("console", self._console)
            self._sign_in(page)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"{self.role}: CSP refusal: {message.text}")

    def _sign_in(self, page: Any) -> None:
        page.goto("/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(self.role)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url("**/lam-viec/")

    def visit(self, path: str) -> bool:
        """Open ``path`` at both widths and check it; False when the role may not open it (403, 404)."""
        if path in self.seen:
            return False
        self.seen.append(path)
        timings = []
        for width, page in self.pages.items():
            response = page.goto(path)
            status = response.status if response else 0
            if status >= 500:
                self.problems.append(f"{self.role} {path}: {status}")
            if status != 200:
                return False
            timings.append(page.evaluate(SERVER_MS))
            self._look(page, path, width)
        if min(timings) > BUDGET_MS:
            self.problems.append(
                f"{self.role} {path}: the server took {min(timings):.0f} ms (budget {BUDGET_MS})"
            )
        return True

    def _look(self, page: Any, path: str, width: str) -> None:
        where = f"{self.role} {path} at {width} px"
        if (overflow := page.evaluate(OVERFLOW)) > 0:
            self.problems.append(f"{where}: the page is {overflow} px wider than the screen")
        if (tab := page.evaluate(CURRENT_TAB)) and (tab[0] < 0 or tab[1] > tab[2]):
            self.problems.append(f"{where}: the current tab is off the screen ({tab[0]:.0f}–{tab[1]:.0f} px)")
        if squeezed := page.evaluate(SQUEEZED):
            self.problems.append(f"{where}: a table's text column is squeezed: {squeezed}")
        if overlaps := page.evaluate(OVERLAPS):
            self.problems.append(f"{where}: controls overlap: {overlaps}")
        if width == "1366" and (cells := page.evaluate(NOT_CELLS)):
            self.problems.append(f"{where}: table cells not drawn as cells: {cells}")
        if width == "1366":
            page.evaluate(AXE.read_text())
            result = page.evaluate("rules => axe.run(document, {runOnly: rules})", AXE_RULES)
            for violation in result["violations"]:
                nodes = [node["html"][:100] for node in violation["nodes"][:3]]
                self.problems.append(f"{where}: {violation['id']}: {nodes}")
        if SHOTS is not None:
            slug = re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()) or "home"
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / f"{self.role}-{slug}-{width}.png", full_page=True)

    def links(self, path: str, selector: str, most: int) -> list[str]:
        """The first ``most`` distinct in-site links under ``selector`` on ``path`` (read at 1366 px)."""
        page = self.pages["1366"]
        if urlsplit(page.url).path != path:
            page.goto(path)
        hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))")
        wanted = [h for h in dict.fromkeys(hrefs) if h and h.startswith("/") and not _download(h)]
        return wanted[:most]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def _download(href: str) -> bool:
    return bool(re.search(r"\.(docx|pdf|xlsx|ics|csv)$|/tai-ve/|/xuat/|docx|pdf", href))


def _walk(tour: Tour, council: Council) -> None:
    tour.visit("/lam-viec/")
    for link in tour.links("/lam-viec/", ".work-item table tbody a", 6):
        tour.visit(link)
    council_page = f"/hdnd/{council.pk}/"
    if tour.visit(council_page):
        for tab in tour.links(council_page, "ul.nav-tabs a", 14):
            if tour.visit(tab):
                for record in tour.links(tab, "main table tbody a", 1):
                    tour.visit(record)
    # A briefing's materials: the province's figures and the tasks, in tables read on a phone too.
    for briefing in [path for path in tour.seen if re.fullmatch(r"/giao-ban/\d+/", path)][:1]:
        for materials in tour.links(briefing, "main a[href$='/tai-lieu/']", 1):
            tour.visit(materials)
    # A reporting period's comparison: every council a row, every figure a column, scrolled on a phone.
    for period in [path for path in tour.seen if re.fullmatch(r"/ky-bao-cao/\d+/", path)][:1]:
        for compare in tour.links(period, "main a[href$='/so-sanh/']", 1):
            tour.visit(compare)


@pytest.mark.parametrize("role", ["office_staff", "delegate", "agency_responder"])
def test_a_day_through_the_main_pages_shows_nothing_broken(
    browser: Any, live_server: Any, demo: Council, role: str
) -> None:
    # Read before the browser's first request: the live server's threads share the connection then.
    agencies = RoleAssignment.objects.filter(user__username=role, agency__isnull=False)
    inboxes = [
        f"/co-quan/{agency_id}/kien-nghi/" for agency_id in agencies.values_list("agency_id", flat=True)
    ]
    tour = Tour(browser, live_server.url, role)
    try:
        _walk(tour, demo)
        for inbox in inboxes:  # a responder's work page
            tour.visit(inbox)
    finally:
        tour.close()
    assert len(tour.seen) >= (20 if role == "office_staff" else 3), tour.seen
    if role == "office_staff":
        assert any(path.endswith("/tai-lieu/") for path in tour.seen), tour.seen
        assert any(path.endswith("/so-sanh/") for path in tour.seen), tour.seen
    if role == "agency_responder":
        assert inboxes
        assert all(inbox in tour.seen for inbox in inboxes), tour.seen
    assert not tour.problems, "\n".join(tour.problems)
