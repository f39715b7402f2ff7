"""Visit statistics for the team lead (the query behind the reception report): visits per day,
waiting times by weekday and hour, left-without-being-seen rate, urgent and crisis visits,
languages and interpreting.
One query (facts), then pure functions over its rows."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..extensions import db
from ..reports.figures import median, percentile
from ..timeutil import to_local
from .models import CRISIS, LEFT, NO_SHOW, URGENT, Visit

WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


@dataclass(frozen=True)
class VisitFact:
    day: date
    state: str
    checked_in_at: datetime
    called_at: datetime | None
    language: str | None
    interpreter: str
    priority: str

    @property
    def wait(self) -> float | None:
        """Minutes from check-in to the call; None for someone never called."""
        if self.called_at is None:
            return None
        return max(0.0, (self.called_at - self.checked_in_at).total_seconds() / 60)


def facts(start: date, end: date) -> list[VisitFact]:
    rows = db.session.execute(
        select(
            Visit.day,
            Visit.state,
            Visit.checked_in_at,
            Visit.called_at,
            Visit.language,
            Visit.interpreter,
            Visit.priority,
        )
        .where(Visit.day >= start, Visit.day <= end)
        .order_by(Visit.day, Visit.checked_in_at)
    ).all()
    return [VisitFact(*row) for row in rows]


@dataclass(frozen=True)
class DayFigure:
    day: date
    visits: int
    median_wait: float | None
    left: int
    no_show: int
    urgent: int
    crisis: int


def per_day(found: list[VisitFact], start: date, end: date) -> list[DayFigure]:
    """Every day of the period, weekends without visits left out."""
    by_day: dict[date, list[VisitFact]] = {}
    for fact in found:
        by_day.setdefault(fact.day, []).append(fact)
    days = []
    day = start
    while day <= end:
        items = by_day.get(day, [])
        if items or day.weekday() < 5:
            waits = [f.wait for f in items if f.wait is not None]
            days.append(
                DayFigure(
                    day,
                    len(items),
                    median(waits),
                    sum(f.state == LEFT for f in items),
                    sum(f.state == NO_SHOW for f in items),
                    sum(f.priority == URGENT for f in items),
                    sum(f.priority == CRISIS for f in items),
                )
            )
        day += timedelta(days=1)
    return days


@dataclass(frozen=True)
class SlotFigure:
    count: int
    median: float | None
    p90: float | None


def waits_by_slot(found: list[VisitFact]) -> tuple[list[int], list[int], dict[tuple[int, int], SlotFigure]]:
    """Median and 90th percentile of the wait by weekday and hour of check-in (Berlin time);
    returns the weekdays and hours that occur, and the figures per (weekday, hour)."""
    slots: dict[tuple[int, int], list[float]] = {}
    for fact in found:
        if fact.wait is None:
            continue
        local = to_local(fact.checked_in_at)
        slots.setdefault((local.weekday(), local.hour), []).append(fact.wait)
    figures = {slot: SlotFigure(len(w), median(w), percentile(w, 0.9)) for slot, w in slots.items()}
    weekdays = sorted({w for w, _ in figures} | set(range(5)))
    hours = sorted({h for _, h in figures})
    return weekdays, hours, figures


@dataclass(frozen=True)
class Summary:
    visits: int
    seen: int
    left: int
    no_show: int
    median_wait: float | None
    p90_wait: float | None
    urgent: int
    crisis: int

    @property
    def left_rate(self) -> float | None:
        return self.left / self.visits if self.visits else None


def summary(found: list[VisitFact]) -> Summary:
    waits = [f.wait for f in found if f.wait is not None]
    return Summary(
        len(found),
        len(waits),
        sum(f.state == LEFT for f in found),
        sum(f.state == NO_SHOW for f in found),
        median(waits),
        percentile(waits, 0.9),
        sum(f.priority == URGENT for f in found),
        sum(f.priority == CRISIS for f in found),
    )


def languages(found: list[VisitFact]) -> list[tuple[str, int]]:
    return Counter(f.language for f in found if f.language).most_common()


def interpreter_kinds(found: list[VisitFact]) -> list[tuple[str, int]]:
    return Counter(f.interpreter for f in found if f.interpreter).most_common()
