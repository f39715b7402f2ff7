"""The waiting-room screen: only with a key, only numbers and rooms, revocable, keys stored as
hashes and shown once; creating and revoking is audited."""

import re

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.reception.models import ScreenKey
from kimweb.reception.screens import create_key, hash_key
from kimweb.reception.visits import change_state

HX = {"HX-Request": "true"}


def _key(staff) -> str:
    _screen, key = create_key("Wartebereich", staff["admin"])
    db.session.commit()
    return key


def test_screen_needs_a_valid_key(client, staff):
    key = _key(staff)
    assert client.get(f"/wartezimmer/{key}").status_code == 200
    assert client.get("/wartezimmer/falsch").status_code == 404
    assert client.get(f"/wartezimmer/{key}x").status_code == 404


def test_screen_shows_numbers_and_rooms_never_names(client, staff, make_visit):
    key = _key(staff)
    visit = make_visit(
        staff["desk"], family_name="Kovalenko", given_names="Olena", reason="Wohnung", case_manager_id=staff["cm"].id
    )
    make_visit(staff["desk"], family_name="Haddad")
    change_state(visit, "called", staff["cm"], room="2.14")
    db.session.commit()
    text = client.get(f"/wartezimmer/{key}").text
    assert "A-001" in text and "Raum 2.14" in text
    for secret in ("Kovalenko", "Olena", "Wohnung", "Haddad", "Müller"):
        assert secret not in text
    assert "A-002" not in text  # waiting, not called


def test_screen_polls_with_etag(client, staff, make_visit):
    key = _key(staff)
    page = client.get(f"/wartezimmer/{key}").text
    headers = re.search(r"hx-headers='([^']+)'", page.split('id="screen-list"')[1]).group(1)
    import json

    sent = json.loads(headers)
    assert client.get(f"/wartezimmer/{key}", headers={**HX, **sent}).status_code == 304
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    change_state(visit, "called", staff["cm"], room="1")
    db.session.commit()
    changed = client.get(f"/wartezimmer/{key}", headers={**HX, **sent})
    assert changed.status_code == 200 and "A-001" in changed.text


def test_revoked_key_stops_the_screen(client, enter, staff):
    key = _key(staff)
    screen = db.session.scalar(select(ScreenKey))
    enter(staff["admin"])
    assert client.post(f"/empfang/bildschirme/{screen.id}/sperren").status_code == 303
    assert client.get(f"/wartezimmer/{key}").status_code == 404
    polled = client.get(f"/wartezimmer/{key}", headers=HX)
    assert polled.status_code == 404 and "nicht mehr freigeschaltet" in polled.text and "hx-get" not in polled.text
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "screen_key.revoked"))


def test_admin_creates_a_key_shown_once_and_stored_as_hash(client, enter, staff):
    enter(staff["admin"])
    response = client.post("/empfang/bildschirme", data={"label": "Erdgeschoss"})
    assert response.status_code == 303
    page = client.get("/empfang/bildschirme").text
    url = re.search(r"http://localhost/wartezimmer/([A-Za-z0-9_\-]+)", page)
    assert url
    key = url.group(1)
    stored = db.session.scalar(select(ScreenKey))
    assert stored.key_hash == hash_key(key) and key not in stored.key_hash
    assert key not in client.get("/empfang/bildschirme").text  # only once
    assert client.get(f"/wartezimmer/{key}").status_code == 200
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "screen_key.created"))


def test_screen_key_label_is_required(client, enter, staff):
    enter(staff["admin"])
    response = client.post("/empfang/bildschirme", data={"label": ""})
    assert response.status_code == 422 and "Bitte geben Sie an, wo der Bildschirm hängt." in response.text


def test_only_admins_manage_screens(client, enter, staff):
    for who in ("desk", "cm", "lead"):
        enter(staff[who])
        assert client.get("/empfang/bildschirme").status_code == 403
