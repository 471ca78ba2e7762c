"""Permission-matrix rows for the reports pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
