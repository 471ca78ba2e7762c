"""The API's refusals in Vietnamese: a rule an action refuses, and malformed input, both as 422 with the
messages by field as ``errors`` and all of them as ``detail`` (``main.py`` registers the handlers)."""

from typing import Any

from django.core.exceptions import ValidationError

__all__ = ["input_errors", "rule_errors"]


def rule_errors(error: ValidationError) -> dict[str, list[str]]:
    """A refused rule's messages by field (``__all__`` for a message that names none)."""
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


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
