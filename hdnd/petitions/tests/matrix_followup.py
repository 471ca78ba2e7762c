"""Permission-matrix rows for the followup pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
