"""Permission-matrix rows for the briefings pages (see ``tests/matrix.py`` for the format)."""

from tests.matrix import Row

ROWS: list[Row] = []
