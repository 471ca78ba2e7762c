"""Every write of oversight, one function each (a transaction, a row lock, the transition table, one
audit entry with a labelled code, mail after commit). Pages and the API call these."""

from . import followup, programmes, questioning, reminders, supervisions
from .followup import (
    accept_excuse,
    add_commitment,
    add_recommendation,
    attach_evidence,
    history_text,
    open_status,
    propose_accountability,
    reopen,
    report_progress,
    roll_up,
    start_requestioning,
    start_resupervision,
)
from .programmes import add_proposal, adopt_programme, create_programme, decide_proposal
from .questioning import (
    answer_slip,
    conclude_explanation,
    conclude_topic,
    create_topic,
    plan_explanation,
    record_explanation,
    record_questioning,
    select_topic,
    submit_slip,
)
from .reminders import run_followup
from .supervisions import (
    MemberLine,
    add_fieldwork,
    add_finding,
    cancel_supervision,
    conclude_supervision,
    create_supervision,
    establish_team,
    finish_fieldwork,
    receive_self_report,
    receive_supplement,
    record_draft_report,
    request_supplement,
    send_plan,
)

ACTION_LABELS: dict[str, str] = {}
for _module in (programmes, supervisions, followup, reminders, questioning):
    ACTION_LABELS.update(_module.ACTION_LABELS)

__all__ = [
    "ACTION_LABELS",
    "MemberLine",
    "accept_excuse",
    "add_commitment",
    "add_fieldwork",
    "add_finding",
    "add_proposal",
    "add_recommendation",
    "adopt_programme",
    "answer_slip",
    "attach_evidence",
    "cancel_supervision",
    "conclude_explanation",
    "conclude_supervision",
    "conclude_topic",
    "create_programme",
    "create_supervision",
    "create_topic",
    "decide_proposal",
    "establish_team",
    "finish_fieldwork",
    "history_text",
    "open_status",
    "plan_explanation",
    "propose_accountability",
    "receive_self_report",
    "receive_supplement",
    "record_draft_report",
    "record_explanation",
    "record_questioning",
    "reopen",
    "report_progress",
    "request_supplement",
    "roll_up",
    "run_followup",
    "select_topic",
    "send_plan",
    "start_requestioning",
    "start_resupervision",
    "submit_slip",
]
