"""What the synthesis of a cycle is made of, apart from the actions: the petitions still to group, the
grouping itself (``synthesis.grouping``) and saving the groups as draft issues. Shared by the
synthesis in one request (``actions.synthesis.synthesize_cycle``) and the background run (``background``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from hdnd.core.text import fold, nfc
from hdnd.councils.models import Council

from .models import Cycle, Petition, PetitionIssue

if TYPE_CHECKING:
    from hdnd.petitions.synthesis.explain import PairExplanation

TITLE_MAX = 160
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]")  # punctuation ends a phrase


def title_of(text: str, limit: int = TITLE_MAX) -> str:
    """An issue title from a petition: the text up to ``limit`` characters, cut at a word, with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def pending_petitions(council: Council, cycle: Cycle) -> QuerySet[Petition]:
    """The cycle's petitions not yet synthesised (its own and those forwarded from other councils)."""
    return Petition.objects.filter(
        council=council, cycle=cycle, status=Petition.Status.NEW, issue__isnull=True
    ).order_by("pk")


def group_petitions(petitions: Sequence[Petition]) -> list[list[Petition]]:
    """Near-duplicate petitions grouped together, the groups in the order of their first petition."""
    from hdnd.petitions.synthesis.grouping import group_texts

    groups: dict[int, list[Petition]] = {}
    for label, petition in zip(group_texts([p.text for p in petitions]), petitions, strict=True):
        groups.setdefault(label, []).append(petition)
    return sorted(groups.values(), key=lambda members: members[0].pk)


def save_groups(council: Council, cycle: Cycle, groups: Sequence[Sequence[Petition]]) -> list[PetitionIssue]:
    """One draft issue per group, titled after its first petition; call inside a transaction."""
    issues = PetitionIssue.objects.bulk_create(
        PetitionIssue(council=council, cycle=cycle, title=title_of(members[0].text)) for members in groups
    )
    for issue, members in zip(issues, groups, strict=True):
        # Only petitions still new: one moved by hand meanwhile keeps its place.
        Petition.objects.filter(
            pk__in=[p.pk for p in members], status=Petition.Status.NEW, issue__isnull=True
        ).update(issue=issue, status=Petition.Status.GROUPED)
    return issues


def issue_choices(issues: Sequence[PetitionIssue]) -> list[tuple[int, str]]:
    """Draft issues as (pk, "#pk title") choices for the move and merge forms."""
    return [(issue.pk, f"#{issue.pk} {title_of(issue.title, 80)}") for issue in issues if issue.is_draft]


def explain_grouping(issues: Sequence[PetitionIssue]) -> dict[int, str]:
    """Set ``grouping_reason`` on every petition but the first of each issue: why the grouping put it
    with the first one (the issue is titled after it): the shared demand, object and words, and how
    likely the pair model finds it that they make one demand (``synthesis.explain.explain_members``).
    The issues' petitions must be prefetched, so that the page shows these very objects.

    The reasons the worker stored with an issue (``store_reasons``) are read when they were made from
    the group's texts as they are now and the same pair model; the others (a group whose members changed,
    one never stored) are explained here, about 3 ms a group at national size. Returns those issues'
    ids with the key of the texts explained, for the caller to have them stored
    (``background.explain_soon``)."""
    stale = {}
    for issue in issues:
        members = list(issue.petitions.all())
        if len(members) < 2:
            continue
        texts = [petition.text for petition in members]
        stored, key = issue.grouping_reasons or {}, _reasons_key(texts)
        reasons = stored.get("reasons") if stored.get("key") == key else None
        if reasons is None:
            reasons = _reasons(texts)
            stale[issue.pk] = key
        for petition, reason in zip(members[1:], reasons, strict=True):
            petition.grouping_reason = reason  # type: ignore[attr-defined]
    return stale


STORED_AT_ONCE = 200  # issues explained and saved together by ``store_reasons``


