"""Permission-matrix rows for the conduct of a session (pages, files and API), and the helpers that
arrange a session's agenda, attendance and files through the same actions users go through.

Reading (the work page, attendance list, files, minutes and results notice .docx/PDF) needs VIEW; every
change, and the vote, item-edit and minutes forms, MANAGE_SESSIONS.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from hdnd.core.audit import Actor
from hdnd.councils.models import Body, BodyKind, Council, Membership, Person
from hdnd.sittings import conduct, results, voting
from hdnd.sittings.models import Session, SessionAgendaItem, SessionDocument
from hdnd.sittings.tests import support
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope

READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"

PDF = b"%PDF-1.4\n% hdnd test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def delegates(council: Council, count: int = 3) -> list[Person]:
    """The term's current delegates, entering ``count`` of them when the term has none yet."""
    term = support.term(council)
    if not Membership.objects.delegates().filter(term=term).exists():
        support.term(council, delegates=count)
    ids = Membership.objects.delegates().filter(term=term).values_list("person_id", flat=True)
    return list(Person.objects.filter(pk__in=ids).order_by("name_key", "pk"))


def held(council: Council, by: Actor = None, count: int = 3) -> Session:
    """A session in progress whose term has ``count`` delegates."""
    delegates(council, count)
    return support.in_progress(council, by)


def ban(council: Council) -> Body:
    """The council's Ban Kinh tế – Ngân sách (every level has one)."""
    found, _ = Body.objects.get_or_create(
        council=council, name="Ban Kinh tế – Ngân sách", defaults={"kind": BodyKind.ECONOMY_BUDGET}
    )
    return found


def item(council: Council, session: Session | None = None, **extra: Any) -> SessionAgendaItem:
    """A draft resolution on the agenda, examined by the council's Ban Kinh tế – Ngân sách."""
    values = {
        "kind": "draft_resolution",
        "title": "Dự thảo nghị quyết về dự toán ngân sách năm 2027",
        "examining_body": ban(council),
    }
    return conduct.add_agenda_item(session or support.session(council), by=None, **{**values, **extra})


def present_all(session: Session) -> None:
    entries = {person.pk: ("present", "") for person in voting.term_delegates(session)}
    voting.record_attendance(session, by=None, entries=entries)


def latest_session(council: Council) -> Session:
    return Session.objects.filter(council=council).latest("pk")


# URL arguments for a target council --------------------------------------------------------------


def session_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.session(council).pk}


def held_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": held(council).pk}


def item_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": item(council).pk}


def voting_item_pk(world: World, council: Council) -> dict[str, Any]:
    session = held(council)
    present_all(session)
    return {"pk": item(council, session).pk}


def reported_item_pk(world: World, council: Council) -> dict[str, Any]:
    found = item(council)
    conduct.record_examination(found, by=None, on=found.session.opens_on, upload=pdf_file("tham-tra.pdf"))
    return {"pk": found.pk}


def document_pk(world: World, council: Council) -> dict[str, Any]:
    document: SessionDocument = conduct.attach_document(
        item(council), by=None, title="Tờ trình", upload=pdf_file()
    )
    return {"pk": document.pk}


def minutes_file_pk(world: World, council: Council) -> dict[str, Any]:
    session = support.session(council)
    results.record_minutes(session, by=None, text="Diễn biến", upload=pdf_file("bien-ban.pdf"))
    return {"pk": session.pk}


def vote_pk(world: World, council: Council) -> dict[str, Any]:
    vote = voting.record_vote(
        SessionAgendaItem.objects.get(pk=voting_item_pk(world, council)["pk"]),
        by=None,
        method="show_of_hands",
        votes_for=3,
    )
    return {"pk": vote.pk}


def session_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": support.session(council).pk}


def held_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": held(council).pk}


def voting_item_id(world: World, council: Council) -> dict[str, Any]:
    return {"item_id": voting_item_pk(world, council)["pk"]}


def item_id(world: World, council: Council) -> dict[str, Any]:
    return {"item_id": item_pk(world, council)["pk"]}


def reported_item_id(world: World, council: Council) -> dict[str, Any]:
    return {"item_id": reported_item_pk(world, council)["pk"]}


def document_id(world: World, council: Council) -> dict[str, Any]:
    return {"document_id": document_pk(world, council)["pk"]}


def minutes_file_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": minutes_file_pk(world, council)["pk"]}


def vote_id(world: World, council: Council) -> dict[str, Any]:
    return {"vote_id": vote_pk(world, council)["pk"]}


# Form data ---------------------------------------------------------------------------------------


def attendance_form(world: World, council: Council) -> dict[str, Any]:
    session = latest_session(council)
    return {f"status_{person.pk}": "present" for person in voting.term_delegates(session)}


def attendance_json(world: World, council: Council) -> dict[str, Any]:
    session = latest_session(council)
    return {"entries": [{"person_id": p.pk, "status": "present"} for p in voting.term_delegates(session)]}


VOTE = {"method": "show_of_hands", "votes_for": 2, "votes_against": 1, "abstentions": 0}
ITEM = {"kind": "report", "title": "Báo cáo kết quả giám sát năm 2026"}

