"""Checking in a known client carries the file's language and interpreter need; the same person
cannot wait twice (a walk-in found later is offered as already waiting and linked to the file,
audited); a family name alone asks for the given name before the new-person form."""

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.reception.models import Visit
from kimweb.reception.views_desk import checkin_token
from kimweb.reception.visits import check_in_client

HX = {"HX-Request": "true"}


def _arabic_client(make_client, manager, **fields):
    values = {"languages": "ar de", "interpreter_needed": True, "interpreter_language": "ar"} | fields
    return make_client(manager, **values)


def test_check_in_carries_language_and_interpreter_need(client, enter, staff, make_client):
    person = _arabic_client(make_client, staff["cm"])
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/bekannt", data={"client_id": checkin_token(person.id)})
    assert response.status_code == 303
    visit = db.session.scalar(select(Visit).where(Visit.client_id == person.id))
    assert (visit.language, visit.interpreter, visit.case_manager_id) == ("ar", "needed", staff["cm"].id)
    page = client.get(response.headers["Location"]).text
    assert "Arabisch" in page and "nötig – noch zu organisieren" in page
    assert "nicht nötig" not in page.split('id="queue-board"')[0]


def test_without_interpreter_need_the_main_language_is_noted(app, staff, make_client):
    person = make_client(staff["cm"], languages="tr de", interpreter_needed=False)
    visit = check_in_client(staff["desk"], person.id).visit
    assert (visit.language, visit.interpreter) == ("tr", "")


def test_unknown_codes_on_file_are_not_taken_over(app, staff, make_client):
    person = make_client(staff["cm"], languages="xx", interpreter_needed=True, interpreter_language="zz")
    visit = check_in_client(staff["desk"], person.id).visit
    assert (visit.language, visit.interpreter) == (None, "needed")


def test_the_service_keeps_one_visit_and_lets_callers_choose(app, staff, make_client):
    """check_in_client is what other features (appointments) call: values given win, a second
    check-in keeps the first visit."""
    person = _arabic_client(make_client, staff["cm"])
    first = check_in_client(staff["desk"], person.id, priority="urgent", case_manager_id=staff["other"].id)
    db.session.commit()
    assert first.created and first.visit.priority == "urgent" and first.visit.case_manager_id == staff["other"].id
    again = check_in_client(staff["desk"], person.id)
    assert not again.created and again.visit.id == first.visit.id
    assert check_in_client(staff["desk"], 99999) is None


def test_interpreter_choice_to_arrange_is_offered(client, enter, staff):
    enter(staff["desk"])
    page = client.post("/empfang/suche", data={"q": "Iryna Petrenko"}, headers=HX).text
    assert 'value="needed"' in page and "nötig – noch zu organisieren" in page


def test_family_name_alone_asks_for_the_given_name(client, enter, staff):
    enter(staff["desk"])
    text = client.post("/empfang/suche", data={"q": "Petrenko"}, headers=HX).text
    assert "Bitte auch den Vornamen eingeben" in text
    assert "rc-walkin-form" not in text
    # Someone with one name only: the desk asks for the form on purpose.
    text = client.post("/empfang/suche", data={"q": "Petrenko", "neu": "1"}, headers=HX).text
    assert "rc-walkin-form" in text
    text = client.post("/empfang/suche", data={"q": "Iryna Petrenko"}, headers=HX).text
    assert "rc-walkin-form" in text and "Bitte auch den Vornamen" not in text


def test_a_waiting_walk_in_is_offered_as_already_waiting(client, enter, staff, make_visit):
    make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna")
    enter(staff["desk"])
    for query in ("Iryna Petrenko", "Petrenko", "petrenko, iryna"):
        text = client.post("/empfang/suche", data={"q": query}, headers=HX).text
        assert "Wartet schon heute (ohne Akte)" in text and "A-001" in text, query
        assert "rc-walkin-form" not in text, query
    assert "Wartet schon" not in client.post("/empfang/suche", data={"q": "Oksana Petrenko"}, headers=HX).text


