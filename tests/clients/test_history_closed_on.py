"""Client.history_closed_on, the day a file's phase history ends closed (kimweb/clients/history.py),
kept by the flush hook through every way a phase is written. That the KIM reports count the same
without it: tests/reports/test_closed_shortcut.py."""

from datetime import date, datetime

from sqlalchemy import select

from kimweb.clients.models import Client, PhaseEntry
from kimweb.extensions import db
from kimweb.timeutil import local_today


def _closed_on(client_id: int) -> date | None:
    db.session.rollback()
    return db.session.scalar(select(Client.history_closed_on).where(Client.id == client_id))


def test_closing_and_reopening_through_the_file(client, login_as, make_client):
    person = make_client(login_as("case_manager"))
    assert _closed_on(person.id) is None
    today = local_today()
    client.post(
        f"/klienten/{person.id}/phase",
        data={
            "phase": "7",
            "entered_on": today.strftime("%d.%m.%Y"),
            "closure_reason": "goals_met",
            "version": "1",
        },
    )
    assert _closed_on(person.id) == today
    assert client.post(f"/klienten/{person.id}/wiedereroeffnen", data={"version": "7"}).status_code == 303
    assert _closed_on(person.id) is None


def test_a_backdated_closing_before_a_later_phase_leaves_the_history_open(app, make_user, make_client):
    # The reports read the entries by day: a closing dated before the last phase does not end the
    # history, so the file must not be skipped as closed.
    person = make_client(make_user())
    db.session.add(PhaseEntry(client_id=person.id, phase=3, entered_on=date(2026, 5, 1)))
    db.session.commit()
    db.session.add(PhaseEntry(client_id=person.id, phase=7, entered_on=date(2026, 4, 1), closure_reason="moved_away"))
    person.phase = 7
    db.session.commit()
    assert _closed_on(person.id) is None


def test_a_file_without_entries_closes_on_its_phase_date(app, make_user):
    manager = make_user()
    person = Client(
        case_number="T-1",
        family_name="Ohneverlauf",
        given_names="Vorname",
        case_manager_id=manager.id,
        phase=7,
        phase_since=date(2024, 3, 1),
        created_at=datetime(2023, 1, 5, 9),
    )
    db.session.add(person)
    db.session.commit()
    assert _closed_on(person.id) == date(2024, 3, 1)
    # Created after its phase date (an import): closed no earlier than it was created.
    person = db.session.get(Client, person.id)
    person.created_at = datetime(2024, 6, 1, 9)
    db.session.commit()
    assert _closed_on(person.id) == date(2024, 6, 1)
