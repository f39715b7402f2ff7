"""Clock changes and holidays: the last Sundays of March and October, NRW holidays, working days."""

from datetime import date, datetime, time

import pytest

from kimweb.appointments.schedule import NoSuchTime, day_bounds, to_utc, working_days_until
from kimweb.appointments.service import time_in
from kimweb.timeutil import to_local
from tests.appointments.conftest import appointment_form

SPRING = date(2030, 3, 31)  # last Sunday of March 2030: 02:00 -> 03:00
AUTUMN = date(2030, 10, 27)  # last Sunday of October 2030: 03:00 -> 02:00


def test_to_utc_across_the_clock_changes():
    assert to_utc(date(2030, 3, 30), time(10, 0)) == datetime(2030, 3, 30, 9, 0)  # winter, UTC+1
    assert to_utc(SPRING, time(10, 0)) == datetime(2030, 3, 31, 8, 0)  # summer, UTC+2
    assert to_utc(SPRING, time(1, 59)) == datetime(2030, 3, 31, 0, 59)
    assert to_utc(SPRING, time(3, 0)) == datetime(2030, 3, 31, 1, 0)
    with pytest.raises(NoSuchTime):
        to_utc(SPRING, time(2, 30))
    assert to_utc(AUTUMN, time(10, 0)) == datetime(2030, 10, 27, 9, 0)  # winter again
    # 02:30 happens twice in October: the first (summer time) is meant.
    assert to_utc(AUTUMN, time(2, 30)) == datetime(2030, 10, 27, 0, 30)


def test_days_of_the_clock_changes_have_23_and_25_hours():
    start, end = day_bounds(SPRING)
    assert (end - start).total_seconds() == 23 * 3600
    start, end = day_bounds(AUTUMN)
    assert (end - start).total_seconds() == 25 * 3600
    assert to_local(day_bounds(AUTUMN)[1]).date() == date(2030, 10, 28)


def test_week_view_shows_appointments_on_their_berlin_day(client, login_as, make_client, make_appointment):
    manager = login_as("case_manager")
    person = make_client(manager)
    # Monday after the spring change at 00:30 Berlin is Sunday 22:30 UTC.
    make_appointment(person, date(2030, 4, 1), time(0, 30))
    make_appointment(person, date(2030, 3, 31), time(23, 30))
    page = client.get("/termine/woche/2030-03-25")
    assert "23:30–00:30" in page.text and "00:30–01:30" not in page.text
    later = client.get("/termine/woche/2030-04-01")
    assert "00:30–01:30" in later.text and "23:30–00:30" not in later.text
    assert client.get("/termine/woche/2030-03-27").status_code == 302  # not a Monday: to its Monday
    assert client.get("/termine/woche/kein-datum").status_code == 404


def test_a_skipped_time_gets_a_german_message(client, login_as, make_client):
    manager = login_as("case_manager")
    person = make_client(manager)
    response = client.post(
        f"/klienten/{person.id}/termine/neu", data=appointment_form(SPRING, start="02:30", end="03:30")
    )
    assert response.status_code == 422 and "Sommerzeit" in response.text


def test_working_days_skip_weekends_and_nrw_holidays():
    # Thu 23.12.2027 -> Thu 30.12.2027: Fri 24, Mon 27, Tue 28, Wed 29, Thu 30 (25./26. weekend).
    assert working_days_until(date(2027, 12, 23), date(2027, 12, 30)) == 5
    # Across Christmas Day on a weekday (2030: Wed 25, Thu 26 are holidays).
    assert working_days_until(date(2030, 12, 23), date(2030, 12, 30)) == 3
    # Fronleichnam (a holiday in NRW, not everywhere): Thu 20.06.2030.
    assert working_days_until(date(2030, 6, 19), date(2030, 6, 21)) == 1


def test_a_time_is_read_from_free_text():
    assert time_in("10:30 Uhr, Herr Brandt") == time(10, 30)
    assert time_in("um 9.15 bei Frau X") == time(9, 15)
    assert time_in("Herr Brandt") is None
