"""The sets of services the search filters and result rows need (status, capacity, areas, languages, districts,
hours), as bitsets of the index."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple

from sqlalchemy import select

from ...extensions import db
from ...holidays_nrw import is_public_holiday
from ...lifeareas import LifeArea
from .. import hours
from ..models import (
    Location,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    service_life_area,
)
from .postings import Postings, bitset, every_position, joined


class WeeklySlot(NamedTuple):
    weekday: int
    opens_at: time
    closes_at: time
    attending: str


class DatedException(NamedTuple):
    position: int
    start_date: date
    end_date: date
    closed: bool
    opens_at: time | None
    closes_at: time | None


@dataclass(frozen=True)
class FilterSets:
    """Sets of services as bitsets of the search index's positions, as of one index generation."""

    everything: int
    statuses: dict[str, int]
    # Temporarily closed services by the end date of the closure: listed again from the day after.
    paused_until: dict[date, int]
    accepting: int
    life_areas: dict[str, int]
    # (code, mode), and (code, None) for any mode.
    languages: dict[tuple[str, str | None], int]
    named_districts: dict[int | None, int]
    located_districts: dict[int, int]
    with_area: int
    # weekday -> ((opens_at, closes_at, attending, services with that weekly slot), ...)
    slots: dict[int, tuple[tuple[time, time, str, int], ...]]
    with_hours: int
    exceptions: tuple[DatedException, ...]
    # For the result list, by position: weekly slots (weekday, opens_at, closes_at, attending) and language codes.
    # Plain tuples of plain values: the garbage collector stops tracking them, unlike lists or named tuples.
    weekly: dict[int, tuple[tuple, ...]]
    spoken: dict[int, tuple[str, ...]]

    def listed(self, statuses) -> int:
        found = 0
        for status in statuses:
            found |= self.statuses.get(status, 0)
        return found

    def language(self, code: str, mode: str | None = None) -> int:
        return self.languages.get((code, mode or None), 0)

    def district(self, district_id: int) -> int:
        # No districts named: the service is there for the whole city.
        return (
            self.named_districts.get(district_id, 0)
            | self.located_districts.get(district_id, 0)
            | (self.everything & ~self.with_area)
        )

    def listed_open(self, day: date) -> int:
        """Services whose status lets them open on that day (hours.service_listed_open)."""
        found = self.statuses.get("active", 0)
        for until, services in self.paused_until.items():
            if until < day:
                found |= services
        return found

    def open_now(self, moment: datetime | None = None, attending: str | None = None) -> int:
        """Open now, or with attending="walk_in" open for walk-ins now: the rule of hours.open_state."""
        return self._open(moment, attending, later_today=False)

    def open_today(self, moment: datetime | None = None) -> int:
        """Open now or later today ("heute offen" at 8 a.m.): hours that have not ended yet today,
        by the same rule as open_now (holidays, dated closures and special hours)."""
        return self._open(moment, None, later_today=True)

    def _open(self, moment: datetime | None, attending: str | None, later_today: bool) -> int:
        now = hours.local_now(moment)
        today, clock = now.date(), now.time().replace(tzinfo=None)

        def covers(opens, closes) -> bool:
            return clock < closes if later_today else opens <= clock < closes

        covering = self._covering(today)
        found = 0
        if not is_public_holiday(today):
            for opens, closes, way, services in self.slots.get(today.isoweekday(), ()):
                if covers(opens, closes) and (attending is None or way == attending):
                    found |= services
            found &= ~bitset(e.position for e in covering)
        if not attending:
            closed = bitset(e.position for e in covering if e.closed)
            special = bitset(
                e.position
                for e in covering
                if not e.closed
                and e.opens_at is not None
                and e.closes_at is not None
                and covers(e.opens_at, e.closes_at)
            )
            found |= special & ~closed
        return self.listed_open(today) & found

    def unknown_now(self, moment: datetime | None = None) -> int:
        """Neither weekly hours nor an exception for today: open or closed is not known."""
        today = hours.local_now(moment).date()
        with_exception = bitset(e.position for e in self._covering(today))
        return self.listed_open(today) & ~self.with_hours & ~with_exception

    def schedules(self, position: int) -> list[WeeklySlot]:
        return [WeeklySlot(*slot) for slot in self.weekly.get(position, ())]

    def exceptions_of(self, position: int) -> list[DatedException]:
        return [e for e in self.exceptions if e.position == position]

    def _covering(self, day: date) -> list[DatedException]:
        return [e for e in self.exceptions if e.start_date <= day <= e.end_date]


