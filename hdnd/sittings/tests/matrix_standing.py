"""Permission-matrix rows for the sittings standing pages and API endpoints."""

from tests.matrix import Row

ROWS: list[Row] = []
