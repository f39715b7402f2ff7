"""Fixtures for the desk: staff, clients on file (made directly), visits, and a test client that
releases the test's own SQLite write lock before every request."""

from datetime import date

import pytest

from kimweb.clients.casenumbers import next_case_number
from kimweb.clients.models import Client, PhaseEntry
from kimweb.clients.names import refresh_search
from kimweb.extensions import db
from kimweb.reception.service import check_in
from kimweb.timeutil import local_today
from tests.conftest import log_in


@pytest.fixture
def client(app):
    """Outside a request every transaction begins IMMEDIATE: reading user.id after a commit would
    hold SQLite's write lock while the request wants it. Roll back before each request."""
    test_client = app.test_client()
    original = test_client.open

    def open_(*args, **kwargs):
        db.session.rollback()
        return original(*args, **kwargs)

    test_client.open = open_
    return test_client


@pytest.fixture
def enter(client):
    def _enter(user):
        db.session.rollback()
        log_in(client, user)
        return user

    return _enter


@pytest.fixture
def staff(make_user):
    """The desk, two case managers in different teams, their team lead, an admin."""
    return {
        "desk": make_user("reception", username="empfang1"),
        "cm": make_user("case_manager", username="mueller1", team="Osterfeld", display_name="Sabine Müller"),
        "other": make_user("case_manager", username="yilmaz1", team="Sterkrade-Mitte", display_name="Deniz Yılmaz"),
        "lead": make_user("team_lead", username="leitung1", team="Osterfeld"),
        "admin": make_user("admin", username="admin1"),
    }


@pytest.fixture
def make_client(app):
    def _make(manager, family="Al-Hassan", given="Mohammed", birth=date(1985, 3, 12), **fields) -> Client:
        today = local_today()
        person = Client(case_number=next_case_number(today.year), family_name=family, given_names=given,
                        birth_date=birth, case_manager_id=manager.id, district_id=manager.team_id, phase=1,
                        phase_since=today, **fields)
        db.session.add(person)
        db.session.flush()
        db.session.add(PhaseEntry(client_id=person.id, phase=1, entered_on=today))
        refresh_search(person)
        db.session.commit()
        return person

    return _make


@pytest.fixture
def make_visit(app):
    """A visit checked in by `desk` (walk-in unless client_id is given), committed."""

    def _visit(desk, **values):
        values.setdefault("family_name", "Kovalenko" if "client_id" not in values else "")
        visit = check_in(desk, **values).visit
        db.session.commit()
        return visit

    return _visit
