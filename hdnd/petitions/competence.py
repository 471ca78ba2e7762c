"""Which agencies may answer an issue of a competence level, and what keeps an issue's classification and
its forwardings from contradicting each other.

An issue classified "Cấp thẩm quyền: Xã" is settled by the commune: a provincial Sở cannot answer it
(the province refers it down, ``referral``). The answering agency staff name on the issue is one the
issue was forwarded to. ``actions.forwarding.forward_issue`` and ``actions.classify`` refuse what
contradicts these rules; the issue page offers only the agencies that fit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from hdnd.councils.models import Agency, AgencyKind, Level

from .models import Competence, PetitionIssue

CENTRAL = "trung_uong"  # the level of a Bộ, ngành trung ương, whatever council lists it
# Competence level → the levels of the agencies that may answer it. A province forwards a matter of the
# central level through its own bodies (UBND tỉnh, Đoàn ĐBQH) or to the ministry itself.
ANSWERING_LEVELS: dict[str, frozenset[str]] = {
    Competence.COMMUNE: frozenset({Level.COMMUNE}),
    Competence.PROVINCE: frozenset({Level.PROVINCE}),
    Competence.CENTRAL: frozenset({CENTRAL, Level.PROVINCE}),
}
LEVEL_WORDS = {
    CENTRAL: "trung ương",
    Level.PROVINCE: "cấp tỉnh",
    Level.DISTRICT: "cấp huyện",
    Level.COMMUNE: "cấp xã",
}


def agency_level(agency: Agency) -> str:
    """The level an agency works at: central for a ministry, else its council's level."""
    return CENTRAL if agency.kind == AgencyKind.CENTRAL else agency.council.level


def fits(competence: str, agency: Agency) -> bool:
    """True when ``agency`` may answer an issue of ``competence`` (any agency while it is unset)."""
    allowed = ANSWERING_LEVELS.get(competence)
    return allowed is None or agency_level(agency) in allowed


def misfit_message(competence: str, agencies: Iterable[Agency]) -> str:
    """Why these agencies cannot answer an issue of ``competence``, in the words staff read."""
    names = ", ".join(f"{a.name} ({LEVEL_WORDS.get(agency_level(a), '')})" for a in agencies)
    label = Competence(competence).label.lower()
    hint = "chuyển HĐND cấp xã" if competence == Competence.COMMUNE else "chuyển HĐND cấp trên"
    return (
        f"Kiến nghị thuộc thẩm quyền cấp {label}: không chuyển đến {names}. "
        f"Hãy {hint} (bước “Chuyển HĐND cấp khác”) hoặc sửa cấp thẩm quyền ở bước phân loại."
    )


def answering(agencies: QuerySet[Agency], competence: str) -> QuerySet[Agency]:
    """The agencies of ``agencies`` that may answer an issue of ``competence``."""
    allowed = ANSWERING_LEVELS.get(competence)
    if allowed is None:
        return agencies
    levels = [level for level in allowed if level != CENTRAL]
    central = Q(kind=AgencyKind.CENTRAL)
    ok = (Q(council__level__in=levels) & ~central) | (central if CENTRAL in allowed else Q(pk__in=[]))
    return agencies.filter(ok)


def forwarded_agencies(issue: PetitionIssue) -> list[Agency]:
    """The agencies the issue was forwarded to, first forwarding first."""
    seen: dict[int, Agency] = {}
    for forwarding in issue.forwardings.select_related("agency__council").order_by("pk"):
        seen.setdefault(forwarding.agency_id, forwarding.agency)
    return list(seen.values())


def forwarding_errors(issue: PetitionIssue, agencies: list[Agency]) -> list[str]:
    """What refuses forwarding ``issue`` to ``agencies``: a level that does not fit its competence, or
    leaving out the answering agency it was classified with (unless that one already has it)."""
    errors = []
    misfits = [a for a in agencies if not fits(issue.competence, a)]
    if misfits:
        errors.append(misfit_message(issue.competence, misfits))
    chosen = {a.pk for a in agencies}
    classified = issue.agency_id
    if (
        classified
        and classified not in chosen
        and not issue.forwardings.filter(agency_id=classified).exists()
    ):
        errors.append(
            f"Kiến nghị đã phân loại cơ quan trả lời là {issue.agency}: chuyển đến cơ quan này "
            "(có thể thêm cơ quan phối hợp), hoặc sửa cơ quan trả lời ở bước phân loại trước."
        )
    return errors


def classification_errors(issue: PetitionIssue, competence: str, agency: Agency | None) -> dict[str, str]:
    """What refuses a classification that contradicts itself or the forwardings already sent."""
    errors: dict[str, str] = {}
    sent = forwarded_agencies(issue) if issue.pk else []
    if agency is not None and not fits(competence, agency):
        errors["agency"] = misfit_message(competence, [agency])
    elif agency is not None and sent and agency.pk not in {a.pk for a in sent}:
        names = ", ".join(a.name for a in sent)
        errors["agency"] = (
            f"Kiến nghị đã chuyển đến {names}: cơ quan trả lời phải là cơ quan đã nhận kiến nghị. "
            f"Chuyển thêm đến {agency.name} trước nếu cơ quan này trả lời."
        )
    misfits = [a for a in sent if not fits(competence, a)]
    if misfits:
        errors["competence"] = (
            f"Kiến nghị đã chuyển đến {', '.join(a.name for a in misfits)} "
            f"({LEVEL_WORDS.get(agency_level(misfits[0]), '')}): không thể xếp thẩm quyền cấp "
            f"{Competence(competence).label.lower()}."
        )
    return errors
