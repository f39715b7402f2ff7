"""Queue priority set at the desk (first in the queue and in "call next", marked in words, counted
in the statistics); "Gegangen" / "Nicht erschienen" say what happened and offer an undo; today's
finished visits stay in a collapsed list; the called person's card links to the file only for
whom may open it; wording at the desk."""

import re
from datetime import timedelta

from sqlalchemy import select, update

from kimweb.auth.models import Team
from kimweb.extensions import db
from kimweb.reception import stats
from kimweb.reception.models import Visit
from kimweb.reception.views_desk import checkin_token
from kimweb.reception.visits import call_next, change_state
from kimweb.timeutil import local_today, utcnow

HX = {"HX-Request": "true"}


def _earlier(visit, minutes):
    db.session.execute(
        update(Visit).where(Visit.id == visit.id).values(checked_in_at=utcnow() - timedelta(minutes=minutes))
    )
    db.session.commit()


def _tickets(html: str) -> list[str]:
    board = html.split('id="queue-board"')[1].split("rc-closed")[0]
    return re.findall(r'<td class="rc-ticket">(A-\d{3})', board)


def test_priority_orders_the_queue_and_is_marked_in_words(client, enter, staff, make_visit):
    first = make_visit(staff["desk"], family_name="Erster")
    urgent = make_visit(staff["desk"], family_name="Zweite", priority="urgent")
    crisis = make_visit(staff["desk"], family_name="Dritter", priority="crisis")
    _earlier(first, 30)
    _earlier(urgent, 20)
    _earlier(crisis, 1)
    enter(staff["desk"])
    page = client.get("/empfang/warteschlange").text
    assert _tickets(page) == ["A-003", "A-002", "A-001"]
    assert "Krise – sofort" in page and "dringend" in page
    assert "rc-row-crisis" in page
    # Calling the next person takes the crisis first, whoever waited longer.
    assert call_next(staff["cm"], "1").id == crisis.id
    assert call_next(staff["cm"], "1").id == urgent.id
    assert call_next(staff["cm"], "1").id == first.id


def test_the_desk_sets_the_priority(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["desk"])
    client.post("/empfang/anmeldung/bekannt", data={"client_id": checkin_token(person.id), "priority": "crisis"})
    walk_in = {"family_name": "Petrenko", "given_names": "Iryna", "wanted": "", "priority": "urgent"}
    client.post("/empfang/anmeldung/neu", data=walk_in)
    assert db.session.scalars(select(Visit.priority).order_by(Visit.ticket)).all() == ["crisis", "urgent"]
    # A tampered value is a German message, not a crash.
    assert client.post("/empfang/anmeldung/neu", data=walk_in | {"priority": "vip"}).status_code == 422
    visit = db.session.scalar(select(Visit).where(Visit.ticket == 2))
    form = client.get(f"/empfang/besuch/{visit.id}/bearbeiten").text
    assert 'name="priority"' in form
    data = {"wanted": "", "priority": "normal", "version": str(visit.version), "family_name": "Petrenko"}
    assert client.post(f"/empfang/besuch/{visit.id}/bearbeiten", data=data).status_code == 303
    db.session.refresh(visit)
    assert visit.priority == "normal"


def test_statistics_count_urgent_and_crisis(app, staff, make_visit):
    make_visit(staff["desk"], priority="urgent")
    make_visit(staff["desk"], family_name="Zwei", priority="crisis")
    make_visit(staff["desk"], family_name="Drei")
    found = stats.facts(local_today(), local_today())
    summary = stats.summary(found)
    assert (summary.visits, summary.urgent, summary.crisis) == (3, 1, 1)
    day = stats.per_day(found, local_today(), local_today())[0]
    assert (day.urgent, day.crisis) == (1, 1)


def test_statistics_page_shows_the_counts(client, enter, staff, make_visit):
    make_visit(staff["desk"], priority="crisis")
    enter(staff["lead"])
    page = client.get("/empfang/statistik").text
    assert re.search(r"<dt>Krise</dt><dd>1</dd>", page)
    csv = client.get(f"/empfang/statistik.csv?von={local_today():%d.%m.%Y}&bis={local_today():%d.%m.%Y}&tabelle=tage")
    assert "Dringend;Krise" in csv.get_data(as_text=True)


