"""Editing by directory editors: validation with German messages, old and new values in the audit trail."""

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.directory.models import Contact, Organization, Schedule, Service
from kimweb.extensions import db
from tests.helpers import shared_data, titles


@pytest.fixture
def editor(login_as):
    return login_as("admin")


def last_audit(action):
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    ).first()


def service_form(service, **changes):
    data = {
        "name": service.name,
        "status": service.status,
        "version": str(service.version),
        "referral_channel": "",
        "intake_mode": "",
        "capacity": "",
    }
    data.update(changes)
    return data


def test_create_organization_location_service(client, editor):
    response = client.post(
        "/wegweiser/traeger/neu",
        data={"name": "Neue Beratungsstelle", "url": "https://example.org", "phone": "0208 123 456"},
    )
    assert response.status_code == 303
    org = db.session.scalar(select(Organization).where(Organization.name == "Neue Beratungsstelle"))
    assert org.phones[0].number == "0208 123 456"
    response = client.post(
        f"/wegweiser/traeger/{org.id}/standort/neu",
        data={
            "name": "Hauptsitz",
            "address_1": "Testweg 1",
            "postal_code": "46045",
            "city": "Oberhausen",
            "district_id": "",
            "step_free": "1",
            "lift": "",
            "accessible_wc": "0",
        },
    )
    assert response.status_code == 303
    location = org.locations[0]
    assert (location.step_free, location.lift, location.accessible_wc) == (True, None, False)
    areas = client.get(f"/wegweiser/traeger/{org.id}/angebot/neu").text
    assert "Handlungsfelder" in areas
    response = client.post(
        f"/wegweiser/traeger/{org.id}/angebot/neu",
        data={
            "name": "Schuldnerberatung Nord",
            "status": "active",
            "referral_channel": "mailbox",
            "referral_address": "fachstellen@example.org",
            "intake_mode": "walk_in",
            "capacity": "accepting",
            "life_areas": ["4"],
            "locations": [str(location.id)],
        },
    )
    assert response.status_code == 303
    service = db.session.scalar(select(Service).where(Service.name == "Schuldnerberatung Nord"))
    assert [a.code for a in service.life_areas] == ["existenz"] and service.locations == [location]
    assert titles(client.get("/wegweiser/?q=schuldner")) == ["Schuldnerberatung Nord"]
    assert "directory.service.created" == last_audit("directory.service.created").action


def test_edit_records_old_and_new_values(client, editor, make_service):
    service = make_service("Sprachcafé", capacity="accepting")
    response = client.post(
        f"/wegweiser/angebot/{service.id}/bearbeiten",
        data=service_form(service, name="Sprachcafé am Markt", capacity="waitlist", wait_days="14"),
    )
    assert response.status_code == 303
    event = last_audit("directory.service.changed")
    assert event.object_id == str(service.id)
    assert "name: Sprachcafé -> Sprachcafé am Markt" in event.detail
    assert "capacity: accepting -> waitlist" in event.detail and "wait_days: – -> 14" in event.detail
    assert titles(client.get("/wegweiser/?q=markt")) == ["Sprachcafé am Markt"]  # re-indexed


