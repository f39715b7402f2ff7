"""Fixtures for letters: an agency with a postal address, a client with a residence status, a
consent that covers letters, and the letter flow posted like the pages do."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kimweb.clients.casework_models import Consent, ResidenceStatus
from kimweb.directory.models import Location, Organization
from kimweb.extensions import db
from kimweb.letters import output
from kimweb.letters.models import LetterTemplate
from kimweb.timeutil import local_today

needs_pdf = pytest.mark.skipif(
    not output.pdf_available(), reason="WeasyPrint or its Pango libraries are not installed: no PDF can be made"
)


@pytest.fixture
def office(app):
    """The Ausländerbehörde of the directory, with the address the window shows."""
    organization = Organization(name="Ausländerbehörde Oberhausen")
    db.session.add(organization)
    db.session.flush()
    db.session.add(
        Location(
            organization_id=organization.id,
            name="Technisches Rathaus",
            address_1="Bahnhofstraße 66",
            postal_code="46145",
            city="Oberhausen",
        )
    )
    db.session.commit()
    return organization


@pytest.fixture
def person(login_as, make_client):
    me = login_as(
        "case_manager",
        display_name="Petra Beispiel",
        contact_phone="0208 825-1234",
        contact_email="petra.beispiel@oberhausen.de",
        contact_room="A 2.14",
    )
    client = make_client(
        me,
        family="Al-Hassan",
        given="Mohammed",
        street="Marktstraße 1",
        postcode="46045",
        city="Oberhausen",
        abh_file_number="ABH-2024-0815",
    )
    db.session.add(
        ResidenceStatus(
            client_id=client.id,
            status_type="aufenthaltserlaubnis",
            legal_basis="§ 25 Abs. 2 AufenthG",
            valid_from=date(2024, 1, 1),
            valid_until=local_today() + timedelta(days=60),
        )
    )
    db.session.commit()
    return me, client


@pytest.fixture
def consent_for(app):
    def _give(client, organization, purposes="exchange", scope="identity contact residence", **fields):
        consent = Consent(
            client_id=client.id,
            organization_id=organization.id,
            purposes=purposes,
            data_scope=scope,
            given_on=local_today() - timedelta(days=5),
            **fields,
        )
        db.session.add(consent)
        db.session.commit()
        return consent

    return _give


def template_id(code: str) -> int:
    return db.session.scalar(select(LetterTemplate.id).where(LetterTemplate.code == code))


@pytest.fixture
def write_letter(client):
    """Fill a template (step 1) and save the filled text (step 2, optionally edited)."""

    def _write(person, organization, code, edit=None, **filled):
        response = client.post(
            f"/klienten/{person.id}/briefe/entwurf",
            data={"template_id": template_id(code), "organization_id": organization.id, **filled},
        )
        assert response.status_code == 200, response.text[:2000]
        form = fields_of(response.text)
        if edit:
            form.update(edit(form))
        return client.post(f"/klienten/{person.id}/briefe", data=form)

    return _write


def fields_of(page: str) -> dict:
    """The letter form's values as the browser would send them."""
    import re
    from html import unescape

    values = {}
    for name in ("template_version_id", "organization_id"):
        values[name] = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page).group(1)
    for name in ("address", "body"):
        values[name] = unescape(
            re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.S).group(1)
        )
    for name in ("subject", "deadline"):
        found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
        values[name] = unescape(found.group(1)) if found else ""
    return values
