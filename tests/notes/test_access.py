"""Every route of the notes feature, with a foreign client's or note's ids, for every role: 404,
never 403 and never content; also ids inside one's own file (URLs, the page cursor)."""

import re
from datetime import date

import pytest

from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from tests.helpers import note_form

MARKER = "NOTIZ-GEHEIM-5521"


@pytest.fixture
def world(make_user, make_client, make_note):
    owner = make_user("case_manager", team="Osterfeld")
    person = make_client(owner, "Haddad", "Rania", date(1990, 10, 3))
    note = make_note(person, owner, MARKER)
    return {"owner": owner, "client": person, "note": note}


def note_routes(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("notes.")]


def fill(rule, ids: dict) -> str:
    url = rule.rule
    for name in re.findall(r"<(?:\w+:)?(\w+)>", rule.rule):
        url = re.sub(r"<(?:\w+:)?" + name + ">", str(ids[name]), url)
    return url


def test_every_route_declares_a_permission(app):
    assert note_routes(app)
    for rule in note_routes(app):
        assert getattr(app.view_functions[rule.endpoint], "required_permissions", None), rule.endpoint


@pytest.mark.parametrize(
    "role, team",
    [
        ("reception", None),
        ("admin", None),
        ("case_manager", "Osterfeld"),
        ("case_manager", "Sterkrade-Nord"),
        ("team_lead", "Sterkrade-Nord"),
    ],
)
def test_every_route_with_a_foreign_client_is_404(app, client, login_as, world, role, team):
    login_as(role, team=team)
    ids = {"client_id": world["client"].id, "note_id": world["note"].id}
    checked = 0
    for rule in note_routes(app):
        if "client_id" not in rule.arguments:
            continue  # the team search: tests/notes/test_team_search.py
        url = fill(rule, ids)
        for method in sorted(rule.methods & {"GET", "POST"}):
            for headers in ({}, {"HX-Request": "true"}):
                response = client.open(url, method=method, data=note_form(version="1", reason="x"), headers=headers)
                assert response.status_code == 404, f"{method} {url} as {role}: {response.status_code}"
                assert MARKER not in response.text
                checked += 1
    assert checked >= 16
    assert db.session.get(ContactNote, world["note"].id).version == 1


def test_a_note_id_of_another_file_is_404_inside_ones_own(app, client, login_as, make_client, make_note, world):
    me = login_as("case_manager", team="Sterkrade-Nord")
    mine = make_client(me, "Popescu", "Ion", date(1991, 9, 30))
    make_note(mine, me, "meine Notiz")
    ids = {"client_id": mine.id, "note_id": world["note"].id}
    for rule in note_routes(app):
        if "note_id" not in rule.arguments:
            continue
        url = fill(rule, ids)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method, data=note_form(version="1", reason="x"))
            assert response.status_code == 404, f"{method} {url}"
    # The timeline's page cursor is an id too.
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(f"/klienten/{mine.id}/notizen?vor={world['note'].id}", headers=headers)
        assert response.status_code == 404 and MARKER not in response.text
    assert client.get(f"/klienten/{mine.id}/notizen?vor=abc").status_code == 404


def test_an_expired_session_on_an_htmx_request_gets_hx_redirect(client, world):
    response = client.get(f"/klienten/{world['client'].id}/notizen", headers={"HX-Request": "true"})
    assert response.status_code == 401 and "HX-Redirect" in response.headers
    response = client.post(f"/klienten/{world['client'].id}/notizen/neu", data=note_form())
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.query(ContactNote).count() == 1
