"""The JSON API at /api/v1/: one NinjaAPI, one router per app, the same actions as the pages."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from hdnd.accounts.api import router as accounts_router
from hdnd.councils.api import router as councils_router
from hdnd.councils.api_units import router as units_router
from hdnd.petitions import api_classify, api_followup, api_intake, api_public, api_reports, api_search
from hdnd.petitions.api import router as petitions_router
from hdnd.resolutions import api_files as resolution_files
from hdnd.resolutions.api import router as resolutions_router
from hdnd.sittings import api_conduct, api_standing
from hdnd.sittings.api import router as sittings_router
from hdnd.sittings.api_documents import router as session_documents_router

from .auth import session_or_token
from .errors import input_errors

api = NinjaAPI(
    title="HĐND API",
    version="1",
    description="API của nền tảng HĐND. Xác thực bằng mã truy cập: `Authorization: Bearer <mã>`.",
    urls_namespace="api",
    auth=session_or_token,
)
api.add_router("/", units_router)
api.add_router("/", councils_router)
api.add_router("/", accounts_router)
api.add_router("/", petitions_router)
for module in (api_classify, api_followup, api_intake, api_public, api_reports, api_search):
    api.add_router("/", module.router)
api.add_router("/", sittings_router)
api.add_router("/", api_conduct.router)
api.add_router("/", api_standing.router)
api.add_router("/", session_documents_router)
api.add_router("/", resolutions_router)
api.add_router("/", resolution_files.router)


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
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    return api.create_response(
        request, {"detail": _NINJA_MESSAGES.get(message, message)}, status=exc.status_code
    )