def test_stale_form_answers_409_and_keeps_the_input(client, editor, make_service):
    service = make_service("Sprachcafé")
    stale = service_form(service, name="Meine Änderung")
    assert (
        client.post(
            f"/wegweiser/angebot/{service.id}/bearbeiten", data=service_form(service, name="Andere")
        ).status_code
        == 303
    )
    response = client.post(f"/wegweiser/angebot/{service.id}/bearbeiten", data=stale)
    assert response.status_code == 409
    assert 'value="Meine Änderung"' in response.text


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("url", "javascript:alert(1)", "vollständige Adresse"),
        ("email", "keine-mail", "gültige E-Mail"),
        ("phone", "abc", "Telefonnummer"),
        ("maximum_age", "5", "Höchstalter"),
        ("referral_address", "nicht-mail", "Funktionspostfach"),
        ("name", "", "Namen des Angebots"),
        ("name", "x" * 201, "Höchstens 200 Zeichen"),
        ("life_areas", "999", "nur aus der Liste"),
    ],
)
def test_invalid_service_input_gives_422_with_german_message(client, editor, make_service, field, value, message):
    service = make_service("Sprachcafé")
    data = service_form(service, minimum_age="10", referral_channel="mailbox")
    data[field] = value
    response = client.post(f"/wegweiser/angebot/{service.id}/bearbeiten", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text


def test_opening_hours_validation_and_audit(client, editor, make_service):
    service = make_service("Sprachcafé")
    url = f"/wegweiser/angebot/{service.id}/zeiten/neu"
    bad = client.post(url, data={"weekday": "1", "opens_at": "12:00", "closes_at": "09:00", "attending": "walk_in"})
    assert bad.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in bad.text
    bad = client.post(url, data={"weekday": "1", "opens_at": "25:99", "closes_at": "26:00", "attending": "walk_in"})
    assert bad.status_code == 422
    bad = client.post(url, data={"weekday": "9", "opens_at": "09:00", "closes_at": "12:00", "attending": "walk_in"})
    assert bad.status_code == 422
    good = client.post(url, data={"weekday": "1", "opens_at": "09:00", "closes_at": "12:00", "attending": "walk_in"})
    assert good.status_code == 303
    slot = db.session.scalar(select(Schedule).where(Schedule.service_id == service.id))
    assert "1 09:00-12:00 walk_in" in last_audit("directory.schedule.created").detail
    exception_url = f"/wegweiser/angebot/{service.id}/ausnahmen/neu"
    bad = client.post(exception_url, data={"start_date": "2026-12-24", "end_date": "2026-12-20", "closed": "y"})
    assert bad.status_code == 422 and "vor dem Beginn" in bad.text
    bad = client.post(exception_url, data={"start_date": "2026-12-24", "opens_at": "10:00"})
    assert bad.status_code == 422 and "Sonderzeiten" in bad.text
    assert client.post(exception_url, data={"start_date": "2026-12-24", "closed": "y"}).status_code == 303
    assert client.post(f"/wegweiser/zeiten/{slot.id}/loeschen").status_code == 303
    assert "-> –" in last_audit("directory.schedule.deleted").detail


def test_contacts_and_languages(client, editor, make_service):
    service = make_service("Sprachcafé")
    response = client.post(
        f"/wegweiser/angebot/{service.id}/kontakt/neu",
        data={
            "name": "Frau K.",
            "responsibility": "Anmeldungen Tigrinya",
            "phone": "0208 99 88",
            "visibility": "internal",
        },
    )
    assert response.status_code == 303
    contact = db.session.scalar(select(Contact).where(Contact.service_id == service.id))
    assert contact.phone == "0208 99 88"
    assert titles(client.get("/wegweiser/?q=tigrinya")) == ["Sprachcafé"]  # responsibilities are searchable
    empty = client.post(f"/wegweiser/angebot/{service.id}/kontakt/neu", data={"visibility": "public"})
    assert empty.status_code == 422 and "mindestens Name" in empty.text
    url = f"/wegweiser/angebot/{service.id}/sprachen"
    assert client.post(url, data={"code": "ti", "mode": "staff"}).status_code == 303
    duplicate = client.post(url, data={"code": "ti", "mode": "staff"})
    assert duplicate.status_code == 422 and "schon eingetragen" in duplicate.text
    assert client.post(url, data={"code": "xx", "mode": "staff"}).status_code == 422
    assert client.post(f"/wegweiser/kontakt/{contact.id}/loeschen").status_code == 303
    assert titles(client.get("/wegweiser/?q=anmeldungen")) == []
    # A language name in the query also finds the services in that language (issue 14).
    assert titles(client.get("/wegweiser/?q=tigrinya")) == ["Sprachcafé"]


def test_csrf_is_required(client, editor, make_service):
    service = make_service("Sprachcafé")
    response = client.post(f"/wegweiser/angebot/{service.id}/bearbeiten", data=service_form(service), csrf=False)
    assert response.status_code == 400


def test_naughty_strings_are_stored_and_shown_escaped(client, editor, make_service):
    path = shared_data("blns.txt")
    service = make_service("Sprachcafé")
    lines = [
        line
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for line in lines[::7]:
        data = service_form(db.session.get(Service, service.id), description=line, alert=line[:500], referral_note=line)
        response = client.post(f"/wegweiser/angebot/{service.id}/bearbeiten", data=data)
        assert response.status_code in (303, 422), line
        page = client.get(f"/wegweiser/angebot/{service.id}")
        assert page.status_code == 200, line
        assert "<script>alert(" not in page.text
        db.session.expire_all()
    tip = client.post(
        f"/wegweiser/angebot/{service.id}/tipps", data={"text": "<script>alert(1)</script>", "review_on": "2099-01-01"}
    )
    assert tip.status_code == 422  # too far ahead
