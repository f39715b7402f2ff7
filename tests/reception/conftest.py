"""Fixtures for the desk: staff and visits (clients on file come from tests/conftest.py)."""

import pytest

from kimweb.extensions import db
from kimweb.reception.visits import check_in
from tests.helpers import log_in


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
def make_visit(app):
    """A visit checked in by `desk` (walk-in unless client_id is given), committed."""

    def _visit(desk, **values):
        values.setdefault("family_name", "Kovalenko" if "client_id" not in values else "")
        visit = check_in(desk, **values).visit
        db.session.commit()
        return visit

    return _visit
