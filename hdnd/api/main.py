"""The JSON API at /api/v1/: one NinjaAPI, one router per app, the same actions as the pages."""

from importlib import import_module
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as RefusedByRule
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from hdnd.core.schemas import FORBIDDEN, NOT_FOUND

from .auth import session_or_token
from .docs import docs_access
from .errors import input_errors, rule_errors


class PlatformAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document is built once per path prefix: the routes are fixed at start-up,
    and building the document walks every schema of every endpoint (seconds, on each request otherwise)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache: dict[str, Any] = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cache:
            cache[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return cache[path_prefix]


api = PlatformAPI(
    title="HĐND API",
    version="1",
    description="API của nền tảng HĐND. Xác thực bằng mã truy cập: `Authorization: Bearer <mã>`.",
    urls_namespace="api",
    auth=session_or_token,
    docs_decorator=docs_access,
)
# Each app lists its routers as ``ROUTERS`` in its ``api`` module (or package): a new app adds itself here.
API_APPS = (
    "councils",
    "accounts",
    "petitions",
    "sittings",
    "resolutions",
    "oversight",
    "reception",
    "planning",
    "reports",
    "briefings",
)
for app in API_APPS:
    for router in import_module(f"hdnd.{app}.api").ROUTERS:
        api.add_router("/", router)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Malformed input answers 422 in the same shape, and language, as a rule an action refuses."""
    errors = input_errors(list(exc.errors))
    detail = "Dữ liệu gửi lên không hợp lệ: " + " ".join(
        f"{field}: {message}" for field, messages in errors.items() for message in messages
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


# Messages django-ninja writes in English, as users read them.
_NINJA_MESSAGES = {
    "Cannot parse request body": "Nội dung gửi lên không đọc được: không phải JSON hợp lệ.",
    "Unauthorized": "Chưa xác thực: gửi mã truy cập (Authorization: Bearer <mã>) hoặc đăng nhập.",
    "Forbidden": "Tài khoản của bạn không được phép thực hiện thao tác này.",
    "CSRF check Failed": "Thiếu hoặc sai mã chống giả mạo (CSRF): tải lại trang rồi thử lại.",
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    return api.create_response(
        request, {"detail": _NINJA_MESSAGES.get(message, message)}, status=exc.status_code
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Outside the user's scope, or not there at all: one answer, so the two cannot be told apart."""
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": FORBIDDEN}, status=403)


@api.exception_handler(RefusedByRule)
def refused_by_rule(request: HttpRequest, exc: RefusedByRule) -> HttpResponse:
    """A rule an action (or a loader) refuses: 422 with its Vietnamese messages by field."""
    errors = rule_errors(exc)
    detail = " ".join(message for messages in errors.values() for message in messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)
