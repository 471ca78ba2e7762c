"""Letters entered as voters' petitions before this register existed (source "Đơn, thư"), moved here.

Run once by migration 0002 with the historical models. A complaint or a denunciation (told by its words:
"khiếu nại", "tố cáo") becomes a letter awaiting classification, carrying the petition's id; the petition
keeps its row and its audit entries (the log is append-only), but its text is replaced by a pointer to
the letter, and an issue made only of moved letters is withdrawn from public view with its wording
replaced, so no public page holds the text of a complaint or a denunciation. A letter that carries a
voter's petition stays a petition and gets a letter linked to it, kept for monitoring.

What the migration cannot do is know a denouncer's name inside old text: moved denunciations are marked
for the clerk to redact at classification (docs/reception.md).
"""

from __future__ import annotations

from typing import Any

from hdnd.core.text import fold

LETTER = "letter"  # Petition.Source.LETTER
DENUNCIATION_WORDS = ("to cao",)
COMPLAINT_WORDS = ("khieu nai",)
MOVED_TEXT = "Đơn đã chuyển sang sổ đơn thư, mã số {code} (không công khai)."
WITHDRAWN_TITLE = "Đơn đã chuyển sang sổ đơn thư (không công khai)"
REVIEW = "Chuyển từ kiến nghị cử tri số {pk}: cần rà soát, lược bỏ thông tin người tố cáo khi phân loại."
PETITION_KEPT = "Đã ghi thành kiến nghị cử tri, theo dõi qua kỳ tiếp xúc cử tri."


def kind_of(text: str) -> str:
    """``to_cao``, ``khieu_nai`` or ``kien_nghi`` by the letter's own words."""
    key = fold(text)
    if any(word in key for word in DENUNCIATION_WORDS):
        return "to_cao"
    if any(word in key for word in COMPLAINT_WORDS):
        return "khieu_nai"
    return "kien_nghi"


def move_letter_petitions(apps: Any, schema_editor: Any = None) -> None:
    Petition = apps.get_model("petitions", "Petition")
    Letter = apps.get_model("reception", "Letter")
    moved_issues: set[int] = set()
    for petition in Petition.objects.filter(source=LETTER).order_by("pk").iterator():
        if Letter.objects.filter(moved_from_petition=petition.pk).exists():
            continue  # run twice, change nothing
        kind = kind_of(petition.text)
        received = petition.received_on or petition.created_at.date()
        letter = Letter(
            council_id=petition.council_id,
            channel="post",
            received_on=received,
            reference=petition.reference,
            kind=kind,
            subject=petition.text[:120] if kind != "to_cao" else REVIEW.format(pk=petition.pk)[:255],
            content=petition.text,
            content_key=fold(petition.text),
            status="awaiting" if kind != "kien_nghi" else "kept",
            moved_from_petition=petition.pk,
        )
        if kind == "kien_nghi":
            letter.petition_id, letter.kept_reason = petition.pk, PETITION_KEPT
        letter.save()
        if kind == "kien_nghi":
            continue
        petition.text = MOVED_TEXT.format(code=letter.code)
        petition.text_key = fold(petition.text)
        petition.answer = ""
        petition.save(update_fields=["text", "text_key", "answer"])
        if petition.issue_id:
            moved_issues.add(petition.issue_id)
    _withdraw(apps, moved_issues)


def _withdraw(apps: Any, issue_ids: set[int]) -> None:
    """Issues made only of moved letters leave public view; mixed ones take a remaining petition's words."""
    Petition = apps.get_model("petitions", "Petition")
    Issue = apps.get_model("petitions", "PetitionIssue")
    for issue in Issue.objects.filter(pk__in=issue_ids):
        remaining = Petition.objects.filter(issue=issue).exclude(
            text__startswith="Đơn đã chuyển sang sổ đơn thư"
        )
        first = remaining.order_by("pk").first()
        if first is None:
            issue.title, issue.summary, issue.published_at, issue.published_by = (
                WITHDRAWN_TITLE,
                "",
                None,
                None,
            )
        else:
            issue.title, issue.summary = first.text[:255], ""
        issue.save(update_fields=["title", "summary", "published_at", "published_by"])
