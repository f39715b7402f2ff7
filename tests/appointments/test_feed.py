"""The calendar feed: valid iCalendar, no names or case content, a token stored hashed and
renewable; the single appointment as .ics."""

import re

from icalendar import Calendar
from sqlalchemy import select

from kimweb.appointments.models import CalendarFeed
from kimweb.extensions import db


def _new_feed(client, label="initials") -> str:
    response = client.post("/termine/kalender", data={"label": label})
    assert response.status_code == 303
    page = client.get("/termine/kalender")
    match = re.search(r'value="(http[^"]+/kalender/[^"]+\.ics)"', page.text)
    assert match, page.text
    assert "/kalender/" not in client.get("/termine/kalender").text  # shown once only
    return match.group(1).split("://", 1)[1].split("/", 1)[1]


def test_feed_parses_and_holds_no_names(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager")
    person = make_client(manager, family="Al-Hassan", given="Mohammed")
    make_appointment(person, future_day, note="GEHEIM-NOTIZ", bring="GEHEIM-MITBRINGEN", room="Raum 3")
    path = "/" + _new_feed(client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 40
    stored = db.session.scalar(select(CalendarFeed))
    assert stored.token_hash != token and token not in stored.token_hash
    client.post("/logout")
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Beratung im Büro: M. A."
    assert str(events[0]["location"]) == "Raum 3"
    text = response.data.decode()
    for secret in ("Al-Hassan", "Mohammed", "GEHEIM", person.case_number):
        assert secret not in text


def test_feed_with_case_numbers_and_renewal_ends_the_old_address(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager)
    make_appointment(person, future_day)
    old = "/" + _new_feed(client, "case_number")
    assert person.case_number in client.get(old).data.decode()
    new = "/" + _new_feed(client)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get("/kalender/falsch.ics").status_code == 404


def test_single_appointment_as_ics(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, future_day)
    response = client.get(f"/klienten/{person.id}/termine/{appointment.id}/termin.ics")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    event = next(iter(Calendar.from_ical(response.data).walk("VEVENT")))
    assert event["dtstart"].dt.replace(tzinfo=None) == appointment.starts_at
    assert "Al-Hassan" not in response.data.decode()
