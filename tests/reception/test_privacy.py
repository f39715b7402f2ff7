"""Reception never sees case content: marker strings in every client-content column, then every
GET route reception can reach (with real ids), every fragment and the desk's POST search must be
free of them. The case file itself answers 404 to reception."""

import re
from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import String, Text, select, update

from kimweb.clients.casework_models import (
    Assessment,
    Consent,
    FollowUp,
    Goal,
    Involvement,
    Measure,
    ResidenceStatus,
)
from kimweb.clients.models import HouseholdMember
from kimweb.directory.models import Organization
from kimweb.documents.models import Document, IdSighting
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.reception.screens import create_key
from kimweb.reception.views_desk import checkin_token
from kimweb.reception.visits import change_state

MARKER = "ßq"
FOUND = re.compile(MARKER + r"\d\d")
# What reception may know: the name (the lookup shows it) and the keys the lookup uses.
VISIBLE = {("client", "family_name"), ("client", "given_names"), ("client_name_key", "key"), ("client", "search_keys")}


def _client_tables():
    """Every table of the client file: `client` and whatever refers to it, directly or through
    another such table (measures through goals), so that new sections are covered too."""
    found = {"client": db.metadata.tables["client"]}
    grew = True
    while grew:
        grew = False
        for table in db.metadata.sorted_tables:
            if table.name in found or table.name.startswith(("visit", "audit")):
                continue
            if any(fk.column.table.name in found for fk in table.foreign_keys):
                found[table.name] = table
                grew = True
    return list(found.values())


@pytest.fixture
def marked(app, staff, make_client):
    """A client with every section filled, then every text column of the file overwritten with a marker."""
    manager = staff["cm"]
    person = make_client(
        manager,
        phone="0208 1",
        street="Weg 1",
        azr_number="1",
        name_original="x",
        other_spellings="y",
        consent_interpreter="z",
    )
    agency = Organization(name="Stelle Test")
    area = db.session.scalar(select(LifeArea).limit(1))
    db.session.add(agency)
    db.session.flush()
    status = ResidenceStatus(client_id=person.id, status_type="duldung", legal_basis="a", notes="b", file_number="c")
    goal = Goal(client_id=person.id, text="d", life_area_id=area.id)
    db.session.add_all(
        [
            status,
            goal,
            HouseholdMember(client_id=person.id, family_name="e", given_names="f"),
            Assessment(client_id=person.id, life_area_id=area.id, situation="g", resources="h"),
            Consent(
                client_id=person.id,
                organization_id=agency.id,
                purpose="i",
                data_kinds="j",
                given_on=date.today(),
                interpreted_by="k",
                paper_reference="l",
            ),
            Involvement(client_id=person.id, organization_id=agency.id, contact_person="m", role="n"),
            FollowUp(client_id=person.id, title="o", due_on=date.today() + timedelta(days=3), assignee_id=manager.id),
        ]
    )
    db.session.flush()
    db.session.add(Measure(goal_id=goal.id, what="p"))
    db.session.add_all(
        [
            Document(
                client_id=person.id,
                type_id=1,
                title="q",
                filename="r.pdf",
                media_type="application/pdf",
                size=1,
                sha256="0" * 64,
                uploaded_by_id=manager.id,
                text="s",
                search_text="s",
            ),
            IdSighting(client_id=person.id, kind="passport", number="t", seen_on=date.today(), seen_by_id=manager.id),
        ]
    )
    db.session.flush()
    marked_columns = []
    for table in _client_tables():
        values = {}
        for column in table.c:
            if (table.name, column.name) in VISIBLE or column.foreign_keys or column.primary_key:
                continue
            if isinstance(column.type, (String, Text)):
                width = getattr(column.type, "length", None) or 8
                values[column.name] = f"{MARKER}{len(marked_columns) % 100:02d}"[:width]
                marked_columns.append((table.name, column.name))
        if values:
            db.session.execute(update(table).values(**values))
    db.session.commit()
    assert {
        "residence_status",
        "assessment",
        "goal",
        "consent",
        "household_member",
        "client",
        "document",
        "id_sighting",
    } <= {t for t, _ in marked_columns}
    return person


