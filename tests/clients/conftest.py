"""Fixtures for client files: staff in two teams, residence statuses, and logging in (clients on
file: make_client in tests/conftest.py)."""

import pytest
from sqlalchemy import select

from kimweb.clients.casework_models import ResidenceStatus
from kimweb.clients.residence import refresh_deadlines
from kimweb.directory.models import Organization
from kimweb.extensions import db
from tests.helpers import log_in


@pytest.fixture
def enter(client):
    """Log the test client in as `user` (an existing one, e.g. the second of two colleagues)."""

    def _enter(user):
        log_in(client, user)
        return user

    return _enter


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
