"""Case managers and team leads propose a new agency or service; the proposal waits in the moderation queue as
structured fields and becomes an entry when an editor accepts it."""

import json

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.directory.models import Organization, Service
from kimweb.directory.upkeep_models import Suggestion
from kimweb.extensions import db
from tests.helpers import titles

PROPOSAL = {
    "organization_id": "",
    "organization_name": "Tigrinya-Elternverein Oberhausen",
    "organization_phone": "0208 123 456",
    "organization_email": "info@tigrinya-eltern.example",
    "name": "Elterncafé auf Tigrinya",
    "description": "Austausch für Eltern, Hilfe bei Kita-Anmeldung.",
    "life_areas": ["familie"],
    "languages": ["ti", "ar"],
    "address_1": "Marktstraße 12",
    "postal_code": "46045",
    "city": "Oberhausen",
}


@pytest.mark.parametrize("role", ["case_manager", "team_lead"])
def test_a_proposal_waits_and_becomes_an_entry(client, login_as, role):
    author = login_as(role)
    assert client.get("/wegweiser/vorschlag/neu").status_code == 200
    assert "Neues Angebot vorschlagen" in client.get("/wegweiser/").text
    response = client.post("/wegweiser/vorschlag/neu", data=PROPOSAL)
    assert response.status_code == 303
    suggestion = db.session.scalar(select(Suggestion))
    assert (suggestion.kind, suggestion.service_id, suggestion.author_id) == ("new", None, author.id)
    assert json.loads(suggestion.proposal)["languages"] == ["ti", "ar"]
    assert db.session.scalar(select(Service)) is None  # nothing in the directory yet
    assert titles(client.get("/wegweiser/", query_string={"q": "Elterncafé"})) == []

    login_as("admin")
    queue = client.get("/wegweiser/vorschlaege").text
    assert (
        "Elterncafé auf Tigrinya" in queue and "Tigrinya-Elternverein Oberhausen" in queue and "Marktstraße 12" in queue
    )
    response = client.post(f"/wegweiser/vorschlaege/{suggestion.id}", data={"decision": "accepted"})
    assert response.status_code == 303
    service = db.session.scalar(select(Service))
    assert response.headers["Location"].endswith(f"/wegweiser/angebot/{service.id}/bearbeiten")
    assert service.organization.name == "Tigrinya-Elternverein Oberhausen"
    assert sorted(language.code for language in service.languages) == ["ar", "ti"]
    assert [area.code for area in service.life_areas] == ["familie"]
    assert db.session.get(Suggestion, suggestion.id).service_id == service.id
    assert titles(client.get("/wegweiser/", query_string={"q": "Elterncafé"})) == ["Elterncafé auf Tigrinya"]
    handout = client.get(f"/wegweiser/angebot/{service.id}/handzettel").text
    assert "0208 123 456" in handout and "Marktstraße 12" in handout  # the agency's phone for the client
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"directory.proposal.created", "directory.service.created", "directory.suggestion.decided"} <= actions


def test_a_proposal_for_an_existing_agency_and_its_checks(client, login_as, make_service):
    existing = make_service("Migrationsberatung", organization="Caritas Test")
    login_as("case_manager")
    nothing = client.post("/wegweiser/vorschlag/neu", data={"name": "Sprachcafé"})
    assert nothing.status_code == 422 and "Bitte wählen Sie einen Träger" in nothing.text
    response = client.post(
        "/wegweiser/vorschlag/neu", data={"organization_id": str(existing.organization_id), "name": "Sprachcafé"}
    )
    assert response.status_code == 303
    login_as("admin")
    suggestion = db.session.scalar(select(Suggestion))
    client.post(f"/wegweiser/vorschlaege/{suggestion.id}", data={"decision": "rejected"})
    assert db.session.scalar(select(Service).where(Service.name == "Sprachcafé")) is None
    assert db.session.query(Organization).count() == 1


def test_reception_cannot_propose(client, login_as):
    login_as("reception")
    assert client.get("/wegweiser/vorschlag/neu").status_code == 403
