"""API answers every router shares: 404 outside the user's scope, 403 without the right, 422 for a
rule an action refuses (the Vietnamese message as ``detail``, the messages by field as ``errors``)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Status
from ninja.errors import HttpError

from hdnd.accounts.scope import get_object_for_user
from hdnd.core.schemas import FORBIDDEN, NOT_FOUND, ErrorOut

__all__ = [
    "FORBIDDEN",
    "NOT_FOUND",
    "ErrorOut",
    "get_or_error",
    "input_errors",
    "refused",
    "rule_errors",
    "run",
]


def rule_errors(error: ValidationError) -> dict[str, list[str]]:
    """A refused rule's messages by field (``__all__`` for a message that names none)."""
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def get_or_error[M: Model](
    request: HttpRequest, queryset: QuerySet[M], pk: int, action: str, field: str = "council_id"
) -> M:
    """``get_object_for_user`` with API answers: 404 outside scope, 403 without the right."""
    try:
        return get_object_for_user(request.user, queryset, pk, action, field)
    except Http404:
        raise HttpError(404, NOT_FOUND) from None
    except PermissionDenied:
        raise HttpError(403, FORBIDDEN) from None


def refused(errors: dict[str, list[str]]) -> Status[Any]:
    """422 with the messages by field, and all of them joined as ``detail``."""
    detail = " ".join(message for messages in errors.values() for message in messages)
    return Status(422, {"detail": detail, "errors": errors})


def run(action: Callable[[], Any], status: int = 201) -> Status[Any]:
    """Run an action: ``status`` with what it returns, or 422 with the messages of the rule it broke."""
    try:
        return Status(status, action())
    except ValidationError as error:
        return refused(rule_errors(error))


# Pydantic's error types, as a Vietnamese sentence (the fallback names the problem generally).
_INPUT_MESSAGES = {
    "missing": "Thiếu thông tin này.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_long": "Quá dài: tối đa {max_length} ký tự.",
    "string_too_short": "Quá ngắn: ít nhất {min_length} ký tự.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "bool_parsing": "Phải là true hoặc false.",
    "date_from_datetime_parsing": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    "date_parsing": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    "date_type": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "enum": "Giá trị không nằm trong danh sách cho phép: {expected}.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép: {expected}.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
    "model_attributes_type": "Nội dung gửi lên phải là một đối tượng JSON.",
}


def input_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Schema validation errors by field, in Vietnamese."""
    by_field: dict[str, list[str]] = {}
    for error in errors:
        place: list[str] = []
        for part in error.get("loc", ()):
            # A multipart file arrives as ("file", "file"): name the field once.
            if part not in ("body", "query", "path", "payload") and (not place or place[-1] != str(part)):
                place.append(str(part))
        if error.get("type") == "value_error":  # our own validators (core.schemas) speak Vietnamese
            by_field.setdefault(".".join(place) or "__all__", []).append(str(error["ctx"]["error"]))
            continue
        template = _INPUT_MESSAGES.get(error.get("type", ""), "Giá trị không hợp lệ.")
        try:
            message = template.format(**error.get("ctx", {}))
        except (KeyError, IndexError):
            message = "Giá trị không hợp lệ."
        by_field.setdefault(".".join(place) or "__all__", []).append(message)
    return by_field
