"""The ``clip`` filter gives what ``truncatechars`` gives, faster on short text."""

from __future__ import annotations

import unicodedata

import pytest
from django.template import engines
from django.template.defaultfilters import truncatechars
from django.utils.safestring import mark_safe

from hdnd.core.templatetags.text import clip

TEXTS = [
    "",
    "Sửa đường",
    "Các HĐND xã, phường gửi báo cáo kết quả hoạt động quý II năm 2026 đúng hạn.",
    "Đề nghị " * 40,
    unicodedata.normalize("NFD", "Đề nghị nâng cấp tuyến đường liên thôn"),  # combining marks
    "x" * 120,
    "x" * 121,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("length", [1, 20, 120])
def test_clip_gives_what_truncatechars_gives(text: str, length: int) -> None:
    assert clip(text, length) == truncatechars(text, length)


def test_clip_escapes_in_a_template_as_truncatechars_does() -> None:
    template = engines["django"].from_string("{% load text %}{{ a|clip:5 }}|{{ b|clip:40 }}")
    rendered = template.render({"a": "<b>đậm</b> chữ", "b": mark_safe("<i>nghiêng</i>")})
    assert rendered == "&lt;b&gt;đ…|<i>nghiêng</i>"
