"""Classification of synthesised petitions: suggestions for field, competence level and agency, and the
actions that set them.

Two sources, combined per candidate as a noisy-or (``1 - (1 - a)(1 - b)``):

- **keyword rules**: the active fields' keyword phrases (national ones plus the council's own), matched
  on the folded text (``hdnd.core.text.fold``: accents, đ, case and NFD do not matter) as whole words,
  longest phrase first; ``NEUTRAL`` phrases are taken out first so that "yêu cầu" is not a bridge
  ("cầu") and "lắp đặt" is not land ("đất"). The competence level and the agency have small tables of
  their own (``COMPETENCE_WORDS``; an agency named in the text; the agencies a field usually goes to);
- **learning** from the council's own past assignments (its issues, and for a province those of its
  communes, whose field, competence or agency staff set): TF-IDF over the canonical tokens of
  ``synthesis.normalize`` and the nearest past issues by cosine; a label's score is its share of the
  neighbours' similarity times its best neighbour's similarity, so a few close, consistent assignments
  outweigh a keyword.

The learned model is cached per council in this process, keyed by a fingerprint of the labelled
issues (count, latest id, sums of their labels) and the latest classification audit entry, so a page
view costs a few small queries and one sparse product. ``Engine`` is plain Python over plain data so
``bench/classification.py`` measures exactly what the pages use.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Length
from scipy import sparse

from hdnd.core.models import AuditEntry
from hdnd.core.text import fold
from hdnd.councils.models import Agency, Council, Level

from .fields_seed import COMPETENCE_WORDS, NEUTRAL, seed_for
from .models import Competence, Field, PetitionIssue
from .synthesis.normalize import canonical_tokens

CLASSIFY_ACTIONS = ("petitions.classify_issue", "petitions.accept_suggestion")

DEFAULT_COMPETENCE: dict[str, str] = {Level.PROVINCE: Competence.PROVINCE, Level.COMMUNE: Competence.COMMUNE}
PLACE_CUT = re.compile(r" (?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran|dac khu) .*$")
_WORDS = re.compile(r"\w+")
NEIGHBOURS = 15
MIN_SIMILARITY = 0.1
FIELD_AGENCY_WEIGHT = 0.6
NAMED_AGENCY = 0.8
DEFAULT_LEVEL_SCORE = 0.2
CACHE_SIZE = 16


def words_of(text: str) -> list[str]:
    """The folded words of a text, with UBND spelled out as written in agency names."""
    out: list[str] = []
    for word in _WORDS.findall(fold(text)):
        out += ["uy", "ban", "nhan", "dan"] if word == "ubnd" else [word]
    return out


# Suggestions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """One candidate value with its score (0–1) and why, in Vietnamese."""

    kind: str  # "field", "competence" or "agency"
    value: Any  # a field or agency id, or a Competence value
    label: str
    score: float
    reasons: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Suggestions:
    fields: list[Suggestion] = field(default_factory=list)
    competences: list[Suggestion] = field(default_factory=list)
    agencies: list[Suggestion] = field(default_factory=list)

    def ranked(self, kind: str) -> list[Suggestion]:
        return {"field": self.fields, "competence": self.competences, "agency": self.agencies}[kind]

    def top(self, kind: str) -> Suggestion | None:
        ranked = self.ranked(kind)
        return ranked[0] if ranked else None

    def __bool__(self) -> bool:
        return bool(self.fields or self.competences or self.agencies)


# The engine: plain data in, ranked suggestions out -----------------------------------------------


@dataclass(frozen=True)
class Rule:
    """An active field as the engine sees it: its keyword phrases and the agencies it usually goes to."""

    field_id: Any
    name: str
    keywords: tuple[str, ...]
    agency_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgencyRef:
    agency_id: Any
    name: str
    short_name: str = ""


@dataclass(frozen=True)
class Example:
    """A past issue whose labels staff set (empty values where they set none)."""

    key: Any  # shown in reasons as "#key"
    tokens: tuple[str, ...]
    field_id: Any = None
    competence: str = ""
    agency_id: Any = None


class Learner:
    """TF-IDF over canonical tokens of past issues, and their nearest neighbours by cosine."""

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = list(examples)
        vocab: dict[str, int] = {}
        rows, cols, counts = [], [], []
        for row, example in enumerate(self.examples):
            for token, count in _counts(example.tokens).items():
                rows.append(row)
                cols.append(vocab.setdefault(token, len(vocab)))
                counts.append(count)
        self.vocab = vocab
        shape = (len(self.examples), max(len(vocab), 1))
        matrix = sparse.csr_matrix((np.asarray(counts, dtype=np.float64), (rows, cols)), shape=shape)
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=shape[1]).astype(np.float64)
        self.idf = np.log((1.0 + shape[0]) / (1.0 + df)) + 1.0
        matrix = matrix.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)

    def neighbours(self, tokens: Iterable[str], exclude: Any = None) -> list[tuple[Example, float]]:
        """The closest past issues (at most ``NEIGHBOURS``, similarity at least ``MIN_SIMILARITY``)."""
        counts = {self.vocab[t]: c for t, c in _counts(tokens).items() if t in self.vocab}
        if not counts or not self.examples:
            return []
        cols = np.fromiter(counts, dtype=np.int64)
        values = np.fromiter(counts.values(), dtype=np.float64) * self.idf[cols]
        values /= np.linalg.norm(values)
        sims = self.matrix[:, cols] @ values
        order = np.argsort(-sims)[: NEIGHBOURS + 1]
        found = [
            (self.examples[i], float(sims[i]))
            for i in order
            if sims[i] >= MIN_SIMILARITY and self.examples[i].key != exclude
        ]
        return found[:NEIGHBOURS]


def _counts(tokens: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for token in tokens:
        out[token] = out.get(token, 0) + 1
    return out


class PhraseMatcher:
    """Whole-word phrase matching on folded words, longest phrase first, each word used once."""

    def __init__(self, phrases: Iterable[tuple[str, Any]]) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        for phrase, owner in phrases:
            words = tuple(fold(phrase).split())
            if words:
                self.index.setdefault(words[0], []).append((words, phrase, owner))
        for entries in self.index.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def matches(self, words: Sequence[str]) -> list[tuple[str, Any, int]]:
        """(phrase as written, its owner, its length in words) for each match, left to right."""
        found: list[tuple[str, Any, int]] = []
        i = 0
        while i < len(words):
            for phrase, written, owner in self.index.get(words[i], ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    found.append((written, owner, len(phrase)))
                    i += len(phrase)
                    break
            else:
                i += 1
        return found


@dataclass
class _Tally:
    """Evidence for one candidate from the two sources."""

    label: str
    rule: float = 0.0
    learned: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return 1.0 - (1.0 - self.rule) * (1.0 - self.learned)


class Engine:
    """Ranks fields, competence levels and agencies for one text."""

    def __init__(
        self,
        rules: Sequence[Rule],
        agencies: Sequence[AgencyRef] = (),
        learner: Learner | None = None,
        default_competence: str = "",
    ) -> None:
        self.rules = {rule.field_id: rule for rule in rules}
        self.agencies = {agency.agency_id: agency for agency in agencies}
        self.learner = learner
        self.default_competence = default_competence
        neutral = [(phrase, None) for phrase in NEUTRAL]
        self.keywords = PhraseMatcher(
            neutral + [(phrase, rule.field_id) for rule in rules for phrase in rule.keywords]
        )
        self.levels = PhraseMatcher(
            neutral + [(phrase, level) for level, phrases in COMPETENCE_WORDS.items() for phrase in phrases]
        )
        self.agency_names = PhraseMatcher(
            (name, agency.agency_id) for agency in agencies for name in _agency_names(agency)
        )

    def suggest(self, text: str, tokens: Sequence[str] | None = None, exclude: Any = None) -> Suggestions:
        words = words_of(text)
        neighbours = (
            self.learner.neighbours(tokens or canonical_tokens(text), exclude) if self.learner else []
        )
        fields = self._fields(words, neighbours)
        return Suggestions(
            fields=fields,
            competences=self._competences(words, neighbours),
            agencies=self._agencies(words, neighbours, fields),
        )

    def _fields(self, words: list[str], neighbours: list[tuple[Example, float]]) -> list[Suggestion]:
        tallies: dict[Any, _Tally] = {}
        found: dict[Any, list[str]] = {}
        weight: dict[Any, float] = {}
        for written, owner, length in self.keywords.matches(words):
            if owner is not None and written not in found.setdefault(owner, []):
                found[owner].append(written)
                weight[owner] = weight.get(owner, 0.0) + length
        total = sum(weight.values())
        for field_id, phrases in found.items():
            tally = tallies.setdefault(field_id, _Tally(self.rules[field_id].name))
            tally.rule = weight[field_id] / (total + 1.0)
            tally.reasons.append("Từ khóa: " + ", ".join(phrases[:6]))
        known = set(self.rules)
        _learn(
            tallies, neighbours, lambda ex: ex.field_id if ex.field_id in known else None, self._field_label
        )
        return _ranked("field", tallies)

    def _field_label(self, field_id: Any) -> str:
        return self.rules[field_id].name

    def _competences(self, words: list[str], neighbours: list[tuple[Example, float]]) -> list[Suggestion]:
        tallies: dict[Any, _Tally] = {}
        found: dict[str, list[str]] = {}
        for written, owner, _length in self.levels.matches(words):
            if owner is not None and written not in found.setdefault(owner, []):
                found[owner].append(written)
        total = sum(len(phrases) for phrases in found.values())
        for level, phrases in found.items():
            tally = tallies.setdefault(level, _Tally(Competence(level).label))
            tally.rule = 0.6 * len(phrases) / (total + 1.0)
            tally.reasons.append("Từ khóa: " + ", ".join(phrases[:6]))
        if self.default_competence:
            tally = tallies.setdefault(
                self.default_competence, _Tally(Competence(self.default_competence).label)
            )
            tally.rule = 1.0 - (1.0 - tally.rule) * (1.0 - DEFAULT_LEVEL_SCORE)
            tally.reasons.append("Cấp của HĐND đang tổng hợp")
        _learn(tallies, neighbours, lambda ex: ex.competence or None, lambda v: Competence(v).label)
        return _ranked("competence", tallies)

    def _agencies(
        self, words: list[str], neighbours: list[tuple[Example, float]], fields: list[Suggestion]
    ) -> list[Suggestion]:
        tallies: dict[Any, _Tally] = {}
        for _written, owner, _length in self.agency_names.matches(words):
            tally = tallies.setdefault(owner, _Tally(self.agencies[owner].name))
            if tally.rule < NAMED_AGENCY:
                tally.rule = NAMED_AGENCY
                tally.reasons.append(f"Kiến nghị nêu tên: {self.agencies[owner].name}")
        for suggestion in fields[:2]:
            rule = self.rules[suggestion.value]
            hints = [fold(word) for word in rule.agency_words or _name_parts(rule.name)]
            for agency in self.agencies.values():
                name = f" {fold(agency.name)} "
                if any(f" {hint} " in name for hint in hints):
                    tally = tallies.setdefault(agency.agency_id, _Tally(agency.name))
                    score = FIELD_AGENCY_WEIGHT * suggestion.score
                    if score > tally.rule:
                        tally.rule = max(tally.rule, score)
                        tally.reasons.append(f"Cơ quan thường trả lời lĩnh vực {rule.name}")
        known = set(self.agencies)
        _learn(
            tallies,
            neighbours,
            lambda ex: ex.agency_id if ex.agency_id in known else None,
            lambda v: self.agencies[v].name,
        )
        return _ranked("agency", tallies)


def _learn(
    tallies: dict[Any, _Tally],
    neighbours: list[tuple[Example, float]],
    label_of: Any,
    name_of: Any,
) -> None:
    """Add the neighbours' votes: share of their similarity × the best similarity, per label."""
    votes: dict[Any, float] = {}
    best: dict[Any, tuple[float, Any, int]] = {}
    total = 0.0
    for example, sim in neighbours:
        label = label_of(example)
        if label is None:
            continue
        total += sim
        votes[label] = votes.get(label, 0.0) + sim
        top, key, count = best.get(label, (0.0, example.key, 0))
        best[label] = (top, key, count + 1) if top >= sim else (sim, example.key, count + 1)
    for label, vote in votes.items():
        top, key, count = best[label]
        tally = tallies.setdefault(label, _Tally(name_of(label)))
        tally.learned = (vote / total) * top
        more = f" (và {count - 1} kiến nghị khác)" if count > 1 else ""
        tally.reasons.append(f"Giống kiến nghị #{key} đã phân loại{more}")


