"""Opening hours: open / closed / unknown at a moment (Berlin time, NRW holidays, dated exceptions), the next opening."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from ..holidays_nrw import is_public_holiday
from ..timeutil import BERLIN

OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"
LOOKAHEAD_DAYS = 14


class Timetable(Protocol):
    """What the hours need of a service: a Service, or the search's lighter copy (search.results.Hours)."""

    @property
    def status(self) -> str: ...
    @property
    def status_until(self) -> date | None: ...
    @property
    def schedules(self) -> Sequence[Any]: ...
    @property
    def exceptions(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Slot:
    opens_at: time
    closes_at: time
    # None for special hours from an exception: the way in is not known.
    attending: str | None


@dataclass(frozen=True)
class OpenState:
    state: str
    attending: tuple[str, ...] = ()
    next_opening: datetime | None = None
    next_attending: str | None = None

    @property
    def walk_in(self) -> bool:
        return "walk_in" in self.attending


def local_now(moment: datetime | None = None) -> datetime:
    """An aware Europe/Berlin time; naive input is taken as UTC (how timestamps are stored)."""
    if moment is None:
        return datetime.now(BERLIN)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BERLIN)


def service_listed_open(service: Timetable, day: date) -> bool:
    if service.status == "active":
        return True
    return service.status == "temporarily_closed" and service.status_until is not None and service.status_until < day


def slots_on(service: Timetable, day: date) -> list[Slot]:
    exceptions = [e for e in service.exceptions if e.start_date <= day <= e.end_date]
    if exceptions:
        if any(e.closed for e in exceptions):
            return []
        return sorted(
            (Slot(e.opens_at, e.closes_at, None) for e in exceptions if e.opens_at and e.closes_at),
            key=lambda s: (s.opens_at, s.closes_at),
        )
    if is_public_holiday(day):
        return []
    return sorted(
        (Slot(s.opens_at, s.closes_at, s.attending) for s in service.schedules if s.weekday == day.isoweekday()),
        key=lambda s: (s.opens_at, s.closes_at),
    )


def open_state(service: Timetable, moment: datetime | None = None) -> OpenState:
    now = local_now(moment)
    today, clock = now.date(), now.time().replace(tzinfo=None)
    if not service_listed_open(service, today):
        return OpenState(CLOSED)
    has_exception = any(e.start_date <= today <= e.end_date for e in service.exceptions)
    if not service.schedules and not has_exception:
        return OpenState(UNKNOWN)
    running = [s for s in slots_on(service, today) if s.opens_at <= clock < s.closes_at]
    state = OPEN if running else CLOSED
    attending = tuple(sorted({s.attending for s in running if s.attending}))
    next_opening, next_attending = _next_opening(service, now)
    return OpenState(state, attending, next_opening, next_attending)


def _next_opening(service: Timetable, now: datetime) -> tuple[datetime | None, str | None]:
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = now.date() + timedelta(days=offset)
        if not service_listed_open(service, day):
            continue
        for slot in slots_on(service, day):
            start = datetime.combine(day, slot.opens_at, tzinfo=BERLIN)
            if start > now:
                return start, slot.attending
    return None, None
