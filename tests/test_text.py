"""Vietnamese text handling: NFC storage and the folded search key."""

import unicodedata

import pytest

from hdnd.core.text import fold, nfc


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Kiến nghị đường giao thông", "kien nghi duong giao thong"),
        ("ĐỐNG ĐA", "dong da"),
        ("Hoà Bình", "hoa binh"),  # old tone placement
        ("Hòa Bình", "hoa binh"),  # new tone placement
        ("Thuỷ lợi", "thuy loi"),
        ("Thủy lợi", "thuy loi"),
        ("  nhiều   khoảng\ttrắng ", "nhieu khoang trang"),
        ("Phường Ba Đình", "phuong ba dinh"),
    ],
)
def test_fold_drops_diacritics_and_case(text: str, key: str) -> None:
    assert fold(text) == key


def test_fold_treats_nfd_input_like_nfc_input() -> None:
    composed = "Xã Đông Hòa, huyện Thường Tín"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "xa dong hoa, huyen thuong tin"


def test_nfc_composes_and_trims() -> None:
    decomposed = unicodedata.normalize("NFD", " Nguyễn Thị Hằng ")
    assert nfc(decomposed) == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))
