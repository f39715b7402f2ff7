"""Documents passed on with a referral: only under a consent that covers their kinds of data
(health documents need a consent naming health data), listed in the file's disclosure log."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import Consent
from kimweb.directory.models import Organization
from kimweb.documents.models import Document, disclosure_document
from kimweb.extensions import db
from kimweb.referrals.models import Disclosure, Referral
from kimweb.timeutil import local_today
from tests.documents import files
from tests.helpers import whole_file

HEALTH_TYPE = 9  # "Ärztliches Attest/Befund", seeded with the health flag


@pytest.fixture
def referral(person):
    agency = Organization(name="Beratungsstelle Test")
    db.session.add(agency)
    db.session.flush()
    referral = Referral(
        client_id=person.id,
        organization_id=agency.id,
        service_name="Schuldnerberatung",
        organization_name=agency.name,
        reason="Schulden",
        channel="email",
        status="planned",
    )
    db.session.add(referral)
    db.session.commit()
    return referral


def _consent(person, referral, *, scope, health=False):
    db.session.add(
        Consent(
            client_id=person.id,
            organization_id=referral.organization_id,
            purposes="referral",
            data_scope=scope,
            health_data=health,
            given_on=local_today() - timedelta(days=3),
        )
    )
    db.session.commit()


def test_passed_on_under_a_covering_consent_and_logged(client, login_as, manager, person, upload, referral):
    login_as(manager)
    upload(person, ("bescheid.pdf", files.text_pdf()), title="Bescheid Jobcenter")  # identity situation
    document = db.session.scalar(select(Document))
    url = f"/klienten/{person.id}/vermittlungen/{referral.id}/dokumente"
    assert "Dokumente mitgeben" in client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}").text
    response = client.post(url, data={"document_ids": [str(document.id)]})
    assert response.status_code == 422
    assert "Für Beratungsstelle Test liegt keine Einwilligung vor." in response.text
    _consent(person, referral, scope="identity concern")  # does not cover "situation"
    response = client.post(url, data={"document_ids": [str(document.id)]})
    assert response.status_code == 422 and "deckt diese Daten nicht" in response.text
    assert db.session.scalar(select(Disclosure)) is None
    _consent(person, referral, scope="identity situation")
    assert client.post(url, data={"document_ids": [str(document.id)]}).status_code == 303
    disclosure = db.session.scalar(select(Disclosure))
    assert disclosure.referral_id == referral.id and disclosure.data_scope == "identity situation"
    assert db.session.execute(select(disclosure_document)).all() == [(disclosure.id, document.id)]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.passed_on")) is not None
    assert "Dokumente: Bescheid Jobcenter" in whole_file(client, person.id).text


def test_health_documents_need_health_data_in_the_consent(client, login_as, manager, person, upload, referral):
    login_as(manager)
    upload(person, ("attest.pdf", files.text_pdf(["Attest"])), type_id=HEALTH_TYPE)
    document = db.session.scalar(select(Document))
    _consent(person, referral, scope="identity")
    url = f"/klienten/{person.id}/vermittlungen/{referral.id}/dokumente"
    response = client.post(url, data={"document_ids": [str(document.id)]})
    assert response.status_code == 422 and "nennt keine Gesundheitsdaten" in response.text
    _consent(person, referral, scope="identity", health=True)
    assert client.post(url, data={"document_ids": [str(document.id)]}).status_code == 303
    assert db.session.scalar(select(Disclosure)).health_data is True


def test_only_this_files_documents_and_open_referrals(client, login_as, manager, person, make_client, upload, referral):
    login_as(manager)
    other = make_client(manager, family="Nowak", given="Anna")
    upload(other, ("fremd.pdf", files.text_pdf()))
    foreign = db.session.scalar(select(Document))
    url = f"/klienten/{person.id}/vermittlungen/{referral.id}/dokumente"
    assert client.post(url, data={"document_ids": [str(foreign.id)]}).status_code == 422
    referral.status = "cancelled"
    db.session.commit()
    assert client.get(url).status_code == 404
