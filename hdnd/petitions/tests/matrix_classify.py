"""Permission-matrix rows for the classify pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
