"""Permission-matrix rows for the sittings documents (.docx and PDF)."""

from tests.matrix import Row

ROWS: list[Row] = []
