"""Benchmark: field and agency suggestions (hdnd.petitions.classify) on the real petitions.

One run measures, each against the majority-class baseline computed in the same run:

  (a) field, keyword rules alone (the seeded national taxonomy, no training data): top-1 and top-3;
  (b) field, keyword rules + learning, leave-one-out over the petitions that have a field (the model is
      rebuilt without the petition it is asked about), and learning alone;
  (c) agency (the body that answered), leave-one-out the same way, among every agency named in the data;
  (d) speed: building the learned model of a council with 10,000 past issues, and one suggestion.

The data's field names (``field_annotated``, else ``field``) differ from the taxonomy's: each is mapped
to a seeded field by its folded name (the keyword rules read on the name itself, then a name part
shared with a field's name: "Điện" → "Điện – Nước sạch"); names that map to none ("Tổng hợp (nhiều lĩnh
vực)") are left out and counted. The data is read in place (../shared/data or $HDND_SHARED_DATA).

    .venv/bin/python bench/classification.py
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))  # never the dev database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

import django  # noqa: E402

django.setup()

from bench.petition_generator import generate  # noqa: E402
from hdnd.core.text import fold  # noqa: E402
from hdnd.petitions.classify import AgencyRef, Engine, Example, Learner, Rule, Suggestion  # noqa: E402
from hdnd.petitions.fields_seed import FIELDS  # noqa: E402
from hdnd.petitions.synthesis.normalize import canonical_tokens  # noqa: E402

PARTS = re.compile(r"\s*[–\-,/;()]\s*|\s+và\s+")


def shared_data() -> Path:
    """Where the real council data lives: $HDND_SHARED_DATA, else ../shared/data beside the repo."""
    return Path(os.environ.get("HDND_SHARED_DATA", ROOT.parent / "shared" / "data"))


def seeded_rules(keywords: bool = True) -> list[Rule]:
    """The national taxonomy as the pages see it after `seed_fields` (ids are the seed keys)."""
    return [
        Rule(seed.key, seed.name, seed.keywords if keywords else (), seed.agency_words) for seed in FIELDS
    ]


def _parts(name: str) -> list[frozenset[str]]:
    return [frozenset(fold(part).split()) for part in PARTS.split(name) if fold(part)]


def map_field(name: str, rules: Sequence[Rule]) -> tuple[str | None, str]:
    """The seed key a data field name maps to, and how: ("key", "keywords"/"name part") or (None, "")."""
    top = Engine(rules).suggest(name).fields
    if top and (len(top) == 1 or top[0].score > top[1].score):
        return str(top[0].value), "keywords"
    hits = set()
    for rule in rules:
        for mine in _parts(rule.name):
            if any(mine <= theirs or theirs <= mine for theirs in _parts(name)):
                hits.add(rule.field_id)
    if len(hits) == 1:
        return str(hits.pop()), "name part"
    return None, ""


def agencies_of(value: str | None) -> list[str]:
    """The agencies a row names ("A; B (phòng X)" → ["A", "B"]), NFC, without notes in brackets."""
    names = [re.sub(r"\s*\(.*?\)\s*", " ", part).strip() for part in (value or "").split(";")]
    return [name for name in names if name]


def _hit(ranked: Sequence[Suggestion], wanted: set[Any], k: int) -> bool:
    return any(s.value in wanted for s in ranked[:k])


def _rate(hits: Sequence[bool]) -> str:
    return f"{sum(hits) / len(hits):6.1%}" if hits else "   n/a"


def _majority(labels: Sequence[Any], skip: int, k: int) -> list[Any]:
    """The ``k`` most frequent labels of the others (leave-one-out baseline)."""
    counts = Counter(label for i, label in enumerate(labels) if i != skip)
    return [label for label, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:k]]


def field_accuracy(rows: list[dict[str, Any]], rules: Sequence[Rule]) -> list[tuple[str, str, str, int]]:
    """(method, top-1, top-3, n) for the field suggestions."""
    labels = [row["label"] for row in rows]
    tokens = [tuple(canonical_tokens(row["text"])) for row in rows]
    plain = Engine(rules)
    bare = [Rule(rule.field_id, rule.name, ()) for rule in rules]

    def loo(engine_of: Callable[[Learner], Engine]) -> tuple[list[bool], list[bool]]:
        top1, top3 = [], []
        for i, row in enumerate(rows):
            examples = [Example(j, tokens[j], labels[j]) for j in range(len(rows)) if j != i]
            ranked = engine_of(Learner(examples)).suggest(row["text"], tokens[i]).fields
            top1.append(_hit(ranked, {labels[i]}, 1))
            top3.append(_hit(ranked, {labels[i]}, 3))
        return top1, top3

    results = []
    ranked = [plain.suggest(row["text"], tokens[i]).fields for i, row in enumerate(rows)]
    results.append(
        (
            "(a) keyword rules alone",
            _rate([_hit(r, {lab}, 1) for r, lab in zip(ranked, labels, strict=True)]),
            _rate([_hit(r, {lab}, 3) for r, lab in zip(ranked, labels, strict=True)]),
            len(rows),
        )
    )
    none = sum(1 for r in ranked if not r)
    top1, top3 = loo(lambda learner: Engine(rules, learner=learner))
    results.append(("(b) keywords + learning, leave-one-out", _rate(top1), _rate(top3), len(rows)))
    top1, top3 = loo(lambda learner: Engine(bare, learner=learner))
    results.append(("    learning alone, leave-one-out", _rate(top1), _rate(top3), len(rows)))
    base1 = [labels[i] in _majority(labels, i, 1) for i in range(len(rows))]
    base3 = [labels[i] in _majority(labels, i, 3) for i in range(len(rows))]
    results.append(("    baseline: majority class(es)", _rate(base1), _rate(base3), len(rows)))
    results.append((f"    (keyword rules found no field for {none})", "", "", len(rows)))
    return results


def agency_accuracy(rows: list[dict[str, Any]], rules: Sequence[Rule]) -> list[tuple[str, str, str, int]]:
    """(method, top-1, top-3, n) for the agency suggestions, among every agency the data names."""
    names = sorted({name for row in rows for name in row["agencies"]})
    refs = [AgencyRef(name, name) for name in names]
    wanted = [set(row["agencies"]) for row in rows]
    first = [row["agencies"][0] for row in rows]
    tokens = [tuple(canonical_tokens(row["text"])) for row in rows]
    results = []
    plain = Engine(rules, refs)
    ranked = [plain.suggest(row["text"], tokens[i]).agencies for i, row in enumerate(rows)]
    results.append(
        (
            "(c) rules alone (named in text, field's usual agency)",
            _rate([_hit(r, w, 1) for r, w in zip(ranked, wanted, strict=True)]),
            _rate([_hit(r, w, 3) for r, w in zip(ranked, wanted, strict=True)]),
            len(rows),
        )
    )
    methods = (("    rules + learning, leave-one-out", True), ("    learning alone, leave-one-out", False))
    for title, with_rules in methods:
        top1, top3 = [], []
        for i, row in enumerate(rows):
            examples = [Example(j, tokens[j], agency_id=first[j]) for j in range(len(rows)) if j != i]
            engine = Engine(rules if with_rules else [], refs, Learner(examples))
            found = engine.suggest(row["text"], tokens[i]).agencies
            top1.append(_hit(found, wanted[i], 1))
            top3.append(_hit(found, wanted[i], 3))
        results.append((title, _rate(top1), _rate(top3), len(rows)))
    base1 = [bool(set(_majority(first, i, 1)) & wanted[i]) for i in range(len(rows))]
    base3 = [bool(set(_majority(first, i, 3)) & wanted[i]) for i in range(len(rows))]
    results.append(("    baseline: majority agency", _rate(base1), _rate(base3), len(rows)))
    results.append((f"    ({len(names)} distinct agencies in the data)", "", "", len(rows)))
    return results


def speed(count: int = 10_000) -> tuple[float, float, float]:
    """Seconds to tokenise and build a council's model of ``count`` past issues; median ms per suggestion."""
    rules = seeded_rules()
    keys = [seed.key for seed in FIELDS]
    petitions = list(generate(count, seed=11))
    start = time.perf_counter()
    examples = [
        Example(i, tuple(canonical_tokens(p.text)), keys[p.issue % len(keys)], "tinh")
        for i, p in enumerate(petitions)
    ]
    tokenised = time.perf_counter() - start
    learner = Learner(examples)
    built = time.perf_counter() - start
    engine = Engine(rules, [AgencyRef(i, f"Sở {i}") for i in range(40)], learner, "tinh")
    queries = [p.text for p in generate(50, seed=12)]
    times = []
    for text in queries:
        begin = time.perf_counter()
        engine.suggest(text)
        times.append((time.perf_counter() - begin) * 1000)
    return tokenised, built, statistics.median(times)