def test_the_same_name_cannot_be_queued_twice_by_accident(client, enter, staff, make_visit):
    make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna")
    enter(staff["desk"])
    data = {"family_name": "Petrenko", "given_names": "Iryna", "wanted": "", "interpreter": "", "language": ""}
    response = client.post("/empfang/anmeldung/neu", data=data)
    assert response.status_code == 422
    assert "Eine Person mit diesem Namen wartet schon (Nummer A-001)" in response.text
    assert db.session.scalar(select(Visit.id).where(Visit.ticket == 2)) is None
    # A different person of the same name: confirmed, then queued.
    response = client.post("/empfang/anmeldung/neu", data=data | {"other_person": "y"})
    assert response.status_code == 303
    assert db.session.scalar(select(Visit.id).where(Visit.ticket == 2)) is not None


def test_a_walk_in_is_linked_to_their_file(client, enter, staff, make_client, make_visit):
    person = _arabic_client(make_client, staff["cm"], family="Petrenko", given="Iryna")
    walk_in = make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna", reason="Brief")
    enter(staff["desk"])
    text = client.post("/empfang/suche", data={"q": "Iryna Petrenko"}, headers=HX).text
    assert "Nummer A-001 gehört zu dieser Akte" in text and "Als weiteren Besuch einchecken" in text
    response = client.post(f"/empfang/besuch/{walk_in.id}/akte", data={"client_id": checkin_token(person.id)})
    assert response.status_code == 303
    db.session.refresh(walk_in)
    # The visit asked for "next free": now it asks for the case manager, in the file's language.
    assert walk_in.client_id == person.id and walk_in.case_manager_id == staff["cm"].id
    assert (walk_in.language, walk_in.interpreter, walk_in.reason) == ("ar", "needed", "Brief")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "visit.linked"))
    assert event.object_id == str(walk_in.id) and event.user_id == staff["desk"].id
    assert event.detail == f"client={person.id}"
    page = client.get(response.headers["Location"]).text
    assert "gehört jetzt zur Akte und wartet zu Sabine Müller" in page
    # Now it is the client's visit: a search shows them as checked in, nothing to link any more.
    text = client.post("/empfang/suche", data={"q": "Iryna Petrenko"}, headers=HX).text
    assert "heute schon angemeldet" in text and "gehört zu dieser Akte" not in text


def test_linking_is_refused_when_the_client_already_waits(client, enter, staff, make_client, make_visit):
    person = make_client(staff["cm"], family="Petrenko", given="Iryna")
    make_visit(staff["desk"], client_id=person.id, case_manager_id=staff["cm"].id)
    walk_in = make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna")
    enter(staff["desk"])
    page = client.post(
        f"/empfang/besuch/{walk_in.id}/akte", data={"client_id": checkin_token(person.id)}, follow_redirects=True
    ).text
    assert "schon mit ihrer Akte angemeldet (Nummer A-001)" in page
    db.session.refresh(walk_in)
    assert walk_in.client_id is None


def test_linking_needs_a_token_from_the_search_and_the_desk(client, enter, staff, make_client, make_visit):
    person = make_client(staff["cm"], family="Petrenko", given="Iryna")
    walk_in = make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna")
    enter(staff["desk"])
    for bad in (str(person.id), "", "x" * 300):
        page = client.post(f"/empfang/besuch/{walk_in.id}/akte", data={"client_id": bad}, follow_redirects=True)
        assert page.status_code == 200 and "nicht gefunden" in page.text
    enter(staff["cm"])
    response = client.post(f"/empfang/besuch/{walk_in.id}/akte", data={"client_id": checkin_token(person.id)})
    assert response.status_code in (403, 404)
    db.session.refresh(walk_in)
    assert walk_in.client_id is None