def _ranked(kind: str, tallies: dict[Any, _Tally]) -> list[Suggestion]:
    ranked = sorted(tallies.items(), key=lambda item: (-item[1].score, item[1].label))
    return [
        Suggestion(kind, value, tally.label, round(tally.score, 4), tuple(tally.reasons))
        for value, tally in ranked
        if tally.score > 0
    ]


def _agency_names(agency: AgencyRef) -> list[str]:
    """The ways a text names an agency: its full name, without the place, and its short name."""
    full = fold(agency.name)
    names = [full]
    cut = PLACE_CUT.sub("", full)
    if cut != full and len(cut.split()) >= 2:
        names.append(cut)
    if agency.short_name and len(agency.short_name) >= 3:
        names.append(fold(agency.short_name))
    return names


def _name_parts(name: str) -> list[str]:
    """A field's name split at its dashes: "Điện – Nước sạch" → ["điện", "nước sạch"]."""
    return [part.strip() for part in re.split(r"\s[–-]\s|,", name) if part.strip()]


# From the database -------------------------------------------------------------------------------


def active_fields(council: Council) -> list[Field]:
    """The fields a council classifies into: active national ones and its own."""
    return list(Field.objects.filter(Q(council__isnull=True) | Q(council=council), active=True))


def rules_of(fields: Iterable[Field]) -> list[Rule]:
    rules = []
    for item in fields:
        seed = seed_for(item.name) if item.council_id is None else None
        keywords = tuple(line.strip() for line in item.keywords.splitlines() if line.strip())
        rules.append(Rule(item.pk, item.name, keywords, seed.agency_words if seed else ()))
    return rules


