"""Every audited change of petitions, one module per feature (as Zulip's ``zerver/actions``).

Each action runs in a transaction, locks the rows it changes, checks the transition tables in
``models``, raises ``ValidationError`` with a Vietnamese message on bad input, writes exactly one audit
entry (its label in ``audit_labels``) and sends mail only after the commit. Pages (``views``) and the API
(``api``) call these functions and nothing else to change data.

- ``entry``: cycles, meetings, petitions typed or pasted at a meeting (the one door ``new_petition``)
- ``intake``: reception, letters and imported files; ``referral``: between councils
- ``synthesis``: grouping into draft issues (at once or in the background) and their review
- ``classify``, ``fields``: an issue's field, competence and agency; the field taxonomy
- ``forwarding``: forwarding, answers, ratings, reminders and escalation; ``followup``: after the answer
- ``publication``: publishing answers to voters
"""

from hdnd.accounts.models import User
from hdnd.core.audit import Actor

# Kept for bench/synthesis_run.py, which reads these through ``actions``; they live in ``grouping``.
from hdnd.petitions.grouping import group_petitions, pending_petitions

__all__ = ["group_petitions", "pending_petitions", "user_of"]


def user_of(by: Actor) -> User | None:
    """The signed-in user behind an action, or None for the system (the scheduler, a command)."""
    return by if isinstance(by, User) and by.is_authenticated else None
