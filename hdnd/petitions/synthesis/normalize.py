"""Petition text → canonical tokens: what is asked about, with the register and the places set aside.

One pass over the words of a petition: NFC, fold each word (no diacritics, đ→d, lower case), expand
abbreviations and road codes, repair typos that are not Vietnamese syllables, mask the proper names of
places, bodies and people, replace domain phrases by concept tokens (``@electricity``), drop lead-ins,
fillers, stopwords and numbers. What is left is words and concepts in their order, e.g.

    "Cử tri thôn Nà Lung đề nghị xây dựng cầu qua suối để nhân dân đi lại" → ["@build", "@bridge"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from hdnd.core.text import fold, nfc
from hdnd.petitions.synthesis import lexicon

_WORD = re.compile(r"\w+(?:[-.,/]\w+)*|[^\w\s]")
_ROAD_CODE = re.compile(r"^(" + "|".join(lexicon.ROAD_CODES) + r")-?\d\w*$")
_NUMBERISH = re.compile(r"\d")
_PUNCT = "\x00"  # never a lexicon word, so no phrase runs across punctuation
# Folded Vietnamese syllable: optional initial, a vowel nucleus, optional final.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    r"(uyeu|uye|uya|uyu|oai|oay|oeo|uay|uoi|uou|ieu|yeu|iu|ia|ie|ye|ya|ai|ao|au|ay|eo|eu|oa|oe|oi|oo|"
    r"ua|ue|ui|uo|uu|uy|a|e|i|o|u|y)"
    r"(ch|ng|nh|[cmnpt])?$"
)

Token = str
Word = tuple[str, str, bool]  # shape, folded form, whether it names a kind of place
PhraseIndex = dict[str, list[tuple[tuple[str, ...], str | None]]]


@cache
def _phrase_index() -> PhraseIndex:
    """First folded word → (phrase words, replacement token or None for a filler), longest first."""
    index: PhraseIndex = {}
    entries: list[tuple[str, str | None]] = []
    for table in (lexicon.OBJECTS, lexicon.ACTIONS):
        entries += [(p, "@" + name) for name, phrases in table.items() for p in phrases]
    entries += [(p, None) for p in lexicon.FILLERS + lexicon.PLACE_KINDS]
    seen: set[tuple[str, ...]] = set()
    for phrase, token in entries:  # a concept wins over a filler of the same words ("cầu", "đường")
        words = tuple(fold(phrase).split())
        if words not in seen:
            seen.add(words)
            index.setdefault(words[0], []).append((words, token))
    for candidates in index.values():
        candidates.sort(key=lambda entry: -len(entry[0]))
    return index


@cache
def _place_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Last words of the place kinds, as written and folded: after them a capitalised run is a name.

    A word with diacritics must match as written ("chợ" is a place, "cho" is not); a word typed
    without them matches folded.
    """
    lasts = [nfc(kind).lower().split()[-1] for kind in lexicon.PLACE_KINDS]
    return frozenset(lasts), frozenset(fold(last) for last in lasts)


def _is_place_head(lower: str, folded: str) -> bool:
    """Whether a word (lower case, and folded) names a kind of place."""
    written, folded_heads = _place_heads()
    return lower in written or (lower == folded and folded in folded_heads)


@cache
def _stopwords() -> frozenset[str]:
    """The folded single-word stopwords."""
    return frozenset(fold(word) for word in lexicon.STOPWORDS)


@cache
def _lexicon_words() -> frozenset[str]:
    """Every folded syllable the vocabulary knows: the targets of typo repair."""
    words: set[str] = set(_stopwords())
    for words_of_phrase in _phrase_index().values():
        for phrase, _token in words_of_phrase:
            words.update(phrase)
    for expansion in lexicon.ABBREVIATIONS.values():
        words.update(fold(expansion).split())
    return frozenset(words)


@cache
def _deletion_index() -> dict[str, tuple[str, ...]]:
    """Each lexicon word and its one-letter deletions → the lexicon words they come from."""
    index: dict[str, set[str]] = {}
    for word in _lexicon_words():
        for variant in {word, *_deletions(word)}:
            index.setdefault(variant, set()).add(word)
    return {key: tuple(sorted(value)) for key, value in index.items()}


