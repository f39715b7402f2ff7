"""Legal periods on the calendar: counting under §§ 187-193 BGB, month ends, and working days in
NRW (weekends and public holidays)."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..holidays_nrw import holiday_name, is_public_holiday

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A legal period. Years and months are calendar units (§ 188 Abs. 2 and 3 BGB), weeks are
    seven days."""

    days: int = 0
    weeks: int = 0
    months: int = 0
    years: int = 0

    def __post_init__(self):
        if min(self.days, self.weeks, self.months, self.years) < 0:
            raise ValueError("a period cannot be negative")

    @property
    def is_zero(self) -> bool:
        return not (self.days or self.weeks or self.months or self.years)


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


def why_not_working(day: date) -> Any:
    """The name of the reason a day is not a working day (for "verschoben: ..." texts)."""
    # A holiday's own name says more than "Sonntag" when both apply (Allerheiligen 2026).
    if is_public_holiday(day):
        return holiday_name(day) or _l("Feiertag")
    return _l("Samstag") if day.weekday() == 5 else _l("Sonntag")


@dataclass(frozen=True)
class NonWorkingDay:
    """A day on which no deadline ends (§ 193 BGB), why, and the working day it moves to."""

    day: date
    reason: Any
    next_working_day: date


def non_working_day(day: date | None) -> NonWorkingDay | None:
    """For a weekend or NRW holiday: why it is none and the next working day; else None."""
    if day is None or is_working_day(day):
        return None
    return NonWorkingDay(day, why_not_working(day), working_day_on_or_after(day))


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


def as_date(value: Any) -> date | None:
    """A date from a date or datetime: DateTime columns or datetimes typed in by hand must
    compare with plain dates."""
    return value.date() if isinstance(value, datetime) else value