def store_reasons(issue_ids: Sequence[int]) -> int:
    """Explain the groups of ``issue_ids`` and store the reasons with each issue, under the texts and the
    pair model they were made from (the ``explain_groups`` task: after a synthesis, for all its new
    groups, and for the groups a page had to explain itself). Returns the number of issues saved."""
    members = Prefetch("petitions", queryset=Petition.objects.only("pk", "text", "issue_id").order_by("pk"))
    ids = sorted(set(issue_ids))
    saved = 0
    for start in range(0, len(ids), STORED_AT_ONCE):
        batch = PetitionIssue.objects.filter(pk__in=ids[start : start + STORED_AT_ONCE])
        changed = []
        for issue in batch.only("pk", "grouping_reasons").prefetch_related(members):
            texts = [petition.text for petition in issue.petitions.all()]
            key = _reasons_key(texts) if len(texts) > 1 else ""
            if (issue.grouping_reasons or {}).get("key", "") != key:
                issue.grouping_reasons = {"key": key, "reasons": _reasons(texts)} if key else {}
                changed.append(issue)
        PetitionIssue.objects.bulk_update(changed, ["grouping_reasons"])
        saved += len(changed)
    return saved


def _reasons(texts: Sequence[str]) -> list[str]:
    from hdnd.petitions.synthesis.explain import explain_members

    whys = zip(explain_members(texts), texts[1:], strict=True)
    return [reason_text(why, (texts[0], text)) for why, text in whys]


def _reasons_key(texts: Sequence[str]) -> str:
    """The group's texts, in order, and the pair model they were explained with."""
    from hdnd.petitions.synthesis.model import model_digest

    digest = hashlib.sha256("\x1f".join([model_digest(), *texts]).encode()).hexdigest()
    return digest[:32]


def reason_text(why: PairExplanation, texts: Sequence[str]) -> str:
    """The clerk's line: "cùng yêu cầu: sửa chữa; cùng đối tượng: đường; từ chung: sửa chữa, nâng cấp;
    khả năng cùng một yêu cầu 99%"."""
    parts = []
    if why.demands:
        parts.append("cùng yêu cầu: " + ", ".join(why.demands))
    if why.objects:
        parts.append("cùng đối tượng: " + ", ".join(why.objects))
    if why.words:
        parts.append("từ chung: " + ", ".join(shared_phrases(why.words, texts)))
    if not parts:
        parts.append("ít điểm chung với ý kiến đầu nhóm")
    parts.append(f"khả năng cùng một yêu cầu {round(100 * why.probability)}%")
    return "; ".join(parts)


def shared_phrases(words: Sequence[str], texts: Sequence[str]) -> list[str]:
    """The shared folded ``words`` as the first text writes them, neighbours kept together, in its
    order ("sua", "chua", "giay" → "sửa chữa", "giấy"); words it does not hold, as another text does.

    A word shared alone keeps the word just before (or else after) it when the other texts write the
    same two words side by side: "gà" reads "ổ gà" (a pothole), not "gà" (a chicken)."""
    wanted = set(words)
    tokens = _TOKEN.findall(nfc(texts[0]))
    folded = [fold(token) for token in tokens]
    beside = {pair for text in texts[1:] for pair in _pairs(text)}
    runs: list[list[str]] = []
    at = 0
    while at < len(tokens):
        if folded[at] not in wanted:
            at += 1
            continue
        end = at
        while end < len(tokens) and folded[end] in wanted:
            end += 1
        start, stop = at, end
        if end - at == 1 and at > 0 and (folded[at - 1], folded[at]) in beside:
            start -= 1
        elif end - at == 1 and end < len(tokens) and (folded[at], folded[end]) in beside:
            stop += 1
        runs.append([token.lower() for token in tokens[start:stop]])
        at = end
    kept: set[int] = set()
    found: set[str] = set()
    for index in sorted(range(len(runs)), key=lambda k: -len(runs[k])):  # longer phrases first
        shared = {fold(w) for w in runs[index]} & wanted
        if not shared <= found:
            kept.add(index)
            found.update(shared)
    phrases = [" ".join(runs[index]) for index in sorted(kept)]
    spelled = {fold(w): w.lower() for text in reversed(texts) for w in _WORD.findall(nfc(text))}
    return phrases + [spelled.get(word, word) for word in words if word not in found]


def _pairs(text: str) -> set[tuple[str, str]]:
    """Every two words a text writes side by side, folded (punctuation between them parts them)."""
    folded = [fold(token) for token in _TOKEN.findall(nfc(text))]
    return set(pairwise(folded))