def _deletions(word: str) -> set[str]:
    """The strings one deleted letter away from ``word``."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is one insertion, deletion, substitution or swap of neighbours away from ``a``."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        rest = a[start + 1 :] == b[start + 1 :]
        swapped = a[start : start + 2] == b[start : start + 2][::-1] and a[start + 2 :] == b[start + 2 :]
        return rest or swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


@lru_cache(maxsize=1 << 16)
def repair_typo(word: str) -> str:
    """Return the lexicon word one edit away from a folded non-syllable ``word``, or ``word`` itself."""
    if word in _lexicon_words() or _SYLLABLE.match(word) or not word.isalpha():
        return word
    index = _deletion_index()
    found: set[str] = set(index.get(word, ()))
    for variant in _deletions(word):
        found.update(index.get(variant, ()))
    found = {candidate for candidate in found if _one_edit(word, candidate)}
    if not found:
        return word
    # Typos rarely hit the first letter; then prefer a same-length fix, then alphabetical: deterministic.
    return min(found, key=lambda c: (c[0] != word[0], abs(len(c) - len(word)), c))


@lru_cache(maxsize=1 << 18)
def _classify(raw: str) -> Word:
    """(shape, folded, names a place kind) of one raw word (cached: a corpus has few distinct words).

    Shape is ``name`` (capitalised), ``acronym``, ``number``, ``road`` (a road code), ``punct`` or ``word``.
    """
    if not raw[0].isalnum() and raw[0] != "_":
        return "punct", _PUNCT, False
    folded = fold(raw)
    if _NUMBERISH.search(raw):
        return ("road" if _ROAD_CODE.match(folded) else "number"), folded, False
    head = _is_place_head(raw.lower(), folded)
    if raw.isupper() and len(raw) > 1:
        return "acronym", folded, head
    if raw[0].isupper():
        return "name", folded, head
    return "word", repair_typo(folded), head


def _expanded(text: str) -> list[Word]:
    """(shape, folded) of each word of ``text``, abbreviations and road codes expanded, typos repaired."""
    text = nfc(text)
    initials = [raw[0] for raw in text.split() if raw[0].isalpha()]
    if initials and sum(ch.isupper() for ch in initials) > len(initials) * 0.6:
        text = text.lower()  # a text typed in capitals or Title Case has no names to tell apart
    words = [_classify(raw) for raw in _WORD.findall(text)]
    return _expand_codes(words)


def _expand_codes(words: list[Word]) -> list[Word]:
    """Abbreviations and road codes expanded into the words they stand for."""
    out: list[Word] = []
    for i, (shape, folded, head) in enumerate(words):
        if shape == "road" or (
            folded in lexicon.ROAD_CODES and i + 1 < len(words) and words[i + 1][0] == "number"
        ):
            out += _expansion(lexicon.ROAD_CODES[re.split(r"[-\d]", folded, maxsplit=1)[0]])
        elif folded in lexicon.ABBREVIATIONS and shape != "name":
            out += _expansion(lexicon.ABBREVIATIONS[folded])
        else:
            out.append((shape, folded, head))
    return out


@cache
def _expansion(phrase: str) -> list[Word]:
    """The words an abbreviation or road code stands for."""
    return [("word", word, word in _place_heads()[1]) for word in fold(phrase).split()]


def canonical_tokens(text: str) -> list[Token]:
    """Return the canonical tokens of one petition: concept tokens and content words, in order."""
    return list(analyse(text).tokens)


@dataclass(frozen=True)
class Analysis:
    """What the grouping reads of one petition.

    ``tokens``: concept tokens (``@bridge``) and the content words left between them, in order;
    ``words``: every folded content word, concept phrases spelled out ("cau", "qua", "suoi"), with the
    same lead-ins, fillers, stopwords, numbers and proper names set aside: the back-off for demands
    the vocabulary does not hold.
    """

    tokens: tuple[Token, ...]
    words: tuple[str, ...]


def analyse(text: str, place: str | None = None) -> Analysis:
    """Return the concept tokens and the content words of one petition.

    ``place`` (the voters' place, optional) is masked wherever its words appear in the text, in case
    the petition names it in lower case ("thon na lung") where capitals cannot tell it is a name.
    """
    words = _expanded(text)
    matcher = _Matcher(words)
    stop = _stopwords()
    tokens: list[Token] = []
    plain: list[str] = []
    masked = _voters_place(words) | (_place_mask(words, place) if place else frozenset())
    caseless = _caseless(words, masked)
    naming = 0  # syllables left of a proper name that follows a place word ("thôn Nà Lung")
    i = 0
    while i < len(words):
        shape, folded, _head = words[i]
        if i in masked:
            i += 1
            continue
        length, token = matcher.take(i) if shape not in ("punct", "number") else (0, None)
        if naming and _in_name(shape, length if caseless else -1, naming):
            naming -= caseless and shape not in ("number", "acronym")
            i += 1
            continue
        naming = 0
        if shape in ("punct", "number"):
            i += 1
            continue
        names = _name_run(words, i)
        if names > 1 and length < names:
            i += names  # a run of capitalised words mid-text is a proper name: "Nậm Tàng", "Hà Nội"
        elif length:
            if token is not None:
                tokens.append(token)
                plain.extend(w for _s, w, _h in words[i : i + length] if w not in stop)
            naming = NAME_SYLLABLES if _names_a_place(words, i, length, token) else 0
            i += length
        else:
            if folded not in stop and len(folded) > 1:  # a lone letter is an initial: "ông Nguyễn Văn A"
                tokens.append(folded)
                plain.append(folded)
            i += 1
    return Analysis(tuple(tokens), tuple(plain))


def _caseless(words: list[Word], masked: frozenset[int]) -> bool:
    """Whether capitals tell no names apart in a text: none starts a word mid-sentence (the voters'
    place of a lead-in aside: "Cử tri xã Tân Lập đề nghị" + a text in lower case is still caseless)."""
    return not any(
        shape == "name" and i and i not in masked and words[i - 1][0] != "punct"
        for i, (shape, _folded, _head) in enumerate(words)
    )


NAME_SYLLABLES = 2  # a place's name is mostly two syllables ("Nà Lung"); capitalised runs go on


@cache
def _place_kinds() -> frozenset[tuple[str, ...]]:
    """The folded place kinds ("thon", "to dan pho"): a proper name may follow them."""
    return frozenset(tuple(fold(kind).split()) for kind in lexicon.PLACE_KINDS)


def _names_a_place(words: list[Word], i: int, length: int, token: str | None) -> bool:
    """Whether the phrase at ``i`` is a place kind, or a concept ending in one ("cầu" → "cầu Hố Dài").

    A filler that only ends like one ("tình trạng", folded "tinh trang") is not.
    """
    phrase = tuple(word[1] for word in words[i : i + length])
    return phrase in _place_kinds() or (token is not None and words[i + length - 1][2])


def _in_name(shape: str, phrase: int, left: int) -> bool:
    """Whether a word after a place word belongs to its proper name, the same with or without capitals.

    A number or an acronym does ("tổ 22", "khu CN"). In a text with capitals (``phrase`` is -1), a
    capitalised word does. In a caseless text (typed in lower case, or without accents), any word
    does while syllables are left, unless it starts a phrase of the vocabulary ("thôn chưa có điện",
    "đường quốc lộ"; a stopword taken is dropped anyway): so "thôn Nà Lung", "thôn nà lung" and
    "thon na lung" read the same.
    """
    if shape in ("number", "acronym") or (phrase < 0 and shape == "name"):
        return True
    return phrase == 0 and left > 0 and shape in ("name", "word")


def _place_mask(words: list[Word], place: str) -> frozenset[int]:
    """Positions of ``words`` that spell the proper name in ``place`` ("Xã Thượng Lâm" → "thuong lam")."""
    name = [w for w in fold(place).replace(",", " ").split() if w not in _place_heads()[1]]
    name = [w for w in name if w not in _stopwords()]
    if not name:
        return frozenset()
    folded = [word[1] for word in words]
    found: set[int] = set()
    for start in range(len(folded) - len(name) + 1):
        if folded[start : start + len(name)] == name:
            found.update(range(start, start + len(name)))
    return frozenset(found)


_VOTERS = ("cu", "tri")
_ASKING = frozenset({("de", "nghi"), ("kien", "nghi"), ("phan", "anh"), ("de", "xuat"), ("mong", "muon")})
_VOTERS_PLACE_WORDS = 8  # "cử tri các xã Vĩnh Ninh, Vĩnh Long và thị trấn Lộc Bình đề nghị"


def _voters_place(words: list[Word]) -> frozenset[int]:
    """Positions of the words between "cử tri" and the verb of the lead-in ("đề nghị", "phản ánh" ...).

    They name the voters' place ("Cử tri xã vinh mường phản ánh"), with or without capitals, and a
    group is one demand wherever it was raised: the places are kept on the petition, not compared.
    """
    folded = [word[1] for word in words]
    found: set[int] = set()
    for start in range(len(folded) - 1):
        if (folded[start], folded[start + 1]) != _VOTERS:
            continue
        for end in range(start + 2, min(start + 3 + _VOTERS_PLACE_WORDS, len(folded) - 1)):
            if (folded[end], folded[end + 1]) in _ASKING:
                found.update(range(start + 2, end))
                break
    return frozenset(found)


def _name_run(words: list[Word], i: int) -> int:
    """How many capitalised words start at ``i``."""
    end = i
    while end < len(words) and words[end][0] == "name":
        end += 1
    return end - i


class _Matcher:
    """Lexicon phrases over the words of one text, each position looked up once."""

    def __init__(self, words: list[Word]) -> None:
        self.folded = tuple(word[1] for word in words)
        self.index = _phrase_index()
        self.longest: dict[int, tuple[int, str | None]] = {}

    def take(self, i: int) -> tuple[int, str | None]:
        """The phrase to take at word ``i``: (its length, its token); (0, None) when none.

        Overlapping phrases go to the longer one: in "cấp giấy chứng nhận quyền sử dụng đất", "cấp"
        stays a word so that the seven-word phrase after it can match.
        """
        length, token = self.at(i)
        for start in range(i + 1, i + length):
            other, other_token = self.at(start)
            if other_token == token and start + other > i + length:
                return start - i + other, token  # "đường điện" + "điện lưới quốc gia": one span
            if other > length:
                return self.at(i, limit=start - i)
        return length, token

    def at(self, i: int, limit: int = 99) -> tuple[int, str | None]:
        """The longest phrase of at most ``limit`` words starting at word ``i``, or (0, None)."""
        if limit == 99 and i in self.longest:
            return self.longest[i]
        found: tuple[int, str | None] = (0, None)
        for phrase, token in self.index.get(self.folded[i], ()):
            if len(phrase) <= limit and self.folded[i : i + len(phrase)] == phrase:
                found = (len(phrase), token)
                break
        if limit == 99:
            self.longest[i] = found
        return found
