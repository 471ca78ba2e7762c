"""A mixed workload on the Hà Nội demo, for the load test (``test_load.py``) or by hand against `make serve`:

    HDND_LOAD_DEMO=1 SECRET_KEY=… HDND_AUDIT_KEY=… ALLOWED_HOSTS=127.0.0.1 HTTPS=off make serve &
    .venv/bin/locust -f tests/battery/locustfile.py --host http://127.0.0.1:8000 --headless -u 50 -r 10 -t 3m

Three kinds of visitor, weighted as a council's site sees them: citizens reading the public pages and
looking up codes (no sign-in), office staff signed in with a password who read lists, search and the
dashboard and now and then draft a resolution over the API, and delegates reading. Requests are named by
page, not by URL, so the figures group by page. ``LOAD_COUNCIL`` is the Hà Nội council's id (1 in the demo).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import defaultdict
from typing import Any

from locust import HttpUser, between, events, task

COUNCIL = int(os.environ.get("LOAD_COUNCIL", "1"))
PASSWORD = "HdndDemo2026"
REPORT = os.environ.get("LOAD_REPORT", "")
QUERIES = ("nghi quyet ngan sach", "duong", "truong hoc", "moi truong", "dat dai", "y te")


class Citizen(HttpUser):
    """Public pages only, as a voter or a journalist reads them."""

    weight = 3
    wait_time = between(1, 3)

    @task(4)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(3)
    def resolutions_register(self) -> None:
        self.client.get(f"/cong-khai/hdnd/{COUNCIL}/nghi-quyet/", name="public: resolutions register")

    @task(2)
    def resolutions_search(self) -> None:
        query = random.choice(QUERIES)
        self.client.get(f"/cong-khai/hdnd/{COUNCIL}/nghi-quyet/?q={query}", name="public: register search")

    @task(3)
    def answers(self) -> None:
        self.client.get("/cong-khai/kien-nghi/", name="public: petition answers")
        self.client.get(f"/cong-khai/kien-nghi/hdnd/{COUNCIL}/", name="public: a council's answers")

    @task(1)
    def reception(self) -> None:
        self.client.get(f"/cong-khai/tiep-cong-dan/hdnd/{COUNCIL}/", name="public: reception schedule")

    @task(1)
    def public_api(self) -> None:
        self.client.get(f"/api/v1/public/councils/{COUNCIL}/resolutions", name="api: public resolutions")


class SignedIn(HttpUser):
    abstract = True
    username = ""

    def on_start(self) -> None:
        self.client.get("/tai-khoan/dang-nhap/", name="sign-in page")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/tai-khoan/dang-nhap/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/tai-khoan/dang-nhap/"},
            name="sign in (POST)",
            catch_response=True,
        ) as response:
            if "/dang-nhap/" in response.url:  # still on the sign-in page: refused
                response.failure(f"{self.username} was not signed in")

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/lam-viec/", name="staff: dashboard")

    @task(3)
    def resolutions(self) -> None:
        self.client.get(f"/hdnd/{COUNCIL}/nghi-quyet/", name="staff: resolutions list")

    @task(2)
    def petitions(self) -> None:
        self.client.get(f"/hdnd/{COUNCIL}/kien-nghi/", name="staff: voter-contact cycles")

    @task(2)
    def search(self) -> None:
        query = random.choice(QUERIES)
        self.client.get(f"/hdnd/{COUNCIL}/kien-nghi/tim-kiem/?q={query}", name="staff: petition search")

    @task(1)
    def council(self) -> None:
        self.client.get(f"/hdnd/{COUNCIL}/", name="staff: council page")

    @task(1)
    def api_list(self) -> None:
        self.client.get(f"/api/v1/councils/{COUNCIL}/resolutions", name="api: resolutions")


class OfficeStaff(SignedIn):
    weight = 2
    wait_time = between(2, 5)
    username = "office_staff"

    @task(1)
    def draft_resolution(self) -> None:
        self.client.post(
            f"/api/v1/councils/{COUNCIL}/resolutions",
            json={"title": f"Nghị quyết thử tải {random.randrange(10**6)} về chương trình đầu tư công"},
            headers={"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host or ""},
            name="api: draft a resolution (POST)",
        )


class Delegate(SignedIn):
    weight = 1
    wait_time = between(2, 5)
    username = "delegate"


# The figures the load test asserts: every GET is a read; all requests must succeed. -----------------
_times: dict[str, list[float]] = {"reads": [], "writes": []}
_by_page: dict[str, list[float]] = defaultdict(list)
_failures: list[str] = []
_clock = {"start": time.monotonic()}


@events.test_start.add_listener
def _start(**kwargs: Any) -> None:
    _clock["start"] = time.monotonic()


@events.request.add_listener
def _count(request_type: str, name: str, response_time: float, exception: Any, **kwargs: Any) -> None:
    kind = "reads" if request_type in ("GET", "HEAD") else "writes"
    _times[kind].append(response_time)
    if kind == "reads":
        _by_page[name].append(response_time)
    response = kwargs.get("response")
    status = getattr(response, "status_code", 0)
    if exception is not None or not 200 <= status < 400:
        _failures.append(f"{request_type} {name}: {status} {exception or ''}"[:300])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


@events.quitting.add_listener
def _write_report(**kwargs: Any) -> None:
    if not REPORT:
        return
    reads, writes = _times["reads"], _times["writes"]
    pages = sorted(((name, _percentile(v, 0.95)) for name, v in _by_page.items()), key=lambda p: -p[1])
    report = {
        "requests": len(reads) + len(writes),
        "rps": (len(reads) + len(writes)) / (time.monotonic() - _clock["start"]),
        "failures": len(_failures),
        "failure_samples": _failures[:10],
        "reads_p50_ms": _percentile(reads, 0.50),
        "reads_p95_ms": _percentile(reads, 0.95),
        "reads_p99_ms": _percentile(reads, 0.99),
        "writes_p95_ms": _percentile(writes, 0.95),
        "slowest_reads_p95_ms": pages,
    }
    with open(REPORT, "w", encoding="utf-8") as out:
        json.dump(report, out, ensure_ascii=False, indent=1)