def load_filter_sets(index: Postings) -> FilterSets:
    """Each set as one grouped query whose rows carry their services as one string (see postings.joined)."""
    slots = index.bitsets(
        select(
            Schedule.weekday, Schedule.opens_at, Schedule.closes_at, Schedule.attending, joined(Schedule.service_id)
        ).group_by(Schedule.weekday, Schedule.opens_at, Schedule.closes_at, Schedule.attending)
    )
    by_weekday: dict[int, list] = {}
    weekly: dict[int, list] = {}
    with_hours = 0
    for slot, services in slots.items():
        weekday, opens, closes, attending = slot
        by_weekday.setdefault(weekday, []).append((opens, closes, attending, services))
        with_hours |= services
        for position in every_position(services):
            weekly.setdefault(position, []).append(slot)
    named_districts = index.bitsets(
        select(ServiceArea.district_id, joined(ServiceArea.service_id)).group_by(ServiceArea.district_id)
    )
    with_area = 0
    for services in named_districts.values():
        with_area |= services
    language = (ServiceLanguage.code, ServiceLanguage.mode)
    any_mode: dict[tuple[str, str | None], int] = {
        (code, None): services
        for code, services in index.bitsets(
            select(ServiceLanguage.code, joined(ServiceLanguage.service_id)).group_by(ServiceLanguage.code)
        ).items()
    }
    spoken: dict[int, list] = {}
    for code, _ in sorted(any_mode):
        for position in every_position(any_mode[code, None]):
            spoken.setdefault(position, []).append(code)
    paused = Service.status == "temporarily_closed"
    return FilterSets(
        everything=index.everything,
        statuses=index.bitsets(select(Service.status, joined(Service.id)).group_by(Service.status)),
        paused_until=index.bitsets(
            select(Service.status_until, joined(Service.id))
            .where(paused, Service.status_until.is_not(None))
            .group_by(Service.status_until)
        ),
        accepting=index.bitsets(
            select(Service.capacity, joined(Service.id))
            .where(Service.capacity == "accepting")
            .group_by(Service.capacity)
        ).get("accepting", 0),
        life_areas=index.bitsets(
            select(LifeArea.code, joined(service_life_area.c.service_id))
            .join(LifeArea, LifeArea.id == service_life_area.c.life_area_id)
            .group_by(LifeArea.code)
        ),
        languages={
            **index.bitsets(select(*language, joined(ServiceLanguage.service_id)).group_by(*language)),
            **any_mode,
        },
        named_districts=named_districts,
        located_districts=index.bitsets(
            select(Location.district_id, joined(ServiceAtLocation.service_id))
            .join(Location)
            .where(Location.district_id.is_not(None))
            .group_by(Location.district_id)
        ),
        with_area=with_area,
        slots={weekday: tuple(found) for weekday, found in by_weekday.items()},
        with_hours=with_hours,
        exceptions=tuple(
            DatedException(at, start, end, closed, opens, closes)
            for doc, start, end, closed, opens, closes in db.session.execute(
                select(
                    ScheduleException.service_id,
                    ScheduleException.start_date,
                    ScheduleException.end_date,
                    ScheduleException.closed,
                    ScheduleException.opens_at,
                    ScheduleException.closes_at,
                )
            )
            if (at := index.positions.get(doc)) is not None
        ),
        weekly={position: tuple(own) for position, own in weekly.items()},
        spoken={position: tuple(codes) for position, codes in spoken.items()},
    )
