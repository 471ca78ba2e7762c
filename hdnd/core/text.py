"""Vietnamese text: NFC storage and the folded search key every search box uses."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Characters that NFD does not split into a base letter plus marks.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC with surrounding white space trimmed."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """Return the search key of ``value``: no diacritics, đ→d, lower case, single spaces.

    Old and new tone placement (``hoà``/``hòa``, ``thuỷ``/``thủy``) fold to the same key because the
    key keeps no tone marks at all, and NFD input folds like NFC input.
    """
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_FOLD_TABLE).casefold()).strip()
