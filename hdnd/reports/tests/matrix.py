"""Permission-matrix rows for the reports pages (see ``tests/matrix.py`` for the format)."""

from tests.matrix import Row

ROWS: list[Row] = []
