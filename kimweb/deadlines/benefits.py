"""Reminders to re-apply for a benefit before its approval period ends."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from .periods import last_day_of_period, subtract_period, working_day_on_or_before
from .rules import BENEFIT_RULES


@dataclass(frozen=True)
class BenefitReminder:
    kind: str
    label: Any
    period_end: date  # last day of the approval period
    remind_on: date
    legal_basis: str


def benefit_reminder(
    kind: str, *, period_start: date | None = None, period_end: date | None = None, months: int | None = None
) -> BenefitReminder:
    """When to remind about re-applying for a benefit (a key of BENEFIT_RULES). Give the approval
    period's last day from the decision if known, otherwise its first day and, if it differs from
    the usual, its length in months. A reminder on a weekend or holiday moves to the working day
    before, never after."""
    try:
        rule = BENEFIT_RULES[kind]
    except KeyError:
        raise ValueError(f"unknown benefit: {kind!r}") from None
    if period_end is None:
        if period_start is None:
            raise ValueError("give the first or the last day of the approval period")
        months = rule.months if months is None else months
        if not 1 <= months <= rule.max_months:
            raise ValueError(f"{kind} is approved for 1 to {rule.max_months} months")
        period_end = last_day_of_period(period_start, months)
    remind_on = working_day_on_or_before(subtract_period(period_end, rule.lead))
    return BenefitReminder(kind, rule.label, period_end, remind_on, rule.legal_basis)
