"""Ordinals in words, as the session documents and resolutions write them."""

from __future__ import annotations

import pytest

from hdnd.core.words import ordinal_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "thứ nhất"),
        (2, "thứ hai"),
        (4, "thứ tư"),
        (5, "thứ năm"),
        (10, "thứ mười"),
        (11, "thứ mười một"),
        (12, "thứ mười hai"),
        (14, "thứ mười bốn"),
        (15, "thứ mười lăm"),
        (20, "thứ hai mươi"),
        (21, "thứ hai mươi mốt"),
        (24, "thứ hai mươi tư"),
        (25, "thứ hai mươi lăm"),
        (31, "thứ ba mươi mốt"),
        (99, "thứ chín mươi chín"),
        (100, "thứ 100"),
    ],
)
def test_the_number_reads_as_documents_write_it(number: int, words: str) -> None:
    assert ordinal_words(number) == words
