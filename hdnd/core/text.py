"""Vietnamese text: NFC storage, the characters refused at the boundary, and the folded search key.

Every text that enters (a form field, a query parameter, an API string, a name saved by a model) goes
through ``nfc``: NFC, invisible format characters dropped (zero-width spaces and joiners, bidi overrides,
soft hyphens, byte-order marks), white space trimmed. Control characters (NUL and the like) cannot be
typed and break documents, so ``refused_characters`` names them for the boundary to refuse.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_SPACES = re.compile(r"\s+")
# Invisible characters that change how text is read or matched but not what it says: dropped on the way in.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
# C0 controls but tab, line feed and carriage return; DEL and C1; surrogates and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
CONTROL_MESSAGE = "Nội dung có ký tự điều khiển (như NUL) không hợp lệ; hãy gõ lại dưới dạng văn bản thuần."
# Characters that NFD does not split into a base letter plus marks.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC, without invisible format characters, white space trimmed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).strip()


def clean_input(value: str) -> str:
    """``nfc`` without the trimming: what a form receives (a form field trims, a text area keeps lines)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", value))


def has_control_characters(value: str) -> bool:
    """True when ``value`` holds a character no keyboard types and no document can hold (NUL, ESC …)."""
    return _CONTROL.search(value) is not None


def fold(value: str) -> str:
    """Return the search key of ``value``: no diacritics, đ→d, lower case, single spaces.

    Old and new tone placement (``hoà``/``hòa``, ``thuỷ``/``thủy``) fold to the same key because the
    key keeps no tone marks at all, and NFD input folds like NFC input.
    """
    decomposed = unicodedata.normalize("NFD", _INVISIBLE.sub("", value).translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_FOLD_TABLE).casefold()).strip()


# The Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), with the Latin
# letters it lacks (f j w z) at their Latin places, so foreign names still sort sensibly.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Marks that make a new letter (ă â ê ô ơ ư) as against tone marks, which only break ties.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(value: str) -> list[tuple[str, int]]:
    """Each letter of ``value`` (lower case, tone removed) with its tone rank (0 for none)."""
    out: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", nfc(value).casefold()):
        if ch in _TONE_RANK and out:
            out[-1] = (out[-1][0], _TONE_RANK[ch])
        elif ch in _LETTER_MARKS and out:
            out[-1] = (unicodedata.normalize("NFC", out[-1][0] + ch), out[-1][1])
        elif not unicodedata.combining(ch):
            out.append((ch, 0))
    return out


@lru_cache(maxsize=50_000)  # the same names sort on every page: a form's agencies, the councils
def vi_sort_key(value: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """The key that sorts names as a Vietnamese dictionary does, whatever the database's collation.

    Letters first, letter by letter in the Vietnamese alphabet ("Cầu Giấy" before "Chương Mỹ", every
    "Đ…" after every "D…"), then tones (ngang, huyền, hỏi, ngã, sắc, nặng) to break ties, then the text.
    Spaces and digits come before letters, so "An Bình" precedes "Anh Sơn".
    """
    letters = _letters(value)
    primary = tuple(
        (1, _LETTER_RANK[letter]) if letter in _LETTER_RANK else (0, ord(letter)) for letter, _ in letters
    )
    return primary, tuple(tone for _, tone in letters), nfc(value)


def vi_sorted[T](items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """``items`` in Vietnamese order of ``key`` (by default their text)."""
    return sorted(items, key=lambda item: vi_sort_key(key(item)))