def learning_council_ids(council: Council) -> list[int]:
    """The council and, below it, the councils whose past assignments it learns from."""
    below = Council.objects.filter(Q(parent=council) | Q(parent__parent=council)).values_list("pk", flat=True)
    return [council.pk, *below]


def _labelled(council_ids: list[int]) -> Any:
    return PetitionIssue.objects.filter(council_id__in=council_ids).filter(
        Q(field__isnull=False) | ~Q(competence="") | Q(agency__isnull=False)
    )


_CACHE: OrderedDict[int, tuple[tuple[Any, ...], Learner]] = OrderedDict()
_TOKENS: dict[int, tuple[str, tuple[str, ...]]] = {}
_LOCK = threading.Lock()  # the development server and threaded workers share these caches
TOKEN_CACHE_SIZE = 200_000


def learner_for(council: Council) -> Learner:
    """The council's learned model, rebuilt only when its labelled issues changed."""
    ids = learning_council_ids(council)
    labelled = _labelled(ids)
    stats = labelled.aggregate(
        n=Count("pk"),
        top=Max("pk"),
        f=Sum("field_id"),
        a=Sum("agency_id"),
        c=Sum(Length("competence")),
        t=Sum(Length("title")),
    )
    last = AuditEntry.objects.filter(action__in=CLASSIFY_ACTIONS, council_id__in=ids).aggregate(m=Max("id"))
    key = (tuple(ids), *stats.values(), last["m"])
    with _LOCK:
        cached = _CACHE.get(council.pk)
        if cached is not None and cached[0] == key:
            _CACHE.move_to_end(council.pk)
            return cached[1]
    rows = labelled.values_list("pk", "title", "summary", "field_id", "competence", "agency_id")
    examples = [
        Example(pk, tokens_of(pk, f"{title}\n{summary}"), field_id, competence, agency_id)
        for pk, title, summary, field_id, competence, agency_id in rows.iterator(chunk_size=2000)
    ]
    learner = Learner(examples)
    with _LOCK:
        _CACHE[council.pk] = (key, learner)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return learner


