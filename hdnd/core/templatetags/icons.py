"""``{% icon "inbox" %}``: one icon of the vendored Bootstrap Icons sprite, drawn in the text's colour."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

SPRITE = "vendor/bootstrap-icons/icons.svg"


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An inline SVG using the sprite's symbol ``name``; hidden from screen readers unless ``label``."""
    href = f"{static(SPRITE)}#{name}"
    if label:
        return format_html(
            '<svg class="bi" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href
        )
    return format_html(
        '<svg class="bi" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href
    )
