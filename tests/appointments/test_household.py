"""Appointments for a whole household: marked in the week's days and list, in the detail, the
file and the start page; reception sees "mit Familie" in "Erwartet heute"; and the waiting-room
screen shows only the ticket number and room of a visit checked in from that list, never a name."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from kimweb.appointments.schedule import week_start
from kimweb.clients.models import HouseholdMember
from kimweb.extensions import db
from kimweb.reception.models import Visit
from kimweb.reception.screens import create_key
from kimweb.reception.visits import change_state
from kimweb.timeutil import BERLIN, local_today


def _later_today() -> time:
    now = datetime.now(BERLIN)
    later = now + timedelta(hours=1)
    return later.time().replace(second=0, microsecond=0) if later.date() == now.date() else time(23, 59)


def _family(manager, make_client):
    person = make_client(manager, family="Kovalenko", given="Olena")
    db.session.add(HouseholdMember(client_id=person.id, family_name="Kovalenko", given_names="Taras", relation="child"))
    db.session.commit()
    return person


def test_household_appointment_is_marked_in_week_list_detail_file_and_start_page(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = _family(manager, make_client)
    family = make_appointment(person, future_day, time(9, 0), for_household=True)
    alone = make_appointment(make_client(manager, family="Haddad", given="Samir"), future_day, time(11, 0))
    page = client.get(f"/termine/woche/{week_start(future_day).isoformat()}")
    assert page.status_code == 200
    grid, listing = page.text.split('<section aria-labelledby="list-h"')
    # The day's card and the list row both say the family comes, and only for that appointment.
    card = grid.split(f"/termine/{family.id}")[1].split("</li>")[0]
    assert "Kovalenko, Olena" in card and "mit Haushalt" in card
    assert "mit Haushalt" not in grid.split(f"/termine/{alone.id}")[1].split("</li>")[0]
    row = listing.split(f"/termine/{family.id}")[1].split("</tr>")[0]
    assert "mit Haushalt" in row
    assert "mit Haushalt" not in listing.split(f"/termine/{alone.id}")[1].split("</tr>")[0]
    detail = client.get(f"/klienten/{person.id}/termine/{family.id}").text
    assert "Kovalenko, Olena mit Haushalt" in " ".join(detail.split())
    section = client.get(f"/klienten/{person.id}/abschnitt/appointments", headers={"HX-Request": "true"}).text
    assert "mit Haushalt" in section

    today = make_appointment(person, local_today(), _later_today(), for_household=True)
    # /termine/ is this week (days and list); today's appointment is there, marked.
    this_week = client.get("/termine/", follow_redirects=True).text
    assert "mit Haushalt" in this_week.split(f"/termine/{today.id}")[1].split("</li>")[0]
    start = client.get("/").text
    assert "Termine heute" in start and "mit Haushalt" in start.split(f"/termine/{today.id}")[1].split("</li>")[0]


def test_screen_shows_the_number_only_for_a_family_checked_in_from_expected_today(
    client, login_as, make_user, make_client, make_appointment
):
    manager = make_user("case_manager", display_name="Sabine Müller")
    admin = make_user("admin")
    person = _family(manager, make_client)
    appointment = make_appointment(person, local_today(), _later_today(), room="Raum 3", for_household=True)
    _screen, key = create_key("Wartebereich", admin)
    db.session.commit()

    login_as("reception")
    expected = client.get("/empfang/erwartet").text
    assert "Kovalenko" in expected and "mit Familie" in expected
    checked_in = client.post(f"/empfang/erwartet/{appointment.id}/anmelden", follow_redirects=True)
    assert "Angemeldet mit Nummer A-001" in checked_in.text
    visit = db.session.scalar(select(Visit))
    db.session.refresh(appointment)
    assert appointment.visit_id == visit.id and appointment.state == "kept"

    waiting = client.get(f"/wartezimmer/{key}").text
    assert "A-001" not in waiting  # waiting, not yet called
    change_state(visit, "called", manager, room="2.14")
    db.session.commit()
    screen = client.get(f"/wartezimmer/{key}").text
    assert "A-001" in screen and "2.14" in screen
    for private in ("Kovalenko", "Olena", "Taras", "Familie", "Haushalt", "Sabine Müller", "Raum 3"):
        assert private not in screen
