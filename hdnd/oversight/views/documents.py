"""Downloads of the oversight documents (.docx and PDF), served to those who may view the council."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from hdnd.accounts.scope import VIEW_WORK
from hdnd.core import documents as core
from hdnd.core.documents import AdminDocument
from hdnd.oversight import documents
from hdnd.oversight.models import QuestioningTopic, Supervision
from hdnd.oversight.permissions import (
    explanation_for,
    readable_for,
    recommendation_for,
    supervision_for,
    topic_for,
)

SUPERVISION_DOCUMENTS: dict[str, tuple[str, Callable[[Supervision], AdminDocument]]] = {
    "ke-hoach": ("Kế hoạch giám sát", documents.plan),
    "quyet-dinh": ("Quyết định thành lập đoàn giám sát", documents.decision),
    "de-cuong": ("Đề cương báo cáo", documents.outline),
    "thong-bao": ("Thông báo kết luận giám sát", documents.notice),
}
EXTENSIONS = ("docx", "pdf")


def respond(document: AdminDocument, name: str, extension: str) -> HttpResponse:
    if extension not in EXTENSIONS:
        raise Http404
    filename = f"{name}.{extension}"
    if extension == "pdf":
        return core.attachment(core.build_pdf(document), filename, core.PDF)
    return core.attachment(core.build(document), filename)


@login_required
def supervision_document(request: HttpRequest, pk: int, which: str, extension: str) -> HttpResponse:
    supervision = supervision_for(request, pk, VIEW_WORK)
    if which not in SUPERVISION_DOCUMENTS:
        raise Http404
    title, build = SUPERVISION_DOCUMENTS[which]
    if which == "thong-bao" and supervision.outcome != Supervision.Outcome.NOTICE:
        raise Http404
    number = supervision.notice_symbol if which == "thong-bao" else supervision.decision_symbol
    return respond(build(supervision), f"{title} {number.replace('/', '-') or 'du-thao'}", extension)


@login_required
def recommendation_letter(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The reminder letter to the recommendation's agency: every open recommendation of the council to it
    that is due or overdue, this one first."""
    item = readable_for(request, recommendation_for, pk)
    today = timezone.localdate()
    others = (
        item.council.recommendations.open()
        .filter(agency=item.agency, parent__isnull=True, due_on__lte=today)
        .exclude(pk=item.pk)
        .select_related("agency", "supervision", "council__unit")
    )
    return respond(
        documents.reminder_letter([item, *others], today), f"Văn bản đôn đốc {item.agency}", extension
    )


@login_required
def topic_resolution(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The skeleton of the session's resolution on questioning (every topic questioned at the session)."""
    topic = topic_for(request, pk, VIEW_WORK)
    if topic.session is None:
        raise Http404
    topics = QuestioningTopic.objects.filter(session=topic.session).exclude(
        status__in=["proposed", "declined"]
    )
    chosen = list(topics) or [topic]
    name = f"Nghị quyết về chất vấn kỳ họp {topic.session.number}"
    return respond(documents.questioning_resolution(topic.session, chosen), name, extension)


@login_required
def explanation_document(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    session = explanation_for(request, pk, VIEW_WORK)
    number = session.notice_symbol.replace("/", "-") or "du-thao"
    return respond(
        documents.explanation_notice(session), f"Thông báo kết luận giải trình {number}", extension
    )