def load(folder: Path, rules: Sequence[Rule]) -> tuple[list[dict[str, Any]], Counter[str], list[str]]:
    """The petitions with a mapped field (and all rows), how names mapped, and the names left out."""
    rows = [json.loads(line) for line in (folder / "petitions.jsonl").open(encoding="utf-8")]
    how: Counter[str] = Counter()
    left: list[str] = []
    out = []
    for row in rows:
        name = row.get("field_annotated") or row.get("field")
        if not name:
            continue
        key, method = map_field(name, rules)
        if key is None:
            how["not mapped"] += 1
            left.append(name)
            continue
        how[method] += 1
        out.append({**row, "label": key, "agencies": agencies_of(row.get("agency"))})
    return out, how, left


def _table(title: str, rows: Sequence[tuple[str, str, str, int]]) -> None:
    print(f"\n{title}")
    print(f"{'method':58} {'top-1':>7} {'top-3':>7} {'n':>5}")
    for method, one, three, n in rows:
        print(f"{method:58} {one:>7} {three:>7} {n if one else '':>5}")


def main() -> None:
    """Run every measurement and print the tables."""
    folder = shared_data()
    rules = seeded_rules()
    print("Classification suggestions (hdnd.petitions.classify) on", folder / "petitions.jsonl")
    fielded, how, left = load(folder, rules)
    total = sum(how.values())
    print(
        f"Field names mapped to the seeded taxonomy: {total - how['not mapped']} of {total} petitions "
        f"(by keywords {how['keywords']}, by a name part {how['name part']}); "
        f"not mapped {how['not mapped']}: {', '.join(sorted(set(left)))}"
    )
    per_field = Counter(row["label"] for row in fielded)
    names = {rule.field_id: rule.name for rule in rules}
    print("  " + "; ".join(f"{names[key]} {n}" for key, n in per_field.most_common()))
    _table("Field (lĩnh vực)", field_accuracy(fielded, rules))
    all_rows = [json.loads(line) for line in (folder / "petitions.jsonl").open(encoding="utf-8")]
    with_agency = [
        {**row, "agencies": agencies_of(row.get("agency"))} for row in all_rows if row.get("agency")
    ]
    _table("Agency (cơ quan trả lời)", agency_accuracy(with_agency, rules))
    tokenised, built, per_query = speed()
    print("\n(d) speed, a council with 10,000 past issues (generated petitions)")
    print(f"    tokenise {tokenised:.2f} s, + build TF-IDF model {built - tokenised:.2f} s (once per change)")
    print(f"    one suggestion (field, competence, agency): median {per_query:.1f} ms (budget: under 100)")


if __name__ == "__main__":
    main()
