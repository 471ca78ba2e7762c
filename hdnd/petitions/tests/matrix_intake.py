"""Permission-matrix rows for the intake pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
