"""Time for appointments: Berlin wall-clock times to stored UTC and back, day and week bounds
across the clock changes, office hours, working days, and the conflicts worth a warning."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..holidays_nrw import holiday_name, is_public_holiday
from ..timeutil import BERLIN, to_local, utc_bounds
from .choices import ACTIVE_STATES
from .models import Appointment

# Settings (instance/config.py or KIMWEB_*), set as defaults in init_app.
DEFAULT_SETTINGS = {
    # Opening hours of the office, Monday to Friday, as "HH:MM-HH:MM".
    "APPOINTMENT_OFFICE_HOURS": "08:00-17:00",
    # The office's rooms, offered when an appointment is in the office (comma separated).
    "APPOINTMENT_ROOMS": "Raum 1, Raum 2, Raum 3, Beratungsraum EG",
    # Minutes after the start from which an expected person counts as late at reception.
    "APPOINTMENT_LATE_MINUTES": 10,
    # Working days the volunteer interpreter pool needs.
    "INTERPRETER_NOTICE_DAYS": 5,
}


class NoSuchTime(ValueError):
    """A wall-clock time that does not exist (the hour skipped when the clocks go forward)."""


def to_utc(day: date, at: time) -> datetime:
    """Berlin wall-clock time on `day` as naive UTC. In the autumn hour that happens twice the
    first (summer time) is meant; a time skipped in spring raises NoSuchTime."""
    local = datetime.combine(day, at).replace(tzinfo=BERLIN)
    moment = local.astimezone(UTC).replace(tzinfo=None)
    if to_local(moment).replace(tzinfo=None) != datetime.combine(day, at):
        raise NoSuchTime(str(_l("Diese Uhrzeit gibt es an diesem Tag nicht (Umstellung auf Sommerzeit).")))
    return moment


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The Berlin day as naive UTC [start, end): 23 or 25 hours on the days the clocks change."""
    return utc_bounds(day, day)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def office_hours() -> tuple[time, time]:
    raw = str(current_app.config["APPOINTMENT_OFFICE_HOURS"])
    opens, _, closes = raw.partition("-")
    return time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip())


def rooms() -> list[str]:
    return [r.strip() for r in str(current_app.config["APPOINTMENT_ROOMS"]).split(",") if r.strip()]


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def working_days_until(today: date, day: date) -> int:
    """Working days after today up to and including `day` (Mon–Fri without NRW holidays)."""
    count, current = 0, today
    while current < day:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count


@dataclass(frozen=True)
class Conflict:
    code: str  # double_booking, client_double, outside_hours, weekend, holiday
    message: str


def conflicts(
    case_manager_id: int, client_id: int, starts_at: datetime, ends_at: datetime, exclude_id: int | None = None
) -> list[Conflict]:
    """What to warn about before saving (the user may still go ahead): another appointment of the
    case manager or of the client at the same time, a time outside office hours, a weekend or an
    NRW public holiday."""
    found: list[Conflict] = []
    overlapping = select(Appointment).where(
        Appointment.state.in_(ACTIVE_STATES), Appointment.starts_at < ends_at, Appointment.ends_at > starts_at
    )
    if exclude_id is not None:
        overlapping = overlapping.where(Appointment.id != exclude_id)
    for other in db.session.scalars(overlapping.where(Appointment.case_manager_id == case_manager_id).limit(5)):
        found.append(
            Conflict(
                "double_booking",
                str(
                    _l(
                        "Zur selben Zeit ist schon ein Termin eingetragen (%(start)s–%(end)s).",
                        start=to_local(other.starts_at).strftime("%H:%M"),
                        end=to_local(other.ends_at).strftime("%H:%M"),
                    )
                ),
            )
        )
    client_overlap = overlapping.where(
        Appointment.client_id == client_id, Appointment.case_manager_id != case_manager_id
    )
    if db.session.scalar(client_overlap.limit(1)) is not None:
        found.append(Conflict("client_double", str(_l("Die Person hat zur selben Zeit einen anderen Termin."))))
    start, end = to_local(starts_at), to_local(ends_at)
    day = start.date()
    holiday = holiday_name(day)
    if holiday:
        found.append(
            Conflict(
                "holiday",
                str(
                    _l("Der %(date)s ist ein Feiertag in NRW (%(name)s).", date=day.strftime("%d.%m.%Y"), name=holiday)
                ),
            )
        )
    elif day.weekday() >= 5:
        found.append(Conflict("weekend", str(_l("Der Termin liegt an einem Wochenende."))))
    opens, closes = office_hours()
    if start.time() < opens or end.time() > closes or end.date() != day:
        found.append(
            Conflict(
                "outside_hours",
                str(
                    _l(
                        "Der Termin liegt außerhalb der Bürozeiten (%(opens)s–%(closes)s Uhr).",
                        opens=opens.strftime("%H:%M"),
                        closes=closes.strftime("%H:%M"),
                    )
                ),
            )
        )
    return found
