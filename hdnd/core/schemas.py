"""What every router shares at the API boundary: input that arrives in NFC, and the error shape.

Routers raise what the pages raise: ``Http404`` outside the user's scope, ``PermissionDenied`` without the
right, ``ValidationError`` for a rule an action refuses. ``hdnd/api/main.py`` turns each into the
Vietnamese JSON answer once (404 ``NOT_FOUND``, 403 ``FORBIDDEN``, 422 ``{"detail", "errors"}``), so a
router calls the shared loaders and actions directly.
"""

from typing import Any

from ninja import Schema
from pydantic import field_validator

from hdnd.core.text import nfc

NOT_FOUND = "Không tìm thấy, hoặc bạn không có quyền xem."
FORBIDDEN = "Tài khoản của bạn không được phép thực hiện thao tác này."


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


# The refusals every endpoint may answer, for its ``response={...}``.
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class NfcIn(Schema):
    """Base of every API input: each string field is normalised to NFC and trimmed (like a form field),
    so "Hoà" typed on a Mac (NFD) is stored, searched and compared like "Hoà" typed anywhere else."""

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return nfc(value) if isinstance(value, str) else value
