"""Permission-matrix rows for the resolutions pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
