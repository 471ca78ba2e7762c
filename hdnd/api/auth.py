"""API authentication: a bearer token, or the browser's signed-in session (with CSRF)."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from hdnd.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


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
