"""Permission-matrix rows for the public pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
