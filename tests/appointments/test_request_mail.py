"""The interpreter request sent by e-mail: a mailto: link to the pool's or agency's address from
the office's list, with exactly the printed request in it and never the person's name; a plain
sentence when no address is known; a confidential directory address stays out of both."""

import re
from datetime import time
from urllib.parse import parse_qs, unquote, urlsplit

from kimweb.appointments.models import Interpreter, InterpreterRequest
from kimweb.directory.models import Location, Organization
from kimweb.extensions import db


def _request(manager, person, appointment, kind="professional", note="Zimmer 112, bitte 10 Minuten vorher da sein"):
    entry = InterpreterRequest(
        appointment_id=appointment.id, language="ar", kind=kind, note=note, requested_by_id=manager.id
    )
    db.session.add(entry)
    db.session.commit()
    return f"/klienten/{person.id}/termine/{appointment.id}/dolmetschen/{entry.id}"


def _mail_links(html: str) -> list[str]:
    return [unquote(h).replace("&amp;", "&") for h in re.findall(r'href="(mailto:[^"]*)"', html)]


def _printed_text(html: str) -> str:
    """The text of the part that is printed (.ap-request), tags dropped, whitespace folded."""
    part = html.split('<div class="ap-request">')[1].split("</dl>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def test_the_request_is_sent_to_the_agency_with_what_is_printed_and_no_name(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager", display_name="Sabine Müller")
    person = make_client(manager, family="Al-Hassan", given="Mohammed", street="Musterweg 12")
    organization = Organization(name="Ausländerbehörde Oberhausen")
    db.session.add(organization)
    db.session.flush()
    office = Location(
        name="Ausländerbehörde", organization_id=organization.id, address_1="Bahnhofstr. 5", postal_code="46045"
    )
    office.city = "Oberhausen"
    db.session.add(office)
    db.session.add_all(
        [
            Interpreter(name="Dolmetschdienst Rhein-Ruhr", source="agency", languages="ar fa", email="auftrag@ddrr.de"),
            Interpreter(name="Ukrainisch-Agentur", source="agency", languages="uk", email="info@uk-agentur.de"),
            Interpreter(name="Samira Haddad", source="pool", languages="ar", email="samira@example.org"),
        ]
    )
    db.session.commit()
    appointment = make_appointment(
        person,
        future_day,
        time(14, 0),
        90,
        kind="accompaniment",
        place="location",
        location_id=office.id,
        note="GEHEIM-NOTIZ zum Aufenthalt",
    )
    page = client.get(_request(manager, person, appointment))
    assert page.status_code == 200
    links = _mail_links(page.text)
    # Only the agency that speaks Arabic: not the pool (a paid interpreter is asked), not Ukrainian.
    assert len(links) == 1
    assert links[0].startswith("mailto:auftrag@ddrr.de?")
    assert "Per E-Mail senden an Dolmetschdienst Rhein-Ruhr (auftrag@ddrr.de)" in page.text
    query = parse_qs(urlsplit(re.findall(r'href="(mailto:[^"]*)"', page.text)[0].replace("&amp;", "&")).query)
    subject, body = query["subject"][0], query["body"][0]
    day = future_day.strftime("%d.%m.%Y")
    assert subject == f"Anfrage Sprachmittlung: Arabisch, {day}"
    assert "\r\n" in body  # line breaks as mail clients expect them
    body = body.replace("\r\n", "\n")
    assert "Sprache: Arabisch (ar)" in body
    assert f"Datum und Uhrzeit: Dienstag, {day}, 14:00–15:30 Uhr" in body
    assert "Ort: Ausländerbehörde, Bahnhofstr. 5, 46045 Oberhausen" in body
    assert "Art des Termins: Begleitung zu einer Behörde" in body
    assert "Gespräch mit Rechtsfolgen: nein" in body and "Ansprechperson: Sabine Müller" in body
    assert "Hinweise: Zimmer 112" in body and "Stand: angefragt" in body
    for private in ("Al-Hassan", "Mohammed", "Musterweg", "GEHEIM", person.case_number, "1985"):
        assert private not in body and private not in subject
    # The e-mail says what the paper says, line for line (labels and values).
    printed = _printed_text(page.text)
    for line in body.splitlines()[3:]:
        assert " ".join(line.replace(":", " ", 1).split()) in printed
    for private in ("Al-Hassan", "Mohammed"):
        assert private not in printed


