"""Fixtures for appointments: colleagues, an appointment stored as the form would, the form as posted."""

from datetime import date, time, timedelta

import pytest

from kimweb.appointments.models import Appointment
from kimweb.appointments.schedule import to_utc
from kimweb.extensions import db
from kimweb.timeutil import local_today


def next_weekday(after: date, weekday: int = 1) -> date:
    """The first `weekday` (0 = Monday) at least a week after `after` (never a holiday in tests
    that do not want one: callers pick dates away from them)."""
    day = after + timedelta(days=7)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


@pytest.fixture
def future_day():
    """A Tuesday one to two weeks ahead that is no NRW holiday."""
    from kimweb.holidays_nrw import is_public_holiday

    day = next_weekday(local_today())
    while is_public_holiday(day):
        day += timedelta(days=7)
    return day


@pytest.fixture
def make_appointment(app):
    def _make(person, day: date, start=time(10, 0), minutes=60, **fields) -> Appointment:
        starts_at = to_utc(day, start)
        appointment = Appointment(
            client_id=person.id,
            case_manager_id=fields.pop("case_manager_id", person.case_manager_id),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            kind=fields.pop("kind", "office"),
            place=fields.pop("place", "room"),
            room=fields.pop("room", "Raum 2"),
            **fields,
        )
        db.session.add(appointment)
        db.session.commit()
        return appointment

    return _make


def appointment_form(day: date, **values) -> dict:
    form = {
        "day": day.strftime("%d.%m.%Y"),
        "start": "10:00",
        "end": "11:00",
        "kind": "office",
        "place": "room",
        "room": "Raum 2",
        "location_id": "",
        "organization_id": "",
        "bring": "Pass, Bescheid des Jobcenters",
        "interpreter_language": "",
        "interpreter_kind": "",
        "note": "",
        "version": "",
    }
    form.update(values)
    return {k: v for k, v in form.items() if v is not None}
