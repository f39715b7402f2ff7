"""The start-page panel for case work: deadlines in the next eight weeks, follow-ups due within a week,
consents that expire within 30 days, each linking into the file."""

from flask_login import current_user

from ..timeutil import local_today
from .caseload import due_follow_ups, due_soon, expiring_consents
from .choices import LABELS
from .followups import sealed

DEADLINE_DAYS = 56
CONSENT_DAYS = 30
FOLLOW_UP_DAYS = 7


def due_context() -> dict:
    today = local_today()
    followups = due_follow_ups(current_user, today, FOLLOW_UP_DAYS)
    return {
        "today": today,
        "deadlines": due_soon(current_user, today, DEADLINE_DAYS),
        "followups": followups,
        "sealed_followups": sealed(f for f, _client in followups),
        "consents": expiring_consents(current_user, today, CONSENT_DAYS),
        "deadline_days": DEADLINE_DAYS,
        "labels": LABELS,
    }
