"""The client handout and the service page: a phone and e-mail for the client, print button, "Stand" as the
date last checked, the handout in the client's language, right to left where the language is written so."""

from datetime import date

import pytest

from kimweb.directory import views_service
from kimweb.directory.models import Contact, Location, Phone, ServiceAtLocation
from kimweb.extensions import db


@pytest.fixture
def staff(login_as):
    return login_as("case_manager")


def test_the_agency_phone_when_the_service_has_none(client, staff, make_service):
    service = make_service("Sprachcafé", organization="Nachbarschaftsverein")
    db.session.add(Phone(organization_id=service.organization_id, number="0208 55 44 33"))
    internal = Contact(service_id=service.id, name="Frau Intern", visibility="internal", email="intern@example.org")
    db.session.add(internal)
    db.session.flush()
    db.session.add(Phone(contact_id=internal.id, number="0208 111-999"))
    service.organization.email = "info@nachbarn.example"
    db.session.commit()
    handout = client.get(f"/wegweiser/angebot/{service.id}/handzettel").text
    assert "0208 55 44 33" in handout and "info@nachbarn.example" in handout
    assert "0208 111-999" not in handout and "intern@example.org" not in handout
    assert "data-print" in handout
    page = client.get(f"/wegweiser/angebot/{service.id}").text
    assert "0208 55 44 33" in page and "(Träger)" in page


def test_a_public_contact_or_the_location_comes_before_the_agency(client, staff, make_service):
    service = make_service("Migrationsberatung", organization="Caritas Test")
    db.session.add(Phone(organization_id=service.organization_id, number="0208 1"))
    location = Location(organization_id=service.organization_id, name="Büro Mitte", address_1="Marktstraße 1")
    db.session.add(location)
    db.session.flush()
    db.session.add(ServiceAtLocation(service_id=service.id, location_id=location.id))
    db.session.add(Phone(location_id=location.id, number="0208 22 22"))
    db.session.commit()
    assert "0208 22 22" in client.get(f"/wegweiser/angebot/{service.id}/handzettel").text
    public = Contact(service_id=service.id, name="Frau Offen", visibility="public")
    db.session.add(public)
    db.session.flush()
    db.session.add(Phone(contact_id=public.id, number="0208 33 33"))
    db.session.commit()
    handout = client.get(f"/wegweiser/angebot/{service.id}/handzettel").text
    assert "0208 33 33" in handout and "0208 1<" not in handout


def test_stand_is_the_date_last_checked(client, staff, make_service):
    service = make_service("Schuldnerberatung", last_verified_on=date(2026, 3, 2))
    handout = client.get(f"/wegweiser/angebot/{service.id}/handzettel").text
    assert "Stand: 02.03.2026" in handout
    unchecked = make_service("Neu")
    assert "Stand: noch nicht geprüft" in client.get(f"/wegweiser/angebot/{unchecked.id}/handzettel").text


def test_the_handout_in_english_and_right_to_left(client, staff, make_service, monkeypatch):
    service = make_service("Schuldnerberatung")
    english = client.get(f"/wegweiser/angebot/{service.id}/handzettel", query_string={"sprache": "en"}).text
    assert 'lang="en" dir="ltr"' in english and "Opening hours" in english
    assert "Schuldnerberatung" in english  # the entry's own text stays as entered
    # An office that adds an Arabic or a Russian catalogue: the layout turns right to left, Cyrillic as is.
    monkeypatch.setattr(
        views_service, "handout_languages", lambda: {"de": "Deutsch", "ar": "Arabisch", "ru": "Russisch"}
    )
    arabic = client.get(f"/wegweiser/angebot/{service.id}/handzettel", query_string={"sprache": "ar"}).text
    assert 'lang="ar" dir="rtl"' in arabic
    russian = client.get(f"/wegweiser/angebot/{service.id}/handzettel", query_string={"sprache": "ru"}).text
    assert 'lang="ru" dir="ltr"' in russian
    unknown = client.get(f"/wegweiser/angebot/{service.id}/handzettel", query_string={"sprache": "xx"}).text
    assert 'lang="de" dir="ltr"' in unknown