# Fresh database per test: the seeded client, its records and the visits have these ids.
IDS = (1, 2, 3)
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _urls(rule, key: str):
    """The rule's URL for every combination of real ids (and the screen key for text arguments)."""
    arguments = ARGUMENT.findall(rule.rule)
    choices = [IDS if converter == "int" else (key, "x") for converter, _name in arguments]
    for combination in product(*choices):
        values = {name: value for (_c, name), value in zip(arguments, combination, strict=True)}
        yield rule.build(values, append_unknown=False)[1]


def test_no_reception_page_shows_case_content(app, client, enter, staff, make_visit, marked):
    person = marked
    key = create_key("Wartebereich", staff["admin"])[1]
    called = make_visit(staff["desk"], client_id=person.id, case_manager_id=staff["cm"].id, reason="Termin")
    make_visit(staff["desk"], family_name="Walk", given_names="In")
    change_state(called, "called", staff["cm"], room="1")
    db.session.commit()
    # The markers are really there: the case manager's own file shows them.
    enter(staff["cm"])
    assert FOUND.search(client.get(f"/klienten/{person.id}").get_data(as_text=True))
    enter(staff["desk"])
    seen = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        for url in _urls(rule, key):
            for headers in ({}, {"HX-Request": "true"}):
                response = client.get(url, headers=headers)
                assert response.status_code < 500, url
                assert not FOUND.search(response.get_data(as_text=True)), f"{url} shows case content"
                seen.append((url, response.status_code))
    assert ("/empfang/warteschlange", 200) in seen and ("/empfang/anmeldung", 200) in seen
    for query in ("Mohammed Al-Hassan", "Al-Hassan, Mohammed 1985", "ßq"):
        for headers in ({}, {"HX-Request": "true"}):
            text = client.post("/empfang/suche", data={"q": query}, headers=headers).get_data(as_text=True)
            assert "Al-Hassan" in text or query == "ßq"
            assert not FOUND.search(text), query
    page = client.post(
        "/empfang/anmeldung/bekannt", data={"client_id": checkin_token(person.id)}, follow_redirects=True
    ).text
    assert not FOUND.search(page)


def test_new_desk_pages_show_no_case_content(client, enter, staff, make_visit, marked):
    """Check-in carrying the file's language, the "already waiting" search, linking a walk-in to
    the file, the undo panel, and reception's start page: still no case content."""
    person = marked
    walk_in = make_visit(staff["desk"], family_name=person.family_name, given_names=person.given_names)
    left = make_visit(staff["desk"], family_name="Walk", given_names="In")
    change_state(left, "left", staff["desk"])
    db.session.commit()
    enter(staff["desk"])
    pages = [client.post("/empfang/suche", data={"q": f"{person.given_names} {person.family_name}"}).text]
    pages.append(
        client.post(
            f"/empfang/besuch/{walk_in.id}/akte", data={"client_id": checkin_token(person.id)}, follow_redirects=True
        ).text
    )
    db.session.refresh(walk_in)
    assert walk_in.client_id == person.id
    # The file's language fields hold markers, not language codes: nothing is taken over.
    assert walk_in.language is None
    for url in ("/", f"/empfang/anmeldung?zuletzt={left.id}", f"/empfang/warteschlange?zuletzt={left.id}"):
        pages.append(client.get(url, follow_redirects=True).text)
    assert "Rückgängig" in pages[-1]
    for page in pages:
        assert not FOUND.search(page)


def test_reception_cannot_open_a_case_file(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["desk"])
    for url in (f"/klienten/{person.id}", f"/klienten/{person.id}/stammdaten", "/klienten/"):
        assert client.get(url).status_code == 404, url
