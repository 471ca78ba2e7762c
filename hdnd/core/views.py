"""Error pages in Vietnamese, and the administrators' pages for rules and the calendar."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Rule


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "core/error.html", {"status": status, "title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng. Vui lòng kiểm tra và thử lại.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "Không có quyền", "Tài khoản của bạn không được phép thực hiện thao tác này.")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "Không tìm thấy trang", "Trang hoặc hồ sơ bạn tìm không tồn tại, hoặc bạn không có quyền xem.")


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error_500.html", status=500)


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/rule_list.html", {"rules": Rule.objects.all()})
