"""API authentication: a bearer token, or the browser's signed-in session (with CSRF)."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from hdnd.accounts.csrf import CSRF_FAILED_API
from hdnd.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """django-ninja's session authentication, refusing a missing CSRF token in Vietnamese."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, CSRF_FAILED_API)
        return request.COOKIES.get(self.param_name)


class AnonymousAllowed:
    """Marks public endpoints: they answer everyone, and still see a token's user if one is sent."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = ApiToken.authenticate(header[7:].strip())
            if user is not None:
                request.user = user
        return True


session_or_token = [TokenAuth(), SessionAuth()]
public = AnonymousAllowed()
