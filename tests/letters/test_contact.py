"""Staff contact data: edited by the admin and by oneself, printed on letters and on the
referral letter (Überleitungsbogen), so the agency can answer."""

from sqlalchemy import select

from kimweb.auth.models import User
from kimweb.directory.models import Organization, Service
from kimweb.extensions import db
from kimweb.letters.contact import staff_contact
from kimweb.referrals.models import Referral
from tests.helpers import referral_form


def test_admin_edits_a_colleagues_contact(client, make_user, login_as):
    colleague = make_user("case_manager", display_name="Karl Kontakt")
    login_as("admin")
    page = client.get(f"/admin/benutzer/{colleague.id}")
    assert page.status_code == 200 and "Telefon (dienstlich)" in page.text
    data = {
        "display_name": "Karl Kontakt",
        "role": "case_manager",
        "team_id": str(colleague.team_id),
        "traeger_id": "",
        "active": "y",
        "contact_phone": "0208 825-4711",
        "contact_email": "karl.kontakt@oberhausen.de",
        "contact_address": "Schwartzstraße 72\n46045 Oberhausen",
        "contact_room": "B 1.02",
        "version": str(colleague.version),
    }
    assert client.post(f"/admin/benutzer/{colleague.id}", data=data).status_code == 303
    saved = db.session.get(User, colleague.id)
    assert (saved.contact_phone, saved.contact_room) == ("0208 825-4711", "B 1.02")
    lines = staff_contact(saved).lines()
    assert lines == [
        "Karl Kontakt",
        "Raum B 1.02",
        "Schwartzstraße 72",
        "46045 Oberhausen",
        "Telefon 0208 825-4711",
        "E-Mail karl.kontakt@oberhausen.de",
    ]
    bad = client.post(
        f"/admin/benutzer/{colleague.id}", data={**data, "contact_email": "kein@", "version": str(saved.version)}
    )
    assert bad.status_code == 422 and "gültige E-Mail-Adresse" in bad.text


def test_own_contact_is_editable_and_stale_edits_answer_409(client, login_as):
    me = login_as("case_manager")
    assert client.get("/konto/erreichbarkeit").status_code == 200
    data = {
        "contact_phone": "0208 111-222",
        "contact_email": "",
        "contact_address": "",
        "contact_room": "3",
        "version": str(me.version),
    }
    assert client.post("/konto/erreichbarkeit", data=data).status_code == 303
    saved = db.session.get(User, me.id)
    assert saved.contact_phone == "0208 111-222" and saved.contact_email is None
    stale = client.post("/konto/erreichbarkeit", data={**data, "contact_room": "99"})
    assert stale.status_code == 409 and 'value="99"' in stale.text


def test_referral_letter_names_how_to_answer(client, login_as, make_client):
    me = login_as(
        "case_manager", display_name="Petra Beispiel", contact_phone="0208 825-1234", contact_email="p.b@example.org"
    )
    person = make_client(me)
    organization = Organization(name="Beratung Test")
    db.session.add(organization)
    db.session.flush()
    service = Service(organization_id=organization.id, name="Schuldnerberatung", status="active")
    db.session.add(service)
    db.session.commit()
    response = client.post(f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service, data_scope=[]))
    assert response.status_code == 303, response.text[:2000]
    referral = db.session.scalars(select(Referral).order_by(Referral.id.desc())).first()
    letter = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen")
    assert letter.status_code == 200
    assert "Ihre Antwort an:" in letter.text
    assert "Telefon 0208 825-1234" in letter.text and "E-Mail p.b@example.org" in letter.text


def test_handout_names_the_case_manager_who_printed_it(client, login_as, agency):
    login_as("case_manager", display_name="Petra Beispiel", contact_phone="0208 825-1234")
    organization = agency("Beratung Handzettel")
    service = Service(organization_id=organization.id, name="Sprachcafé", status="active")
    db.session.add(service)
    db.session.commit()
    page = client.get(f"/wegweiser/angebot/{service.id}/handzettel")
    assert page.status_code == 200
    assert "Ihre Ansprechperson im Integrationsmanagement" in page.text
    assert "Telefon 0208 825-1234" in page.text


def test_reception_handout_names_nobody(client, login_as, agency):
    login_as("reception", contact_phone="0208 825-9999")
    organization = agency("Beratung Handzettel")
    service = Service(organization_id=organization.id, name="Sprachcafé", status="active")
    db.session.add(service)
    db.session.commit()
    page = client.get(f"/wegweiser/angebot/{service.id}/handzettel")
    assert page.status_code == 200 and "0208 825-9999" not in page.text
