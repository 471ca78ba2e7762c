"""The answer to a request refused by Django's CSRF check, in Vietnamese (``CSRF_FAILURE_VIEW``).

Pages get a page that says what to do (reload and try again); paths under /api/ get ``{"detail": ...}``
like every other API error. API calls through django-ninja's session authentication are refused by
``hdnd.api.auth.SessionAuth`` with the same message.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

CSRF_FAILED = (
    "Biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ chống giả mạo yêu cầu, nên hệ thống không xử lý. "
    "Vui lòng tải lại trang rồi thực hiện lại thao tác."
)
CSRF_FAILED_API = (
    "Yêu cầu bị từ chối vì thiếu hoặc sai mã chống giả mạo (CSRF). Khi dùng phiên đăng nhập của trình "
    "duyệt, gửi kèm tiêu đề X-CSRFToken; phần mềm khác hãy dùng mã truy cập (Authorization: Bearer <mã>)."
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's reason is English and technical: it stays out of the answer."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": CSRF_FAILED_API}, status=403)
    return render(request, "accounts/csrf_failure.html", {"message": CSRF_FAILED}, status=403)
