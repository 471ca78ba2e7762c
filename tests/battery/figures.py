"""Each battery check appends one row (check, cases, result, seconds) to $BATTERY_FIGURES, a JSON-lines file
that ``scripts/battery`` renders into ``docs/reliability.md``."""

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Figure:
    check: str
    cases: int = 0
    result: str = ""
    notes: list[str] = field(default_factory=list)


@contextmanager
def measured(check: str) -> Iterator[Figure]:
    """Time the block and write its row, also when an assertion inside fails (the row then says so)."""
    figure = Figure(check)
    started = time.monotonic()
    failed = True
    try:
        yield figure
        failed = False
    finally:
        seconds = time.monotonic() - started
        result = figure.result or "ok"
        if failed:
            result = f"FAILED: {figure.result}" if figure.result else "FAILED"
        path = os.environ.get("BATTERY_FIGURES")
        if path:
            row = {"check": check, "cases": figure.cases, "result": result, "seconds": round(seconds, 1)}
            with open(path, "a", encoding="utf-8") as out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
