"""Suggested deadlines and alerts from letters, residence status records and benefit periods."""

import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from .deadline_rules import (
    ALERT_RULES,
    APPEAL_RULES,
    BENEFIT_RULES,
    CHANCEN_AUFENTHALT_MONTHS,
    DEEMED_SERVICE_DAYS,
    LAWFUL_STAY_TYPES,
    SEVERITIES,
    SEVERITY_LABELS,
    STATUS_PREFIXES,
    Period,
)
from .holidays_nrw import holiday_name, is_public_holiday
from .textfold import fold

__all__ = [
    "Alert",
    "BenefitReminder",
    "Deadline",
    "Gap",
    "LawfulStay",
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
    "status_alerts",
    "status_deadlines",
    "status_kind",
    "subtract_period",
    "working_day_on_or_after",
    "working_day_on_or_before",
]

ONE_DAY = timedelta(days=1)


# --- Calendar arithmetic ----------------------------------------------------------------------
def _shift_months(day: date, months: int) -> date:
    """Same day number `months` later (or earlier); a day the target month lacks becomes its
    last day, as § 188 Abs. 3 BGB orders (31 Jan + 1 month = 28/29 Feb)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def add_period(start: date, period: Period) -> date:
    """The day a period started by an event on `start` ends (§ 187 Abs. 1, § 188 Abs. 2 BGB):
    the event day itself is not counted, so two weeks from a Wednesday end on a Wednesday.
    Years and months are applied before weeks and days."""
    end = _shift_months(start, period.years * 12 + period.months)
    return end + timedelta(days=period.weeks * 7 + period.days)


def subtract_period(day: date, period: Period) -> date:
    """`day` moved back by `period`, with the same month-end rule; used for alert lead times."""
    earlier = _shift_months(day, -(period.years * 12 + period.months))
    return earlier - timedelta(days=period.weeks * 7 + period.days)


def last_day_of_period(first_day: date, months: int) -> date:
    """Last day of a period of whole months whose first day counts in full (a permit issued on
    15 March for 18 months, an approval period from 1 January): § 187 Abs. 2, § 188 Abs. 2 and 3
    BGB. Starting 31 January, one month ends on the last day of February."""
    target = _shift_months(date(first_day.year, first_day.month, 1), months)
    if first_day.day > monthrange(target.year, target.month)[1]:
        return date(target.year, target.month, monthrange(target.year, target.month)[1])
    return target.replace(day=first_day.day) - ONE_DAY


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday in NRW (§ 193 BGB, § 222 Abs. 2 ZPO)."""
    return day.weekday() < 5 and not is_public_holiday(day)


def working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += ONE_DAY
    return day


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def _why_not_working(day: date) -> Any:
    # A holiday's own name says more than "Sonntag" when both apply (Allerheiligen 2026).
    if is_public_holiday(day):
        return holiday_name(day) or _l("Feiertag")
    return _l("Samstag") if day.weekday() == 5 else _l("Sonntag")


def describe_period(period: Period) -> str:
    """German text such as "1 Monat" or "2 Wochen", translated when rendered in a request."""
    parts = []
    if period.years:
        parts.append(ngettext("%(num)d Jahr", "%(num)d Jahre", period.years))
    if period.months:
        parts.append(ngettext("%(num)d Monat", "%(num)d Monate", period.months))
    if period.weeks:
        parts.append(ngettext("%(num)d Woche", "%(num)d Wochen", period.weeks))
    if period.days:
        parts.append(ngettext("%(num)d Tag", "%(num)d Tage", period.days))
    return ", ".join(parts)


def _as_date(value: Any) -> date | None:
    # DateTime columns or datetimes typed in by hand must compare with plain dates.
    return value.date() if isinstance(value, datetime) else value


# --- Legal deadlines ------------------------------------------------------------------------
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
        skipped.append((due, _why_not_working(due)))
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


# --- Residence status -----------------------------------------------------------------------
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
_DULDUNGSFIKTION = re.compile(r"\b81 abs 3 (s|satz) 2\b")


def _text(value: Any) -> str:
    # Accepts plain strings and Enum members alike.
    return str(getattr(value, "value", value) or "")


