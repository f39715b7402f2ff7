"""The nightly `flask appointments mark-missed` and the figures kept / cancelled / missed."""

from datetime import date, time, timedelta

from sqlalchemy import select

from kimweb.appointments.models import Appointment
from kimweb.appointments.schedule import to_utc
from kimweb.appointments.stats import appointment_figures
from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from kimweb.timeutil import local_today


def test_mark_missed_leaves_those_with_a_visit_or_note(runner, make_user, make_client, make_appointment):
    manager = make_user("case_manager")
    person = make_client(manager)
    other = make_client(manager, family="Kovalenko", given="Olena")
    past = local_today() - timedelta(days=2)
    missed = make_appointment(person, past)
    noted = make_appointment(other, past, time(14, 0))
    ahead = make_appointment(person, local_today() + timedelta(days=3))
    cancelled = make_appointment(person, past, time(16, 0), state="cancelled")
    db.session.add(
        ContactNote(
            client_id=other.id, author_id=manager.id, occurred_at=to_utc(past, time(14, 30)), kind="office", text="da"
        )
    )
    db.session.commit()
    result = runner.invoke(args=["appointments", "mark-missed"])
    assert result.exit_code == 0 and "1 Termin" in result.output
    states = dict(db.session.execute(select(Appointment.id, Appointment.state)).all())
    assert states[missed.id] == "missed_unconfirmed"
    assert states[noted.id] == "planned" and states[ahead.id] == "planned" and states[cancelled.id] == "cancelled"
    # Run again: nothing more to mark.
    assert "0 Termin" in runner.invoke(args=["appointments", "mark-missed"]).output


def test_case_manager_confirms_or_corrects_a_missed_one(client, login_as, make_client, make_appointment):
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, local_today() - timedelta(days=1), state="missed_unconfirmed")
    page = client.get(f"/klienten/{person.id}")
    assert "ohne Besuch oder Notiz vergangen" in page.text
    response = client.post(
        f"/klienten/{person.id}/termine/{appointment.id}/stand", data={"state": "missed", "version": "1"}
    )
    assert response.status_code == 303
    assert db.session.scalar(select(Appointment.state)) == "missed"


def test_figures_per_case_manager_and_month(client, login_as, make_user, make_client, make_appointment):
    lead = make_user("team_lead")
    manager = make_user("case_manager", display_name="Anna Beispiel")
    elsewhere = make_user("case_manager", team="Alstaden/Lirich")
    person = make_client(manager)
    stranger = make_client(elsewhere, family="Kovalenko", given="Olena")
    make_appointment(person, date(2030, 1, 7), state="kept")
    make_appointment(person, date(2030, 1, 8), state="missed")
    make_appointment(person, date(2030, 1, 31), time(23, 30), state="cancelled")  # Berlin: January
    make_appointment(person, date(2030, 2, 1), time(0, 30), state="missed_unconfirmed")  # UTC: still January
    make_appointment(person, date(2030, 2, 4), state="planned")  # not counted
    make_appointment(stranger, date(2030, 1, 9), state="kept")
    rows = appointment_figures(date(2030, 1, 1), date(2030, 2, 28), team_id=manager.team_id)
    assert [(r.case_manager, r.month, r.kept, r.cancelled, r.missed, r.missed_unconfirmed) for r in rows] == [
        ("Anna Beispiel", date(2030, 1, 1), 1, 1, 1, 0),
        ("Anna Beispiel", date(2030, 2, 1), 0, 0, 1, 1),
    ]
    assert len(appointment_figures(date(2030, 1, 1), date(2030, 2, 28))) == 3
    login_as(lead)
    page = client.get("/termine/statistik", query_string={"von": "01.01.2030", "bis": "28.02.2030"})
    assert page.status_code == 200 and "Anna Beispiel" in page.text and "01/2030" in page.text
    assert "Kovalenko" not in page.text
    login_as("case_manager")
    assert client.get("/termine/statistik").status_code == 404


def test_demo_appointments_are_seeded_once(app):
    from kimweb.demo import seed_all

    seed_all()
    first = db.session.query(Appointment).count()
    assert first >= 5
    seed_all()
    assert db.session.query(Appointment).count() == first