ROWS = [
    Row("sittings:conduct_work", READERS, session_pk),
    Row(
        "sittings:conduct_preparatory",
        STAFF_POST,
        session_pk,
        method="post",
        data=lambda w, c: {"held_on": "20/11/2026", "participants": "Thường trực HĐND, UBND, UBMTTQ"},
    ),
    Row(
        "sittings:conduct_item_add",
        STAFF_POST,
        session_pk,
        method="post",
        data=lambda w, c: {"kind": "report", "title": "Báo cáo kinh tế - xã hội năm 2026"},
    ),
    Row(
        "sittings:conduct_item_move",
        STAFF_POST,
        item_pk,
        method="post",
        data=lambda w, c: {"direction": "up"},
    ),
    Row(
        "sittings:conduct_examination",
        STAFF_POST,
        item_pk,
        method="post",
        data=lambda w, c: {"on": "25/11/2026", "file": pdf_file("tham-tra.pdf")},
    ),
    Row("sittings:conduct_examination_file", READERS, reported_item_pk),
    Row(
        "sittings:conduct_document_add",
        STAFF_POST,
        item_pk,
        method="post",
        data=lambda w, c: {"title": "Tờ trình", "file": pdf_file()},
    ),
    Row("sittings:conduct_document_file", READERS, document_pk),
    Row("sittings:conduct_attendance", READERS, held_pk),
    Row("sittings:conduct_attendance", STAFF_POST, held_pk, method="post", data=attendance_form),
    Row("sittings:conduct_vote", STAFF_PAGE, voting_item_pk),
    Row("sittings:conduct_vote", STAFF_POST, voting_item_pk, method="post", data=lambda w, c: VOTE),
    Row("sittings:conduct_minutes", STAFF_PAGE, session_pk),
    Row(
        "sittings:conduct_minutes",
        STAFF_POST,
        session_pk,
        method="post",
        data=lambda w, c: {"chair_name": "Nguyễn Văn An", "secretary_name": "Trần Thị Bình"},
    ),
    Row("sittings:conduct_minutes_file", READERS, minutes_file_pk),
    Row("sittings:conduct_minutes_docx", READERS, session_pk),
    Row("sittings:conduct_minutes_pdf", READERS, session_pk),
    Row("sittings:conduct_results_docx", READERS, session_pk),
    Row("sittings:conduct_results_pdf", READERS, session_pk),
    Row("sittings:conduct_item_edit", STAFF_PAGE, item_pk),
    Row("sittings:conduct_item_edit", STAFF_POST, item_pk, method="post", data=lambda w, c: ITEM),
    Row("sittings:conduct_item_remove", STAFF_POST, item_pk, method="post"),
    Row("sittings:conduct_vote_correct", STAFF_PAGE, vote_pk),
    Row("sittings:conduct_vote_correct", STAFF_POST, vote_pk, method="post", data=lambda w, c: VOTE),
    Row("sittings:conduct_vote_remove", STAFF_POST, vote_pk, method="post"),
    # API
    Row("api:conduct_detail", API_READERS, session_id),
    Row(
        "api:conduct_item_create",
        API_CREATE,
        session_id,
        method="post",
        data=lambda w, c: {"kind": "report", "title": "Báo cáo công tác năm 2026"},
        content_type=JSON,
    ),
    Row(
        "api:conduct_attendance", API_CHANGE, held_id, method="post", data=attendance_json, content_type=JSON
    ),
    Row(
        "api:conduct_vote_create",
        API_CREATE,
        voting_item_id,
        method="post",
        data=lambda w, c: VOTE,
        content_type=JSON,
    ),
    Row(
        "api:conduct_preparatory",
        API_CHANGE,
        session_id,
        method="put",
        data=lambda w, c: {"held_on": "2026-11-20", "participants": "Thường trực HĐND"},
        content_type=JSON,
    ),
    Row(
        "api:conduct_item_update",
        API_CHANGE,
        item_id,
        method="put",
        data=lambda w, c: ITEM,
        content_type=JSON,
    ),
    Row("api:conduct_item_delete", API_CHANGE, item_id, method="delete"),
    Row(
        "api:conduct_item_move",
        API_CHANGE,
        item_id,
        method="post",
        data=lambda w, c: {"direction": "down"},
        content_type=JSON,
    ),
    Row(
        "api:conduct_examination",
        API_CHANGE,
        item_id,
        method="post",
        data=lambda w, c: {"on": "2026-11-25", "file": pdf_file("tham-tra.pdf")},
    ),
    Row("api:conduct_examination_download", API_READERS, reported_item_id),
    Row(
        "api:conduct_document_create",
        API_CREATE,
        item_id,
        method="post",
        data=lambda w, c: {"title": "Tờ trình", "file": pdf_file()},
    ),
    Row("api:conduct_document_download", API_READERS, document_id),
    Row(
        "api:conduct_vote_update",
        API_CHANGE,
        vote_id,
        method="put",
        data=lambda w, c: VOTE,
        content_type=JSON,
    ),
    Row("api:conduct_vote_delete", API_CHANGE, vote_id, method="delete"),
    Row(
        "api:conduct_minutes",
        API_CHANGE,
        session_id,
        method="post",
        data=lambda w, c: {"chair_name": "Nguyễn Văn An", "file": pdf_file("bien-ban.pdf")},
    ),
    Row("api:conduct_minutes_download", API_READERS, minutes_file_id),
    Row("api:conduct_minutes_docx", API_READERS, session_id),
    Row("api:conduct_minutes_pdf", API_READERS, session_id),
    Row("api:conduct_results_docx", API_READERS, session_id),
    Row("api:conduct_results_pdf", API_READERS, session_id),
]
