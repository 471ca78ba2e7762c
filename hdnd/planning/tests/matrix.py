"""Permission-matrix rows for the planning pages (see ``tests/matrix.py`` for the format)."""

from tests.matrix import Row

ROWS: list[Row] = []
