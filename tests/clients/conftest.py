"""Fixtures for client files: residence statuses (clients on file, logging in as a colleague and
agencies: make_client, enter and agency in tests/conftest.py)."""

import pytest

from kimweb.clients.casework_models import ResidenceStatus
from kimweb.clients.residence import refresh_deadlines
from kimweb.extensions import db


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
