"""Appointments of a file: made, validated, warned about, moved with a version, cancelled and
settled; only for those who may open the file; every read and change audited."""

from datetime import date, time, timedelta

from sqlalchemy import select

from kimweb.appointments.models import Appointment
from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.timeutil import local_today
from tests.appointments.conftest import appointment_form


def _actions(object_type="appointment"):
    return db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == object_type)).all()


def test_create_from_the_file_stores_utc_and_audits(client, login_as, make_client, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    response = client.post(f"/klienten/{person.id}/termine/neu", data=appointment_form(future_day))
    assert response.status_code == 303, response.text
    appointment = db.session.scalar(select(Appointment))
    # Winter: Berlin is UTC+1; summer UTC+2.
    offset = 1 if future_day.month in (1, 2, 3, 11, 12) else None
    if offset:
        assert appointment.starts_at.hour == 9
    assert appointment.ends_at - appointment.starts_at == timedelta(hours=1)
    assert appointment.case_manager_id == manager.id and appointment.state == "planned"
    assert "appointment.created" in _actions()
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "10:00–11:00" in page.text and "Raum 2" in page.text
    assert "appointment.viewed" in _actions()
    # The first screen lists it among what is due; the section "Termine" opens on demand.
    file_page = client.get(f"/klienten/{person.id}")
    assert "10:00–11:00" in file_page.text and f"/klienten/{person.id}/abschnitt/appointments" in file_page.text
    section = client.get(f"/klienten/{person.id}/abschnitt/appointments", headers={"HX-Request": "true"})
    assert section.status_code == 200 and "section-appointments" in section.text and "10:00–11:00" in section.text


def test_end_must_follow_start_and_past_needs_recorded_afterwards(client, login_as, make_client, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    url = f"/klienten/{person.id}/termine/neu"
    wrong = client.post(url, data=appointment_form(future_day, start="11:00", end="10:30"))
    assert wrong.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in wrong.text
    assert 'value="11:00"' in wrong.text  # typed values kept
    bad_time = client.post(url, data=appointment_form(future_day, start="25:99"))
    assert bad_time.status_code == 422 and "HH:MM" in bad_time.text
    past = local_today() - timedelta(days=3)
    refused = client.post(url, data=appointment_form(past))
    assert refused.status_code == 422 and "nachträglich erfasst" in refused.text
    recorded = client.post(url, data=appointment_form(past, recorded_afterwards="y", confirm_conflicts="y"))
    assert recorded.status_code == 303
    assert db.session.scalar(select(Appointment.state)) == "kept"
    future_afterwards = client.post(url, data=appointment_form(future_day, recorded_afterwards="y"))
    assert future_afterwards.status_code == 422


def test_pool_interpreter_refused_for_legal_consequences(client, login_as, make_client, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    data = appointment_form(future_day, interpreter_language="ar", interpreter_kind="pool", legal_consequences="y")
    response = client.post(f"/klienten/{person.id}/termine/neu", data=data)
    assert response.status_code == 422 and "Rechtsfolgen" in response.text
    data["interpreter_kind"] = "professional"
    assert client.post(f"/klienten/{person.id}/termine/neu", data=data).status_code == 303


def test_double_booking_warns_then_saves_when_confirmed(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    other = make_client(manager, family="Kovalenko", given="Olena")
    make_appointment(other, future_day, time(10, 30))
    url = f"/klienten/{person.id}/termine/neu"
    warned = client.post(url, data=appointment_form(future_day))
    assert warned.status_code == 422 and "Zur selben Zeit ist schon ein Termin" in warned.text
    assert "Trotz der Hinweise speichern" in warned.text
    assert client.post(url, data=appointment_form(future_day, confirm_conflicts="y")).status_code == 303
    assert db.session.query(Appointment).count() == 2


def test_outside_office_hours_and_holiday_warn(client, login_as, make_client):
    manager = login_as("case_manager")
    person = make_client(manager)
    # Allerheiligen (1 November) is a public holiday in NRW; 2030-11-01 is a Friday.
    holiday = client.post(f"/klienten/{person.id}/termine/neu", data=appointment_form(date(2030, 11, 1)))
    assert holiday.status_code == 422 and "Feiertag in NRW" in holiday.text and "Allerheiligen" in holiday.text
    late = client.post(
        f"/klienten/{person.id}/termine/neu", data=appointment_form(date(2030, 11, 5), start="18:00", end="19:00")
    )
    assert late.status_code == 422 and "außerhalb der Bürozeiten" in late.text
    weekend = client.post(f"/klienten/{person.id}/termine/neu", data=appointment_form(date(2030, 11, 9)))
    assert weekend.status_code == 422 and "Wochenende" in weekend.text


def test_stale_edit_answers_409_and_keeps_typed_values(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, future_day)
    url = f"/klienten/{person.id}/termine/{appointment.id}/bearbeiten"
    form = client.get(url)
    assert form.status_code == 200 and 'value="10:00"' in form.text
    appointment.version += 1
    db.session.commit()
    stale = client.post(
        url, data=appointment_form(future_day, start="14:00", end="15:00", note="Neue Notiz", version="1")
    )
    assert stale.status_code == 409
    assert 'value="14:00"' in stale.text and "Neue Notiz" in stale.text
    moved = client.post(url, data=appointment_form(future_day, start="14:00", end="15:00", version="2"))
    assert moved.status_code == 303
    db.session.refresh(appointment)
    assert appointment.version == 3 and "appointment.changed" in _actions()


def test_cancel_needs_a_reason_and_settle_follows_the_states(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, future_day)
    base = f"/klienten/{person.id}/termine/{appointment.id}"
    assert client.post(base + "/absagen", data={"reason": "", "version": "1"}).status_code == 422
    assert client.post(base + "/stand", data={"state": "confirmed", "version": "1"}).status_code == 303
    assert client.post(base + "/stand", data={"state": "planned", "version": "2"}).status_code == 422
    assert client.post(base + "/absagen", data={"reason": "krank", "version": "1"}).status_code == 409
    assert client.post(base + "/absagen", data={"reason": "Person ist krank", "version": "2"}).status_code == 303
    db.session.refresh(appointment)
    assert appointment.state == "cancelled" and appointment.cancel_reason == "Person ist krank"
    assert {"appointment.state", "appointment.cancelled"} <= set(_actions())


def test_only_those_who_may_open_the_file_see_its_appointments(
    client, login_as, enter, make_user, make_client, make_appointment, future_day
):
    owner = make_user("case_manager")
    stranger = make_user("case_manager", team="Alstaden/Lirich")
    desk = make_user("reception", team=None)
    admin = make_user("admin", team=None)
    person = make_client(owner)
    appointment = make_appointment(person, future_day, note="GEHEIM-NOTIZ")
    base = f"/klienten/{person.id}/termine/{appointment.id}"
    for user in (stranger, desk, admin):
        enter(user)
        for path in ("", "/bearbeiten", "/zettel", "/termin.ics", "/dolmetschen"):
            assert client.get(base + path).status_code == 404, (user.role, path)
        assert client.post(base + "/absagen", data={"reason": "weg", "version": "1"}).status_code == 404
        assert client.get(f"/klienten/{person.id}/termine/neu").status_code == 404
    enter(stranger)
    monday = future_day - timedelta(days=future_day.weekday())
    assert "Al-Hassan" not in client.get(f"/termine/woche/{monday.isoformat()}").text
    enter(owner)
    assert "Al-Hassan" in client.get(f"/termine/woche/{monday.isoformat()}").text
    # Another file's appointment id under this file is 404 too.
    other = make_client(owner, family="Kovalenko", given="Olena")
    assert client.get(f"/klienten/{other.id}/termine/{appointment.id}").status_code == 404


def test_team_lead_sees_the_teams_appointments(
    client, login_as, enter, make_user, make_client, make_appointment, future_day
):
    owner = make_user("case_manager")
    lead = make_user("team_lead")
    person = make_client(owner)
    appointment = make_appointment(person, future_day)
    enter(lead)
    assert client.get(f"/klienten/{person.id}/termine/{appointment.id}").status_code == 200
