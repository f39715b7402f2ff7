"""Fixtures for referrals: a service of the directory and consents (the posted form: tests/helpers.py)."""

from datetime import timedelta

import pytest

from kimweb.clients.casework_models import Consent
from kimweb.directory.models import Organization, Service
from kimweb.extensions import db
from kimweb.timeutil import local_today


@pytest.fixture
def make_service(app):
    def _make(name="Schuldnerberatung Test", agency_name="Caritas Test", status="active") -> Service:
        organization = db.session.query(Organization).filter_by(name=agency_name).one_or_none()
        if organization is None:
            organization = Organization(name=agency_name)
            db.session.add(organization)
            db.session.flush()
        service = Service(organization_id=organization.id, name=name, status=status)
        db.session.add(service)
        db.session.commit()
        return service

    return _make


@pytest.fixture
def give_consent(app):
    def _give(
        person,
        organization_id,
        *,
        purposes="referral",
        scope="identity contact concern",
        health=False,
        given=-10,
        until=300,
        revoked=None,
        by=None,
    ) -> Consent:
        today = local_today()
        consent = Consent(
            client_id=person.id,
            organization_id=organization_id,
            purposes=purposes,
            data_scope=scope,
            health_data=health,
            given_on=today + timedelta(days=given),
            valid_until=today + timedelta(days=until) if until is not None else None,
            revoked_on=today + timedelta(days=revoked) if revoked is not None else None,
            created_by_id=by.id if by else None,
        )
        db.session.add(consent)
        db.session.commit()
        return consent

    return _give
