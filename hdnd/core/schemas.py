"""What every router shares at the API boundary: input that arrives in NFC, and the error shape.

Routers raise what the pages raise: ``Http404`` outside the user's scope, ``PermissionDenied`` without the
right, ``ValidationError`` for a rule an action refuses. ``hdnd/api/main.py`` turns each into the
Vietnamese JSON answer once (404 ``NOT_FOUND``, 403 ``FORBIDDEN``, 422 ``{"detail", "errors"}``), so a
router calls the shared loaders and actions directly.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Schema
from pydantic import field_validator

from hdnd.core.limits import check_date, check_integer
from hdnd.core.text import CONTROL_MESSAGE, has_control_characters, nfc

NOT_FOUND = "Không tìm thấy, hoặc bạn không có quyền xem."
FORBIDDEN = "Tài khoản của bạn không được phép thực hiện thao tác này."


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


# The refusals every endpoint may answer, for its ``response={...}``.
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class NfcIn(Schema):
    """Base of every API input, holding it to the same limits as the forms (``hdnd.core.limits``).

    Each string is normalised like a form field (NFC, invisible characters dropped, trimmed), so "Hoà"
    typed on a Mac (NFD) is stored, searched and compared like "Hoà" typed anywhere else; a string with
    control characters, an integer beyond the database's range and a date outside the years a council's
    record can carry are refused with a Vietnamese message naming the field."""

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        if isinstance(value, str):
            if has_control_characters(value):
                raise ValueError(CONTROL_MESSAGE)
            return nfc(value)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _within_limits(cls, value: Any) -> Any:
        try:
            for item in value if isinstance(value, list | tuple | set) else (value,):
                if isinstance(item, int) and not isinstance(item, bool):
                    check_integer(item)
                elif isinstance(item, dt.date):
                    check_date(item)
        except ValidationError as refused:
            raise ValueError(refused.messages[0]) from None  # pydantic names the field
        return value