def status_kind(status_type: Any, legal_basis: Any = None) -> str:
    """The STATUS_TYPES key for a status type given as key, label or free text
    ("Duldung § 60b" -> "duldung"). An Aufenthaltserlaubnis on § 104c counts as its own kind,
    because it cannot be extended."""
    compact = fold(_text(status_type)).replace(" ", "")
    # Prefixes first, so that "Duldung § 60b" is a Duldung; then anywhere, for "§ 60a Duldung".
    kind = next((key for prefix, key in STATUS_PREFIXES if compact.startswith(prefix)), None)
    kind = kind or next((key for prefix, key in STATUS_PREFIXES if prefix in compact), "unbekannt")
    if kind == "aufenthaltserlaubnis" and _CHANCEN_BASIS.search(fold(f"{_text(status_type)} {_text(legal_basis)}")):
        return "chancen_aufenthalt"
    return kind


def _chancen_end(record: Any) -> date | None:
    # Whatever the card says, the permit cannot outlast 18 months from issue.
    valid_until = _as_date(getattr(record, "valid_until", None))
    issued_on = _as_date(getattr(record, "issued_on", None))
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
            due = _as_date(getattr(record, rule.field, None))
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


# --- Years of lawful stay ---------------------------------------------------------------------
@dataclass(frozen=True)
class Gap:
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


@dataclass(frozen=True)
class LawfulStay:
    total_days: int
    years: int
    months: int
    days: int
    periods: tuple[tuple[date, date], ...]  # merged, first and last day inclusive
    gaps: tuple[Gap, ...]
    continuous_since: date | None  # start of the period that reaches `today`, if any
    skipped: int  # records without a usable start date, or ending before they start

    @property
    def text(self) -> str:
        """E.g. "5 Jahre, 3 Monate"."""
        return ", ".join(
            (
                ngettext("%(num)d Jahr", "%(num)d Jahre", self.years),
                ngettext("%(num)d Monat", "%(num)d Monate", self.months),
            )
        )


def _whole_months(first_day: date, last_day: date) -> tuple[int, int]:
    """Whole calendar months from first_day through last_day, and the days left over."""
    months = (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1
    while months > 0 and last_day_of_period(first_day, months) > last_day:
        months -= 1
    counted_to = last_day_of_period(first_day, months) if months else first_day - ONE_DAY
    return months, (last_day - counted_to).days


def _counts_as_lawful(record: Any, counted: Iterable[str]) -> bool:
    kind = status_kind(getattr(record, "status_type", None), getattr(record, "legal_basis", None))
    if kind not in counted:
        return False
    basis = fold(f"{_text(getattr(record, 'status_type', None))} {_text(getattr(record, 'legal_basis', None))}")
    return not (kind == "fiktionsbescheinigung" and _DULDUNGSFIKTION.search(basis))


def lawful_stay(records: Iterable[Any], today: date, *, counted: Iterable[str] = LAWFUL_STAY_TYPES) -> LawfulStay:
    """Lawful stay up to `today` from a status history: records of a `counted` type (keys of
    STATUS_TYPES) from valid_from (or issued_on) to valid_until (or today, if open-ended), merged
    where they overlap or touch. Whole months are counted per period; leftover days of separate
    periods are added up at 30 days a month (§ 191 BGB)."""
    counted = frozenset(counted)
    spans, skipped = [], 0
    for record in records:
        if not _counts_as_lawful(record, counted):
            continue
        start = _as_date(getattr(record, "valid_from", None)) or _as_date(getattr(record, "issued_on", None))
        end = _as_date(getattr(record, "valid_until", None))
        if start is None or (end is not None and end < start):
            skipped += 1
            continue
        if start > today:
            continue
        spans.append((start, min(end or today, today)))

    merged: list[list[date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    gaps = tuple(Gap(a[1] + ONE_DAY, b[0] - ONE_DAY) for a, b in zip(merged, merged[1:]))
    months = leftover = 0
    for start, end in merged:
        whole, rest = _whole_months(start, end)
        months, leftover = months + whole, leftover + rest
    months += leftover // 30
    continuous_since = merged[-1][0] if merged and merged[-1][1] == today else None
    return LawfulStay(
        total_days=sum((end - start).days + 1 for start, end in merged),
        years=months // 12,
        months=months % 12,
        days=leftover % 30,
        periods=tuple((start, end) for start, end in merged),
        gaps=gaps,
        continuous_since=continuous_since,
        skipped=skipped,
    )


# --- Benefit re-applications ------------------------------------------------------------------
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
