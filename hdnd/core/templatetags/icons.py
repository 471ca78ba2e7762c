"""``{% icon "inbox" %}``: one icon of the vendored Bootstrap Icons sprite, drawn in the text's colour."""

from functools import cache
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

SPRITE = "vendor/bootstrap-icons/icons.svg"


@cache
def sprite_url() -> str:
    """The sprite's (hashed) URL, looked up once per process: a page draws dozens of icons."""
    return static(SPRITE)


@receiver(setting_changed)
def _forget_sprite_url(setting: str, **_: Any) -> None:
    if setting in ("STATIC_URL", "STORAGES"):
        sprite_url.cache_clear()


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An inline SVG using the sprite's symbol ``name``; hidden from screen readers unless ``label``."""
    href = f"{sprite_url()}#{name}"
    if label:
        return format_html(
            '<svg class="bi" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href
        )
    return format_html(
        '<svg class="bi" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href
    )