def test_the_pool_gets_the_pool_request_and_the_confirmed_interpreter_their_own(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager)
    samira = Interpreter(name="Samira Haddad", source="pool", languages="ar ku", email="samira@example.org")
    db.session.add_all(
        [
            samira,
            Interpreter(name="Ahmad Pool", source="pool", languages="ar", email="ahmad@example.org"),
            Interpreter(name="Ohne Adresse", source="pool", languages="ar"),
            Interpreter(name="Nicht verfügbar", source="pool", languages="ar", email="weg@example.org", active=False),
        ]
    )
    db.session.commit()
    url = _request(manager, person, make_appointment(person, future_day), kind="pool")
    links = _mail_links(client.get(url).text)
    assert [link.split("?")[0] for link in links] == ["mailto:ahmad@example.org", "mailto:samira@example.org"]
    answered = client.post(url, data={"state": "confirmed", "interpreter_id": str(samira.id), "version": "1"})
    assert answered.status_code == 303
    page = client.get(url).text
    links = _mail_links(page)
    assert [link.split("?")[0] for link in links] == ["mailto:samira@example.org"]
    assert "Stand: zugesagt: Samira Haddad" in links[0]


def test_without_a_known_address_the_page_says_so(client, login_as, make_client, make_appointment, future_day):
    manager = login_as("case_manager")
    person = make_client(manager)
    db.session.add(Interpreter(name="Dolmetschdienst ohne Mail", source="agency", languages="ar", phone="0208 1"))
    db.session.commit()
    page = client.get(_request(manager, person, make_appointment(person, future_day), kind="phone"))
    assert "mailto:" not in page.text
    assert "Keine E-Mail-Adresse bekannt" in page.text and "Dolmetschdienst / Agentur" in page.text


def test_a_confidential_address_is_neither_printed_nor_mailed(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager)
    shelter = Location(name="Frauenhaus", address_1="Geheimweg 1", city="Oberhausen", address_confidential=True)
    db.session.add(shelter)
    db.session.add(Interpreter(name="Agentur", source="agency", languages="ar", email="a@example.org"))
    db.session.commit()
    appointment = make_appointment(person, future_day, place="location", location_id=shelter.id)
    page = client.get(_request(manager, person, appointment))
    assert "Frauenhaus" in page.text and "Geheimweg" not in page.text


def test_weekday_is_the_berlin_day_not_the_utc_day(client, login_as, make_client, make_appointment, future_day):
    """00:30 on a Tuesday in Berlin is still Monday in UTC."""
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, future_day, time(0, 30))
    db.session.add(Interpreter(name="Agentur", source="agency", languages="ar", email="a@example.org"))
    db.session.commit()
    detail = client.get(f"/klienten/{person.id}/termine/{appointment.id}").text
    heading = detail.split("<h1>")[1].split("</h1>")[0]
    assert "Dienstag, " + future_day.strftime("%d.%m.%Y") in heading
    url = _request(manager, person, appointment)
    assert "Datum und Uhrzeit: Dienstag," in _mail_links(client.get(url).text)[0]


def test_after_a_refusal_the_pool_is_asked_again_without_the_offices_own_note(
    client, login_as, make_client, make_appointment, future_day
):
    manager = login_as("case_manager")
    person = make_client(manager)
    samira = Interpreter(name="Samira Haddad", source="pool", languages="ar", email="samira@example.org")
    db.session.add_all(
        [samira, Interpreter(name="Ahmad Pool", source="pool", languages="ar", email="ahmad@example.org")]
    )
    db.session.commit()
    url = _request(manager, person, make_appointment(person, future_day), kind="pool")
    refused = client.post(
        url,
        data={
            "state": "declined",
            "interpreter_id": str(samira.id),
            "note": "Frau Al-Hassan möchte nur eine Dolmetscherin",
            "version": "1",
        },
    )
    assert refused.status_code == 303
    page = client.get(url).text
    links = _mail_links(page)
    # Declined: the pool again (not only the one who refused); the request's hints stay; the
    # office's note on the answer is on the page, never in the e-mail or the printed part.
    assert [link.split("?")[0] for link in links] == ["mailto:ahmad@example.org", "mailto:samira@example.org"]
    assert all("Zimmer 112" in link and "Dolmetscherin" not in link for link in links)
    assert "Dolmetscherin" not in _printed_text(page) and "möchte nur eine Dolmetscherin" in page
    assert db.session.get(InterpreterRequest, int(url.rsplit("/", 1)[1])).note.startswith("Zimmer 112")
