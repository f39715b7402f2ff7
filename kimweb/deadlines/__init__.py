"""Suggested deadlines and alerts from letters, residence status records and benefit periods.

Everything here is a suggestion on plain dates (no database); a person confirms a deadline
before anyone relies on it. The pieces:

- `rules`: the editable tables (appeal periods, deemed service, status types, alert stages,
  lawful-stay types, benefit periods). Change the law here, not in the code.
- `periods`: counting periods under §§ 187-193 BGB (month ends, leap years) and working days
  in NRW, with the holidays of kimweb.holidays_nrw.
- `appeals`: the appeal or response deadline after a decision is served (`appeal_deadline`),
  moved past weekends and holidays, and when an ordinary letter counts as served.
- `alerts`: what kind of status a record is (`status_kind`), which of its dates need an alert
  and how pressing each is today (`status_deadlines`, `status_alerts`).
- `stay`: years of lawful stay from a status history (`lawful_stay`).
- `benefits`: when to remind about re-applying for a benefit (`benefit_reminder`).

Callers import from kimweb.deadlines; the names below are its public API.
"""

from .alerts import Alert, StatusDeadline, StatusRecord, status_alerts, status_deadlines, status_kind
from .appeals import Deadline, appeal_deadline, appeal_kinds, deemed_served, legal_deadline
from .benefits import BenefitReminder, benefit_reminder
from .periods import (
    NonWorkingDay,
    Period,
    add_period,
    describe_period,
    is_working_day,
    last_day_of_period,
    non_working_day,
    subtract_period,
    working_day_on_or_after,
    working_day_on_or_before,
)
from .stay import Gap, LawfulStay, lawful_stay

__all__ = [
    "Alert",
    "BenefitReminder",
    "Deadline",
    "Gap",
    "LawfulStay",
    "NonWorkingDay",
    "Period",
    "StatusDeadline",
    "StatusRecord",
    "add_period",
    "appeal_deadline",
    "appeal_kinds",
    "benefit_reminder",
    "deemed_served",
    "describe_period",
    "is_working_day",
    "last_day_of_period",
    "lawful_stay",
    "legal_deadline",
    "non_working_day",
    "status_alerts",
    "status_deadlines",
    "status_kind",
    "subtract_period",
    "working_day_on_or_after",
    "working_day_on_or_before",
]