def tokens_of(pk: int, text: str) -> tuple[str, ...]:
    """The canonical tokens of an issue's text, remembered while the text stays the same.

    Rebuilding a model after one more assignment then re-reads only the issues whose text changed:
    tokenising is most of the cost (1–2 s for 10,000 issues), the TF-IDF matrix under 0.1 s.
    """
    cached = _TOKENS.get(pk)
    if cached is not None and cached[0] == text:
        return cached[1]
    if len(_TOKENS) >= TOKEN_CACHE_SIZE:
        _TOKENS.clear()
    tokens = tuple(canonical_tokens(text))
    _TOKENS[pk] = (text, tokens)
    return tokens


def issue_text(issue: PetitionIssue) -> str:
    return f"{issue.title}\n{issue.summary}"


def engine_for(council: Council) -> Engine:
    agencies = Agency.objects.filter(council=council, is_active=True).values_list("pk", "name", "short_name")
    return Engine(
        rules_of(active_fields(council)),
        [AgencyRef(pk, name, short) for pk, name, short in agencies],
        learner_for(council),
        DEFAULT_COMPETENCE.get(council.level, ""),
    )


def suggest(issue: PetitionIssue, engine: Engine | None = None) -> Suggestions:
    """Ranked field, competence and agency suggestions for an issue, each with its reasons."""
    engine = engine or engine_for(issue.council)
    return engine.suggest(issue_text(issue), exclude=issue.pk)


# Actions -----------------------------------------------------------------------------------------


def unclassified(issues: Any) -> Any:
    """Issues still missing their field or competence level."""
    return issues.filter(Q(field__isnull=True) | Q(competence=""))
