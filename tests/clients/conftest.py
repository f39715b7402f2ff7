"""Fixtures for client files: staff in two teams, clients made directly (fast), and logging in."""

from datetime import date

import pytest
from sqlalchemy import select

from kimweb.clients.casenumbers import next_case_number
from kimweb.clients.casework_models import ResidenceStatus
from kimweb.clients.models import Client, PhaseEntry
from kimweb.clients.names import refresh_search
from kimweb.clients.residence import refresh_deadlines
from kimweb.directory.models import Organization
from kimweb.extensions import db
from kimweb.timeutil import local_today
from tests.conftest import log_in


@pytest.fixture
def enter(client):
    """Log the test client in as `user` (an existing one, e.g. the second of two colleagues)."""

    def _enter(user):
        log_in(client, user)
        return user

    return _enter


@pytest.fixture
def make_client(app):
    """A client on file for `manager`, built the way intake stores one."""

    def _make(manager, family="Al-Hassan", given="Mohammed", birth=date(1985, 3, 12), **fields) -> Client:
        today = local_today()
        district_id = fields.pop("district_id", manager.team_id)
        person = Client(case_number=next_case_number(today.year), family_name=family, given_names=given,
                        birth_date=birth, case_manager_id=manager.id, district_id=district_id, phase=1,
                        phase_since=today, **fields)
        db.session.add(person)
        db.session.flush()
        db.session.add(PhaseEntry(client_id=person.id, phase=1, entered_on=today))
        refresh_search(person)
        db.session.commit()
        return person

    return _make


@pytest.fixture
def add_status(app):
    def _add(person, **values) -> ResidenceStatus:
        record = ResidenceStatus(client_id=person.id, **values)
        db.session.add(record)
        db.session.flush()
        refresh_deadlines(person.id)
        db.session.commit()
        return record

    return _add


@pytest.fixture
def agency(app):
    """An agency of the directory (made here, so the tests do not depend on its demo data)."""

    def _agency(name="Jobcenter Test"):
        found = db.session.scalar(select(Organization).where(Organization.name == name))
        if found:
            return found
        organization = Organization(name=name)
        db.session.add(organization)
        db.session.commit()
        return organization

    return _agency
