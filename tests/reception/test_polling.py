"""Polling that costs nearly nothing: 304 while the queue is unchanged, a new ETag after any
change, poll requests that do not keep a session alive, live-region text only when it changed."""

import json
import re

import pytest

from kimweb.extensions import db
from kimweb.reception import polling
from kimweb.reception.visits import change_state
from kimweb.timeutil import utcnow

HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _one_minute(monkeypatch):
    """The clock's minute is part of the board's state: a test that runs across a minute boundary
    (a slow machine) would see a change that is not there. Tests that want the minute to move say so."""
    now = polling.minute()
    monkeypatch.setattr(polling, "minute", lambda: now)


def _poll_headers(html: str, url: str) -> dict:
    """The hx-headers the page's polling element for `url` would send."""
    match = re.search(r'hx-get="' + re.escape(url) + r'"[^>]*hx-headers=\'([^\']+)\'', html)
    assert match, f"no poller for {url}"
    return json.loads(match.group(1).replace("&#34;", '"').replace("&quot;", '"'))


def _poll(client, url, page_html):
    return client.get(url, headers={**HX, **_poll_headers(page_html, url)})


def test_board_answers_304_until_something_changes(client, enter, staff, make_visit):
    make_visit(staff["desk"])
    enter(staff["desk"])
    page = client.get("/empfang/warteschlange").text
    headers = _poll_headers(page, "/empfang/warteschlange")
    assert headers["X-Kimweb-Poll"] == "1"
    unchanged = _poll(client, "/empfang/warteschlange", page)
    assert unchanged.status_code == 304 and unchanged.data == b""
    make_visit(staff["desk"], family_name="Neu")
    changed = _poll(client, "/empfang/warteschlange", page)
    assert changed.status_code == 200 and "Neu" in changed.text and "<html" not in changed.text
    # The counts a screen reader hears changed, so the polite live region gets them.
    assert 'id="queue-summary" hx-swap-oob="innerHTML"' in changed.text
    again = _poll(client, "/empfang/warteschlange", changed.text)
    assert again.status_code == 304


def test_a_change_that_keeps_the_counts_is_not_announced_again(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"])
    enter(staff["desk"])
    page = client.get("/empfang/warteschlange").text
    db.session.refresh(visit)
    from kimweb.reception.visits import update_details

    update_details(visit, staff["desk"], {"reason": "anders"}, visit.version)
    db.session.commit()
    changed = _poll(client, "/empfang/warteschlange", page)
    assert changed.status_code == 200 and "anders" in changed.text
    assert "hx-swap-oob" not in changed.text


def test_waiting_minutes_refresh_once_a_minute(client, enter, staff, make_visit, monkeypatch):
    make_visit(staff["desk"])
    enter(staff["desk"])
    page = client.get("/empfang/warteschlange").text
    monkeypatch.setattr(polling, "minute", lambda: int(utcnow().timestamp() // 60) + 1)
    assert _poll(client, "/empfang/warteschlange", page).status_code == 200


def test_polls_do_not_keep_the_session_alive(client, enter, staff):
    enter(staff["desk"])
    with client.session_transaction() as session:
        session["seen"] -= 120
        before = session["seen"]
    client.get("/empfang/warteschlange", headers={**HX, "X-Kimweb-Poll": "1"})
    with client.session_transaction() as session:
        assert session["seen"] == before
    client.get("/empfang/warteschlange")
    with client.session_transaction() as session:
        assert session["seen"] > before


def test_badge_on_every_page_and_polled(client, enter, staff, make_visit):
    enter(staff["cm"])
    home = client.get("/").text
    assert "0 warten auf Sie" in home and 'aria-live="polite"' in home
    headers = _poll_headers(home, "/empfang/fuer-mich/zaehler")
    assert client.get("/empfang/fuer-mich/zaehler", headers={**HX, **headers}).status_code == 304
    make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    changed = client.get("/empfang/fuer-mich/zaehler", headers={**HX, **headers})
    assert changed.status_code == 200 and "1 wartet auf Sie" in changed.text
    # Someone waiting for a colleague in another team does not change my badge.
    make_visit(staff["desk"], case_manager_id=staff["other"].id)
    fresh = _poll_headers(changed.text, "/empfang/fuer-mich/zaehler")
    assert client.get("/empfang/fuer-mich/zaehler", headers={**HX, **fresh}).status_code == 304


def test_no_badge_for_reception_and_admin(client, enter, staff):
    for who in ("desk", "admin"):
        enter(staff[who])
        assert "warten auf Sie" not in client.get("/").text


def test_case_manager_list_and_call_next(client, enter, staff, make_visit):
    mine = make_visit(staff["desk"], case_manager_id=staff["cm"].id, family_name="Kovalenko", reason="Mietvertrag")
    make_visit(staff["desk"], case_manager_id=staff["other"].id, family_name="Fremd")
    enter(staff["cm"])
    page = client.get("/empfang/fuer-mich").text
    assert "Kovalenko" in page and "Mietvertrag" in page and "Fremd" not in page
    assert _poll(client, "/empfang/fuer-mich", page).status_code == 304
    response = client.post("/empfang/fuer-mich/aufrufen", data={"room": "2.14"})
    assert response.status_code == 303
    db.session.refresh(mine)
    assert mine.state == "called" and mine.room == "2.14"
    after = client.get("/empfang/fuer-mich").text
    assert 'value="2.14"' in after and "Gespräch beginnen" in after
    assert _poll(client, "/empfang/fuer-mich", page).status_code == 200


def test_calling_needs_a_room(client, enter, staff, make_visit):
    make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    enter(staff["cm"])
    response = client.post("/empfang/fuer-mich/aufrufen", data={"room": ""})
    assert response.status_code == 422 and "Bitte geben Sie den Raum an" in response.text


def test_calling_with_nobody_waiting(client, enter, staff):
    enter(staff["cm"])
    response = client.post("/empfang/fuer-mich/aufrufen", data={"room": "1"}, follow_redirects=True)
    assert "Gerade wartet niemand auf Sie." in response.text


def test_calling_one_in_particular(client, enter, staff, make_visit):
    first = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    second = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    enter(staff["cm"])
    client.post("/empfang/fuer-mich/aufrufen", data={"room": "1", "visit_id": second.id})
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.state, second.state) == ("waiting", "called")


def test_reasons_only_for_desk_and_the_assigned_colleague(client, enter, staff, make_visit):
    make_visit(staff["desk"], case_manager_id=staff["cm"].id, reason="Mahnung Stromanbieter")
    enter(staff["lead"])
    board = client.get("/empfang/warteschlange").text
    assert "Kovalenko" in board and "Mahnung Stromanbieter" not in board
    enter(staff["other"])
    assert "Mahnung Stromanbieter" not in client.get("/empfang/fuer-mich").text
    enter(staff["desk"])
    assert "Mahnung Stromanbieter" in client.get("/empfang/warteschlange").text


def test_board_is_for_desk_and_team_lead(client, enter, staff):
    enter(staff["cm"])
    assert client.get("/empfang/warteschlange").status_code == 403
    enter(staff["lead"])
    assert client.get("/empfang/warteschlange").status_code == 200


def test_called_visit_shows_room_on_the_board(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    change_state(visit, "called", staff["cm"], room="3.01")
    db.session.commit()
    enter(staff["desk"])
    assert "Raum 3.01" in client.get("/empfang/warteschlange").text
