"""Dates agreed in other features become appointments: a referral's appointment (with the time
from its note), a case conference's next date; saved again they move, removed they are cancelled."""

from datetime import time, timedelta

from sqlalchemy import select

from kimweb.appointments.models import Appointment
from kimweb.directory.models import Organization, Service
from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from kimweb.referrals.models import Referral
from kimweb.timeutil import local_today, to_local
from tests.helpers import note_form, referral_form


def test_a_referral_appointment_becomes_an_appointment(client, login_as, make_client):
    manager = login_as("case_manager")
    person = make_client(manager)
    organization = Organization(name="Caritas Test")
    db.session.add(organization)
    db.session.flush()
    service = Service(organization_id=organization.id, name="Schuldnerberatung Test", status="active")
    db.session.add(service)
    db.session.commit()
    created = client.post(
        f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service, channel="alone", data_scope=[])
    )
    assert created.status_code == 303
    referral = db.session.scalar(select(Referral))
    day = local_today() + timedelta(days=9)
    moved = client.post(
        f"/klienten/{person.id}/vermittlungen/{referral.id}/stand",
        data={
            "status": "appointment",
            "on_date": day.strftime("%d.%m.%Y"),
            "appointment_note": "10:30 Uhr, Frau Berger",
            "version": str(referral.version),
        },
    )
    assert moved.status_code == 303
    appointment = db.session.scalar(select(Appointment))
    assert appointment.source == f"referral:{referral.id}" and appointment.kind == "accompaniment"
    assert to_local(appointment.starts_at).date() == day and to_local(appointment.starts_at).time() == time(10, 30)
    assert appointment.organization_id == organization.id and not appointment.time_open
    assert appointment.case_manager_id == manager.id


def test_a_conference_next_date_becomes_an_appointment_and_follows_edits(client, login_as, make_client):
    manager = login_as("case_manager")
    person = make_client(manager)
    first = local_today() + timedelta(days=20)
    values = {"kind": "case_conference", "text": "Fallkonferenz", "conference_next_date": first.strftime("%d.%m.%Y")}
    assert client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(**values)).status_code == 303
    note = db.session.scalar(select(ContactNote))
    appointment = db.session.scalar(select(Appointment))
    assert appointment.source == f"conference:{note.id}" and appointment.kind == "case_conference"
    assert to_local(appointment.starts_at).date() == first and appointment.time_open
    later = first + timedelta(days=7)
    values.update(conference_next_date=later.strftime("%d.%m.%Y"), version=str(note.version))
    assert (
        client.post(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten", data=note_form(**values)).status_code == 303
    )
    db.session.expire_all()
    assert db.session.query(Appointment).count() == 1
    assert to_local(db.session.scalar(select(Appointment.starts_at))).date() == later
    note = db.session.scalar(select(ContactNote))
    values.update(conference_next_date="", version=str(note.version))
    assert (
        client.post(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten", data=note_form(**values)).status_code == 303
    )
    assert db.session.scalar(select(Appointment.state)) == "cancelled"


def test_a_letters_hearing_date_becomes_an_appointment(client, login_as, make_client, agency):
    manager = login_as("case_manager")
    person = make_client(manager)
    office = agency("Ausländerbehörde Test")
    hearing = local_today() + timedelta(days=12)
    values = {
        "kind": "letter_in",
        "letter_authority": str(office.id),
        "letter_subject": "Einladung zur Anhörung",
        "letter_date": local_today().strftime("%d.%m.%Y"),
        "letter_hearing_on": hearing.strftime("%d.%m.%Y"),
        "letter_hearing_time": "9:45",
    }
    response = client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(**values))
    assert response.status_code == 303, response.text
    note = db.session.scalar(select(ContactNote))
    appointment = db.session.scalar(select(Appointment))
    assert appointment.source == f"letter:{note.id}" and appointment.organization_id == office.id
    assert to_local(appointment.starts_at).date() == hearing and to_local(appointment.starts_at).time() == time(9, 45)
    edit = client.get(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten")
    assert hearing.strftime("%d.%m.%Y") in edit.text and 'value="9:45"' in edit.text
