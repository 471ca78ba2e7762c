"""Charts as plain SVG geometry, laid out on the server: the template only draws the shapes (no script, no
CDN; council networks are often closed). Each chart has a fixed viewBox and scales to the page width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 640
LABEL_W = 210  # the names column of a bar chart
BAR_H = 22
GAP = 6
COLUMN_H = 180  # the drawing height of a column chart


def number(value: float) -> str:
    """ "1.234", "66,7" — Vietnamese separators."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    width: float
    text: str
    url: str = ""
    tone: str = "primary"


@dataclass
class BarChart:
    """Horizontal bars, one per item: a name on the left, the bar and its value on the right."""

    title: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    label_w: int = LABEL_W
    width: int = WIDTH
    empty: str = "Chưa có số liệu."

    @property
    def bar_x(self) -> int:
        return self.label_w + 8


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float, str]],
    *,
    suffix: str = "",
    maximum: float | None = None,
    tone: str = "primary",
) -> BarChart:
    """``items`` as (label, value, url); bars scale to ``maximum`` (the largest value by default)."""
    top = maximum if maximum is not None else max((value for _, value, _ in items), default=0)
    room = WIDTH - LABEL_W - 8 - 60
    bars = [
        Bar(
            label=label if len(label) <= 30 else f"{label[:29]}…",
            value=value,
            y=index * (BAR_H + GAP),
            width=round(room * value / top, 1) if top else 0,
            text=f"{number(value)}{suffix}",
            url=url,
            tone=tone,
        )
        for index, (label, value, url) in enumerate(items)
    ]
    return BarChart(title, bars, max(len(bars) * (BAR_H + GAP), BAR_H))


@dataclass(frozen=True)
class Column:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    text: str

    @property
    def cx(self) -> float:
        """The column's centre, where its value and label are written."""
        return round(self.x + self.width / 2, 1)


@dataclass
class ColumnChart:
    """Columns over periods (quý I, quý II …), with a base line and the value above each column."""

    title: str
    columns: list[Column]
    width: int = WIDTH
    height: int = COLUMN_H + 40
    base: int = COLUMN_H


def column_chart(title: str, items: Sequence[tuple[str, int]]) -> ColumnChart:
    top = max((value for _, value in items), default=0) or 1
    slot = WIDTH / max(len(items), 1)
    width = min(slot * 0.6, 90)
    columns = []
    for index, (label, value) in enumerate(items):
        height = (COLUMN_H - 24) * value / top
        x = index * slot + (slot - width) / 2
        columns.append(
            Column(
                label,
                value,
                round(x, 1),
                round(COLUMN_H - height, 1),
                round(width, 1),
                round(height, 1),
                number(value),
            )
        )
    return ColumnChart(title, columns)
