"""Every text input arrives in NFC, whatever keyboard or paste produced it, and without control characters."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation

from .text import CONTROL_MESSAGE, clean_input, has_control_characters

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _clean_querydict(data: QueryDict) -> Any:  # an immutable QueryDict, as Django's own
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(clean_input(key), [clean_input(v) for v in values])
    cleaned._mutable = False
    return cleaned


def _has_control_characters(data: QueryDict) -> bool:
    return any(has_control_characters(key + "".join(values)) for key, values in data.lists())


class NFCInputMiddleware:
    """Normalise GET and POST values (NFC, no invisible characters) before any form or view sees them,
    and refuse with 400 a request whose values hold control characters (NUL and the like)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        posted = request.method == "POST" and request.content_type in FORM_TYPES
        if _has_control_characters(request.GET) or (posted and _has_control_characters(request.POST)):
            from .views import refused_input  # the error page's module imports the app's models

            return refused_input(request, CONTROL_MESSAGE)
        if request.GET:
            request.GET = _clean_querydict(request.GET)
        if posted:
            request.POST = _clean_querydict(request.POST)
        return self.get_response(request)


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the switcher (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials' browsers
    say English; the platform's working language is Vietnamese (decision 0010).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
