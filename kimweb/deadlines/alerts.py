"""Alerts from a residence status record: the kind of status, the dates that need an alert, and
how pressing each is on a given day."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..textfold import fold
from .periods import ONE_DAY, as_date, last_day_of_period, subtract_period, working_day_on_or_before
from .rules import ALERT_RULES, CHANCEN_AUFENTHALT_MONTHS, SEVERITIES, SEVERITY_LABELS, STATUS_PREFIXES


@dataclass
class StatusRecord:
    """The attributes the functions below read; a SQLAlchemy model with the same names works too."""

    status_type: str
    legal_basis: str | None = None
    issued_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    card_valid_until: date | None = None
    passport_valid_until: date | None = None
    residence_obligation_until: date | None = None


_CHANCEN_BASIS = re.compile(r"\b104 ?c\b")


def status_text(value: Any) -> str:
    """A status type or legal basis as text; accepts plain strings and Enum members alike."""
    return str(getattr(value, "value", value) or "")


def status_kind(status_type: Any, legal_basis: Any = None) -> str:
    """The STATUS_TYPES key for a status type given as key, label or free text
    ("Duldung § 60b" -> "duldung"). An Aufenthaltserlaubnis on § 104c counts as its own kind,
    because it cannot be extended."""
    compact = fold(status_text(status_type)).replace(" ", "")
    # Prefixes first, so that "Duldung § 60b" is a Duldung; then anywhere, for "§ 60a Duldung".
    kind = next((key for prefix, key in STATUS_PREFIXES if compact.startswith(prefix)), None)
    kind = kind or next((key for prefix, key in STATUS_PREFIXES if prefix in compact), "unbekannt")
    if kind == "aufenthaltserlaubnis" and _CHANCEN_BASIS.search(
        fold(f"{status_text(status_type)} {status_text(legal_basis)}")
    ):
        return "chancen_aufenthalt"
    return kind


def _chancen_end(record: Any) -> date | None:
    # Whatever the card says, the permit cannot outlast 18 months from issue.
    valid_until = as_date(getattr(record, "valid_until", None))
    issued_on = as_date(getattr(record, "issued_on", None))
    if issued_on is None:
        return valid_until
    limit = last_day_of_period(issued_on, CHANCEN_AUFENTHALT_MONTHS)
    return min(limit, valid_until) if valid_until else limit


@dataclass(frozen=True)
class StatusDeadline:
    """A date from a status record and the days its alert stages begin, for storing or listing."""

    kind: str
    label: Any
    due: date
    stages: tuple[tuple[date, str], ...]  # (from this day, severity), earliest first
    after_due: bool


@dataclass(frozen=True)
class Alert:
    kind: str
    label: Any
    due: date  # the day the paper expires or the period ends
    alert_on: date  # the day the current severity began
    severity: str  # one of SEVERITIES
    days_left: int  # negative once overdue

    @property
    def severity_label(self) -> Any:
        return SEVERITY_LABELS[self.severity]

    @property
    def last_working_day(self) -> date:
        """Offices are closed on weekends and holidays; the last day to go there in person."""
        return working_day_on_or_before(self.due)


def status_deadlines(record: Any) -> list[StatusDeadline]:
    """Every date of a status record that needs an alert, with its stages (ALERT_RULES)."""
    kind = status_kind(getattr(record, "status_type", None), getattr(record, "legal_basis", None))
    found: list[StatusDeadline] = []
    for alert_kind, rule in ALERT_RULES.items():
        if kind not in rule.types:
            continue
        if rule.field == "chancen_end":
            due = _chancen_end(record)
        else:
            due = as_date(getattr(record, rule.field, None))
        if due is None:
            continue
        if any(d.kind in rule.redundant_with and d.due == due for d in found):
            continue
        stages = tuple((subtract_period(due, lead), severity) for lead, severity in rule.stages)
        found.append(StatusDeadline(alert_kind, rule.label, due, stages, rule.after_due))
    return found


def status_alerts(record: Any, today: date) -> list[Alert]:
    """Alerts due on `today` for one status record, most pressing first. Pass the client's
    current record: an old record's expired permit would otherwise show as overdue."""
    alerts = []
    for deadline in status_deadlines(record):
        if today > deadline.due:
            if deadline.after_due:
                alerts.append(
                    Alert(
                        deadline.kind,
                        deadline.label,
                        deadline.due,
                        deadline.due + ONE_DAY,
                        "overdue",
                        (deadline.due - today).days,
                    )
                )
            continue
        reached = [stage for stage in deadline.stages if stage[0] <= today]
        if not reached:
            continue
        alert_on, severity = max(reached, key=lambda stage: (SEVERITIES.index(stage[1]), stage[0]))
        alerts.append(
            Alert(deadline.kind, deadline.label, deadline.due, alert_on, severity, (deadline.due - today).days)
        )
    order = list(ALERT_RULES)
    alerts.sort(key=lambda a: (-SEVERITIES.index(a.severity), a.due, order.index(a.kind)))
    return alerts
