"""Reception's "Erwartet heute": reception-safe fields only, late arrivals in words, one-click
check-in that links the visit; a normal check-in links the appointment too (signal)."""

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from kimweb.appointments.models import Appointment
from kimweb.extensions import db
from kimweb.reception.models import Visit
from kimweb.reception.views_desk import checkin_token
from kimweb.timeutil import BERLIN, local_today


@pytest.fixture
def staff(make_user):
    return {"cm": make_user("case_manager", display_name="Sabine Müller"), "desk": make_user("reception", team=None)}


def _in_an_hour() -> time:
    """A time later today (tests near midnight would cross into tomorrow: then 23:59)."""
    now = datetime.now(BERLIN)
    later = now + timedelta(hours=1)
    return later.time().replace(second=0, microsecond=0) if later.date() == now.date() else time(23, 59)


def test_expected_list_shows_reception_fields_only(client, enter, staff, make_client, make_appointment):
    person = make_client(staff["cm"], phone="0208 123456", street="Musterweg 12")
    make_appointment(
        person, local_today(), _in_an_hour(), note="GEHEIM-NOTIZ", bring="GEHEIM-MITBRINGEN", room="Raum 3"
    )
    enter(staff["desk"])
    page = client.get("/empfang/erwartet")
    assert page.status_code == 200
    assert "Al-Hassan" in page.text and "Sabine Müller" in page.text and "Raum 3" in page.text
    assert "(1985)" in page.text and "12.03.1985" not in page.text
    for secret in ("GEHEIM-NOTIZ", "GEHEIM-MITBRINGEN", "Musterweg", "123456"):
        assert secret not in page.text
    # Reception's start page is the desk: who is expected today is there, beside the search.
    start = client.get("/", follow_redirects=True)
    assert "Erwartet heute" in start.text and "Al-Hassan" in start.text


def test_late_arrivals_are_marked_in_words(client, enter, staff, make_client, make_appointment):
    person = make_client(staff["cm"])
    now = datetime.now(BERLIN)
    if now.hour == 0 and now.minute < 30:
        pytest.skip("just after midnight no appointment of today lies half an hour back")
    earlier = (now - timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    make_appointment(person, local_today(), earlier, minutes=15)
    enter(staff["desk"])
    page = client.get("/empfang/erwartet")
    assert "ap-late" in page.text and "verspätet" in page.text


def test_check_in_from_the_list_links_the_visit(client, enter, staff, make_client, make_appointment):
    person = make_client(staff["cm"])
    appointment = make_appointment(person, local_today(), _in_an_hour())
    enter(staff["desk"])
    response = client.post(f"/empfang/erwartet/{appointment.id}/anmelden")
    assert response.status_code == 303
    visit = db.session.scalar(select(Visit))
    db.session.refresh(appointment)
    assert visit.client_id == person.id and visit.case_manager_id == staff["cm"].id
    assert appointment.visit_id == visit.id and appointment.state == "kept"
    page = client.get("/empfang/erwartet")
    assert "angemeldet" in page.text and "A-001" in page.text
    # A second click checks nobody in twice.
    again = client.post(f"/empfang/erwartet/{appointment.id}/anmelden")
    assert again.status_code == 303 and db.session.query(Visit).count() == 1


def test_check_in_from_the_list_only_for_todays_appointments(client, enter, staff, make_client, make_appointment):
    person = make_client(staff["cm"])
    tomorrow = make_appointment(person, local_today() + timedelta(days=1))
    enter(staff["desk"])
    client.post(f"/empfang/erwartet/{tomorrow.id}/anmelden")
    assert db.session.query(Visit).count() == 0
    enter(staff["cm"])
    assert client.post(f"/empfang/erwartet/{tomorrow.id}/anmelden").status_code == 404
    assert client.get("/empfang/erwartet").status_code == 404


def test_normal_check_in_links_todays_appointment(client, enter, staff, make_client, make_appointment):
    person = make_client(staff["cm"])
    appointment = make_appointment(person, local_today(), _in_an_hour())
    enter(staff["desk"])
    with client.application.test_request_context():
        token = checkin_token(person.id)
    assert client.post("/empfang/anmeldung/bekannt", data={"client_id": token}).status_code == 303
    db.session.refresh(appointment)
    visit = db.session.scalar(select(Visit))
    assert appointment.visit_id == visit.id and appointment.state == "kept"
    # The case manager's start page shows who has arrived.
    enter(staff["cm"])
    start = client.get("/")
    assert "Termine heute" in start.text and "ist da" in start.text


def test_a_cancelled_appointment_is_not_linked(client, enter, staff, make_client, make_appointment):
    person = make_client(staff["cm"])
    appointment = make_appointment(person, local_today(), _in_an_hour(), state="cancelled")
    enter(staff["desk"])
    with client.application.test_request_context():
        token = checkin_token(person.id)
    client.post("/empfang/anmeldung/bekannt", data={"client_id": token})
    assert db.session.scalar(select(Appointment.visit_id).where(Appointment.id == appointment.id)) is None
