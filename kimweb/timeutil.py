"""Time in one place: stored as naive UTC, shown in Europe/Berlin, dates as DD.MM.YYYY."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def utcnow() -> datetime:
    """Now as naive UTC, the form every timestamp column stores (same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(BERLIN)


def local_day(moment: datetime) -> date:
    """The Berlin day of a stored (naive UTC) instant."""
    return to_local(moment).date()


def day_start_utc(day: date) -> datetime:
    """Midnight of a Berlin day as the naive UTC instant timestamps are stored in."""
    return datetime.combine(day, time(), BERLIN).astimezone(UTC).replace(tzinfo=None)


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The Berlin days start..end as naive UTC [from, to): 23 or 25 hours on the days the clocks
    change."""
    return day_start_utc(start), day_start_utc(end + timedelta(days=1))


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return value.strftime("%d.%m.%Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return to_local(value).strftime("%d.%m.%Y %H:%M")


def format_time(value: datetime | None) -> str:
    """A stored UTC time as the local clock time: 14:05."""
    return to_local(value).strftime("%H:%M") if value else ""


def local_today() -> date:
    return datetime.now(BERLIN).date()
