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

from django.core.cache import caches
from django.db.models import Prefetch, QuerySet

from hdnd.core import publiccache
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


def explain_grouping(issues: Sequence[PetitionIssue]) -> None:
    """Set ``grouping_reason`` on every petition but the first of each issue: why the grouping put it
    with the first one (the issue is titled after it): the shared demand, object and words, and how
    likely the pair model finds it that they make one demand (``synthesis.explain.explain_members``).
    The issues' petitions must be prefetched, so that the page shows these very objects.

    A group's reasons are kept (``REASONS_KEPT``) under its texts and the pair model: explaining costs
    about 3 ms a group, 70 ms of a page of 30 groups at national size, and only a change of its members
    changes them. In the cache of the kept values (``publiccache.CACHE``, 20.000 entries), never the
    default one, whose throttling counters a flood of entries would cull."""
    from hdnd.petitions.synthesis.explain import explain_members

    groups = [members for issue in issues if len(members := list(issue.petitions.all())) > 1]
    keys = [_reasons_key([petition.text for petition in members]) for members in groups]
    store = caches[publiccache.CACHE]
    kept = store.get_many(keys)
    counted: dict[str, list[str]] = {}
    for key, members in zip(keys, groups, strict=True):
        reasons = kept.get(key)
        if reasons is None:
            texts = [petition.text for petition in members]
            whys = zip(explain_members(texts), texts[1:], strict=True)
            reasons = counted[key] = [reason_text(why, (texts[0], text)) for why, text in whys]
        for petition, reason in zip(members[1:], reasons, strict=True):
            petition.grouping_reason = reason  # type: ignore[attr-defined]
    if counted:
        store.set_many(counted, REASONS_KEPT)


REASONS_KEPT = 30 * 24 * 3600
EXPLAINED_AFTER_SYNTHESIS = 90  # the first three pages of new groups a clerk reviews


def explain_new_groups(issue_ids: Sequence[int]) -> int:
    """Explain the first ``EXPLAINED_AFTER_SYNTHESIS`` issues a synthesis made and keep their reasons
    (the task it asks for after its commit), so that the synthesis pages the clerk opens next find them
    kept: explained in the request, a page of 30 new groups took 0,1 s at national size. Only the first
    few pages: every group of a province's round would crowd the pages out of the cache; a later page
    explains its groups when it is opened. Returns the number of issues read."""
    members = Prefetch("petitions", queryset=Petition.objects.only("pk", "text", "issue_id").order_by("pk"))
    first = sorted(issue_ids)[:EXPLAINED_AFTER_SYNTHESIS]
    issues = list(PetitionIssue.objects.filter(pk__in=first).only("pk").prefetch_related(members))
    explain_grouping(issues)
    return len(issues)


def _reasons_key(texts: Sequence[str]) -> str:
    """The group's texts, in order, and the pair model they were explained with."""
    from hdnd.petitions.synthesis.model import model_digest

    digest = hashlib.sha256("\x1f".join([model_digest(), *texts]).encode()).hexdigest()
    return f"petitions.reasons:{digest}"


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