def test_left_says_what_happened_and_offers_undo(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], family_name="Petrenko")
    enter(staff["desk"])
    response = client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "left", "seen": "waiting", "back": "desk"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"?zuletzt={visit.id}")
    page = client.get(response.headers["Location"]).text
    assert "Nummer A-001 ist als „gegangen, ohne Gespräch“ ausgetragen." in page
    assert "Rückgängig: wieder einreihen" in page
    # Today's finished visits stay visible, collapsed.
    assert re.search(r'<details class="rc-closed">\s*<summary>1 Besuch heute abgeschlossen', page)
    client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "waiting", "seen": "left", "back": "desk"})
    db.session.refresh(visit)
    assert visit.state == "waiting" and visit.ended_at is None
    # Once it is back in the queue, the undo is gone.
    assert "Rückgängig" not in client.get(f"/empfang/anmeldung?zuletzt={visit.id}").text


def test_no_show_by_the_case_manager_can_be_undone(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    change_state(visit, "called", staff["cm"], room="2")
    db.session.commit()
    enter(staff["cm"])
    response = client.post(
        f"/empfang/besuch/{visit.id}/status", data={"to": "no_show", "seen": "called", "back": "mine"}
    )
    page = client.get(response.headers["Location"]).text
    assert "ist als „nicht erschienen“ ausgetragen" in page and "Rückgängig: wieder einreihen" in page
    assert '<details class="rc-closed">' in page
    client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "waiting", "seen": "no_show", "back": "mine"})
    db.session.refresh(visit)
    assert visit.state == "waiting"


def test_undo_is_not_offered_for_foreign_or_open_visits(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    change_state(visit, "left", staff["desk"])
    db.session.commit()
    enter(staff["other"])
    assert "Rückgängig" not in client.get(f"/empfang/fuer-mich?zuletzt={visit.id}").text
    for junk in ("x", "99999999999", "-1"):
        assert client.get(f"/empfang/fuer-mich?zuletzt={junk}").status_code == 200


def test_called_card_links_to_the_file_only_for_who_may_open_it(client, enter, staff, make_client, make_visit):
    mine = make_client(staff["cm"])
    foreign = make_client(staff["other"], family="Popescu", given="Ion")
    for person in (mine, foreign):
        visit = make_visit(staff["desk"], client_id=person.id, case_manager_id=None)
        change_state(visit, "called", staff["cm"], room="2")
    db.session.commit()
    enter(staff["cm"])
    page = client.get("/empfang/fuer-mich").text
    assert f'href="/klienten/{mine.id}"' in page
    assert f'href="/klienten/{foreign.id}"' not in page and "Popescu, Ion" in page
    enter(staff["desk"])
    assert "/klienten/" not in client.get("/empfang/warteschlange").text


def test_wording_at_the_desk(client, enter, staff, make_visit):
    enter(staff["desk"])
    visit = make_visit(staff["desk"], family_name="Petrenko")
    page = client.get(f"/empfang/anmeldung?besuch={visit.id}").text
    assert "zur nächsten freien Fachkraft" in page and "zu nächste" not in page
    # The KI is a team, not a Sozialraum.
    form = client.post("/empfang/suche", data={"q": "Iryna Petrenko", "neu": "1"}, headers=HX).text
    ki = db.session.scalar(select(Team).where(Team.kind == "central"))
    if ki is not None:
        assert f"Team {ki.name} (wer frei ist)" in form
        assert f"Sozialraum {ki.name}" not in form


def test_a_hidden_concern_says_why(client, enter, staff, make_visit):
    make_visit(staff["desk"], family_name="Petrenko", reason="Wohnung")
    enter(staff["cm"])
    page = client.get("/empfang/fuer-mich").text
    assert "Wohnung" not in page and "Wird nach dem Aufrufen angezeigt (Datenschutz)." in page
    # Once a colleague called the person, the team lead's board says whom it is for.
    visit = db.session.scalar(select(Visit))
    change_state(visit, "called", staff["cm"], room="2")
    db.session.commit()
    enter(staff["lead"])
    page = client.get("/empfang/warteschlange").text
    assert "Wohnung" not in page and "Nur für Empfang und die aufrufende Fachkraft (Datenschutz)." in page


def test_reception_starts_at_the_desk(client, enter, staff):
    enter(staff["desk"])
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/empfang/anmeldung")
    enter(staff["cm"])
    assert client.get("/").status_code == 200
