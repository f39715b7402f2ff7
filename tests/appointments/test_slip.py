"""The appointment slip for the client: the place with its directory address and public transport
hint, what to bring, German and a second column in the client's language (right to left for
Arabic, with lang attributes), no confidential address; printing it is audited as a read."""

import re
from datetime import time

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.directory.models import Location, Organization
from kimweb.extensions import db


def _sections(html: str) -> dict[str, str]:
    """The slip's language sections by their lang attribute, each with its opening tag."""
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<section class="ap-slip-lang" lang="([a-z]+)"[^>]*>.*?</section>', html, re.S)
    }


def _office(confidential: bool = False) -> Location:
    organization = Organization(name="Ausländerbehörde Oberhausen")
    db.session.add(organization)
    db.session.flush()
    location = Location(
        name="Bürgerservice Mitte",
        organization_id=organization.id,
        address_1="Schwartzstraße 72",
        postal_code="46045",
        city="Oberhausen",
        transportation="Bus 957 bis Haltestelle Rathaus",
        address_confidential=confidential,
    )
    db.session.add(location)
    db.session.commit()
    return location


def test_slip_shows_place_address_transport_and_what_to_bring_in_german_and_arabic(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager", display_name="Sabine Müller")
    person = make_client(manager, languages="ar de")
    office = _office()
    appointment = make_appointment(
        person,
        future_day,
        time(9, 30),
        45,
        kind="accompaniment",
        place="location",
        location_id=office.id,
        bring="Reisepass, Bescheid der Ausländerbehörde",
        note="GEHEIM-NOTIZ",
    )
    page = client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel")
    assert page.status_code == 200
    sections = _sections(page.text)
    assert list(sections) == ["de", "ar"]
    german, arabic = sections["de"], sections["ar"]
    assert 'dir="rtl"' in arabic.split(">")[0] and 'dir="rtl"' not in german.split(">")[0]
    day = future_day.strftime("%d.%m.%Y")
    assert f'Dienstag, <span dir="ltr">{day}</span>' in german and "09:30–10:15</span> Uhr" in german
    assert "موعدك" in arabic and f'<span dir="ltr">{day}</span>' in arabic and "09:30–10:15" in arabic
    for section in (german, arabic):
        assert "Ausländerbehörde Oberhausen" in section and "Bürgerservice Mitte" in section
        assert "Schwartzstraße 72, 46045 Oberhausen" in section
        assert "Bus 957 bis Haltestelle Rathaus" in section
        assert "Reisepass, Bescheid der Ausländerbehörde" in section
        assert "Sabine Müller" in section
    assert "Anfahrt" in german and "Bitte mitbringen" in german
    assert "كيفية الوصول" in arabic and "يرجى إحضار" in arabic
    assert "GEHEIM-NOTIZ" not in page.text
    actions = db.session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.object_type == "appointment", AuditEvent.object_id == str(appointment.id)
        )
    ).all()
    assert "appointment.slip" in actions


def test_slip_second_column_follows_the_interpreter_language_and_stays_left_to_right(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager, languages="ar")
    appointment = make_appointment(person, future_day, interpreter_language="tr", interpreter_kind="professional")
    sections = _sections(client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel").text)
    assert list(sections) == ["de", "tr"]
    assert 'dir="rtl"' not in sections["tr"].split(">")[0] and "Randevunuz" in sections["tr"]
    assert "Raum 2" in sections["de"]


def test_slip_without_texts_for_the_language_is_german_only(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager, languages="ti")
    appointment = make_appointment(person, future_day, place="home", bring="")
    page = client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel").text
    sections = _sections(page)
    assert list(sections) == ["de"]
    assert "Wir besuchen Sie zu Hause." in sections["de"] and "Bitte mitbringen" not in sections["de"]


def test_slip_never_prints_a_confidential_address(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    shelter = _office(confidential=True)
    appointment = make_appointment(person, future_day, place="location", location_id=shelter.id)
    page = client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel").text
    assert "Schwartzstraße" not in page and "Bus 957" not in page


def test_slip_is_only_for_those_who_may_open_the_file(
    client, login_as, make_user, make_client, make_appointment, future_day
):
    owner = make_user("case_manager", team="Sterkrade-Mitte")
    person = make_client(owner)
    appointment = make_appointment(person, future_day)
    login_as("case_manager")
    assert client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel").status_code == 404
    login_as("reception")
    assert client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel").status_code == 404


def test_slip_says_how_to_reach_the_case_manager(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager", contact_phone="0208 825-4101", contact_email="s.mueller@kim.example")
    manager.contact_room = "2.14"
    db.session.commit()
    person = make_client(manager)
    appointment = make_appointment(person, future_day)
    page = client.get(f"/klienten/{person.id}/termine/{appointment.id}/zettel").text
    contact = page.split('class="ap-slip-contact"', 1)[1].split("</p>", 1)[0]
    assert "0208 825-4101" in contact and "s.mueller@kim.example" in contact and "Raum 2.14" in contact
