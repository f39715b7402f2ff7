"""The start-page panel for case work: deadlines in the next eight weeks, overdue follow-ups,
consents that expire within 30 days, each linking into the file."""

from flask_login import current_user

from ..home.panels import register_panel
from ..timeutil import local_today
from .caseload import due_soon, expiring_consents, overdue_follow_ups
from .choices import LABELS

DEADLINE_DAYS = 56
CONSENT_DAYS = 30


def due_context() -> dict:
    today = local_today()
    return {
        "today": today,
        "deadlines": due_soon(current_user, today, DEADLINE_DAYS),
        "followups": overdue_follow_ups(current_user, today),
        "consents": expiring_consents(current_user, today, CONSENT_DAYS),
        "deadline_days": DEADLINE_DAYS,
        "labels": LABELS,
    }


def register() -> None:
    register_panel("clients/_start_panel.html", "client.read", due_context, order=10)
