"""Permission-matrix rows for the resolutions documents (.docx and PDF)."""

from tests.matrix import Row

ROWS: list[Row] = []
