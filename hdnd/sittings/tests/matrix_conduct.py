"""Permission-matrix rows for the sittings conduct pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
