"""Appeal and response deadlines after a decision is served, and the day a letter counts as served."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext

from .periods import (
    ONE_DAY,
    Period,
    add_period,
    describe_period,
    is_working_day,
    why_not_working,
    working_day_on_or_after,
)
from .rules import APPEAL_RULES, DEEMED_SERVICE_DAYS


@dataclass(frozen=True)
class Deadline:
    """A suggested deadline; a person confirms it before anyone relies on it."""

    start: date
    period: Period
    unshifted: date  # the day § 188 BGB gives
    due: date  # after moving past weekends and NRW public holidays
    skipped: tuple[tuple[date, Any], ...] = ()  # each non-working day passed over, with its name
    kind: str | None = None
    label: Any = None
    legal_basis: str | None = None

    @property
    def shifted(self) -> bool:
        return self.due != self.unshifted

    @property
    def shift_reason(self) -> str | None:
        """E.g. "verschoben: Karfreitag, Samstag, Sonntag, Ostermontag"; None if not shifted."""
        if not self.skipped:
            return None
        return gettext("verschoben: %(days)s", days=", ".join(str(name) for _, name in self.skipped))

    @property
    def period_text(self) -> str:
        return describe_period(self.period)


def _deadline(start: date, period: Period, **extra: Any) -> Deadline:
    if period.is_zero:
        raise ValueError("a deadline needs a period longer than zero")
    unshifted = add_period(start, period)
    due, skipped = unshifted, []
    # § 193 BGB, § 222 Abs. 2 ZPO, § 57 Abs. 2 VwGO, § 31 Abs. 3 VwVfG, § 26 Abs. 3 SGB X.
    while not is_working_day(due):
        skipped.append((due, why_not_working(due)))
        due += ONE_DAY
    return Deadline(start, period, unshifted, due, tuple(skipped), **extra)


def legal_deadline(start: date, *, days: int = 0, weeks: int = 0, months: int = 0, years: int = 0) -> Deadline:
    """End of a period that starts with an event on `start` (service of a decision), moved to the
    next working day in NRW if it falls on a Saturday, Sunday or public holiday."""
    return _deadline(start, Period(days=days, weeks=weeks, months=months, years=years))


def deemed_served(posted_on: date, *, shift: bool = False) -> date:
    """Day an ordinary letter from an authority counts as served: the 4th day after posting for
    letters posted from 2025 on, the 3rd day before (§ 41 Abs. 2 VwVfG, § 37 Abs. 2 SGB X,
    § 122 Abs. 2 AO; table DEEMED_SERVICE_DAYS). If the letter demonstrably arrived later, the
    actual day counts instead, so record that day rather than calling this.

    By default the day is not moved off a weekend or holiday: administrative and social courts
    treat it as a fixed date, not the end of a period (e.g. OVG Lüneburg, 4 LA 44/10), and only
    the appeal deadline that follows is moved. The earlier date is also the safe side for the
    client. `shift=True` follows the BFH's view for tax decisions (§ 108 Abs. 3 AO)."""
    days = [days for first_day, days in DEEMED_SERVICE_DAYS if first_day <= posted_on][-1]
    served = posted_on + timedelta(days=days)
    return working_day_on_or_after(served) if shift else served


def appeal_deadline(
    kind: str, served_on: date, remedy_instructions_missing: bool = False, *, period: Period | None = None
) -> Deadline:
    """Suggested appeal or response deadline for a decision of `kind` (a key of APPEAL_RULES)
    served on `served_on`. Missing or wrong instructions on legal remedies extend the period to
    one year where a remedy is concerned. `period` overrides the table, for a hearing letter that
    sets its own period."""
    try:
        rule = APPEAL_RULES[kind]
    except KeyError:
        raise ValueError(f"unknown kind of decision: {kind!r}") from None
    basis = rule.legal_basis
    chosen = period or rule.period
    if remedy_instructions_missing and rule.no_instructions_basis:
        chosen, basis = Period(years=1), rule.no_instructions_basis
    return _deadline(served_on, chosen, kind=kind, label=rule.label, legal_basis=basis)


def appeal_kinds() -> list[tuple[str, str]]:
    """(key, German label) pairs for a select field, in table order."""
    return [(key, str(rule.label)) for key, rule in APPEAL_RULES.items()]
