"""The desk: search as you type (POST only), one-click check-in, the walk-in form with German
messages, the slip without a name, corrections with a version, and naughty strings."""

import re

import pytest
from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.auth.models import Team
from kimweb.extensions import db
from kimweb.reception.forms import WalkInForm
from kimweb.reception.models import Visit
from kimweb.reception.views_desk import checkin_token
from tests.helpers import shared_data

HX = {"HX-Request": "true"}


def _walk_in(**values):
    data = {
        "family_name": "Kovalenko",
        "given_names": "Olena",
        "language": "uk",
        "interpreter": "volunteer",
        "life_area_id": "",
        "reason": "Wohnung",
        "wanted": "",
    }
    data.update(values)
    return data


def test_search_finds_a_client_in_another_spelling(client, enter, staff, make_client):
    make_client(staff["cm"], family="Al-Hassan", given="Mohammed", birth=None)
    enter(staff["desk"])
    response = client.post("/empfang/suche", data={"q": "Muhammad Alhasan"}, headers=HX)
    assert response.status_code == 200
    assert "Al-Hassan, Mohammed" in response.text
    assert "Sabine Müller" in response.text and "Einchecken" in response.text
    assert "<html" not in response.text


def test_search_shows_birth_year_not_date(client, enter, staff, make_client):
    make_client(staff["cm"], phone="0208 123456", street="Musterweg 12")
    enter(staff["desk"])
    text = client.post("/empfang/suche", data={"q": "Mohammed Al-Hassan 1985"}, headers=HX).text
    assert "geb. 1985" in text
    assert "12.03.1985" not in text and "Musterweg" not in text and "123456" not in text


def test_search_is_post_only_and_works_without_javascript(client, enter, staff, make_client):
    make_client(staff["cm"])
    enter(staff["desk"])
    assert client.get("/empfang/suche?q=Hassan").status_code == 405
    page = client.post("/empfang/suche", data={"q": "Mohammed Al-Hassan"})
    assert page.status_code == 200 and "<html" in page.text and "Al-Hassan, Mohammed" in page.text
    # The search form posts; nothing on the desk page puts typed names into a URL.
    desk = client.get("/empfang/anmeldung").text
    assert re.search(r'<form method="post" action="/empfang/suche"', desk)
    assert 'hx-get="/empfang/suche' not in desk


def test_one_click_checks_a_client_in(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/bekannt", data={"client_id": checkin_token(person.id)})
    assert response.status_code == 303
    visit = db.session.scalar(select(Visit).where(Visit.client_id == person.id))
    assert visit.case_manager_id == staff["cm"].id and visit.state == "waiting"
    assert response.headers["Location"].endswith(f"/empfang/anmeldung?besuch={visit.id}")
    page = client.get(response.headers["Location"]).text
    assert "A-001" in page and "Zettel drucken" in page
    # A second click (or a second desk) does not make a second visit.
    client.post("/empfang/anmeldung/bekannt", data={"client_id": checkin_token(person.id)})
    assert db.session.scalar(select(func.count()).select_from(Visit)) == 1
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "visit.checked_in"))
        == 1
    )


def test_walk_in_form_only_when_needed(client, enter, staff, make_client):
    make_client(staff["cm"])
    enter(staff["desk"])
    unknown = client.post("/empfang/suche", data={"q": "Iryna Petrenko"}, headers=HX).text
    assert "Keine bekannte Person gefunden." in unknown
    assert 'name="family_name"' in unknown and 'value="Petrenko"' in unknown and 'value="Iryna"' in unknown
    known = client.post("/empfang/suche", data={"q": "Mohammed Al-Hassan"}, headers=HX).text
    assert 'name="family_name"' not in known and "Keine dieser Personen" in known
    asked = client.post("/empfang/suche", data={"q": "Mohammed Al-Hassan", "neu": "1"}, headers=HX).text
    assert "Al-Hassan, Mohammed" in asked and 'name="family_name"' in asked


@pytest.mark.parametrize("value", ["999", "99999999999999999999", "x", ""])
def test_unknown_client_id_is_refused_politely(client, enter, staff, value):
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/bekannt", data={"client_id": value}, follow_redirects=True)
    assert "nicht gefunden" in response.text
    assert db.session.scalar(select(func.count()).select_from(Visit)) == 0


def test_walk_in_gets_a_ticket(client, enter, staff):
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/neu", data=_walk_in(wanted=f"cm:{staff['cm'].id}"))
    assert response.status_code == 303
    visit = db.session.scalar(select(Visit))
    assert (visit.family_name, visit.language, visit.interpreter, visit.case_manager_id) == (
        "Kovalenko",
        "uk",
        "volunteer",
        staff["cm"].id,
    )
    assert visit.client_id is None and visit.ticket == 1


def test_walk_in_by_district(client, enter, staff):
    enter(staff["desk"])
    client.post("/empfang/anmeldung/neu", data=_walk_in(wanted=f"team:{staff['other'].team_id}"))
    visit = db.session.scalar(select(Visit))
    assert visit.team_id == staff["other"].team_id and visit.case_manager_id is None


@pytest.mark.parametrize(
    "values, message",
    [
        ({"family_name": ""}, "Bitte geben Sie den Familiennamen ein."),
        ({"reason": "x" * 201}, "Höchstens 200 Zeichen."),
        ({"language": "xx"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
        ({"interpreter": "phone", "language": ""}, "Bitte wählen Sie die Sprache"),
        ({"wanted": "cm:abc"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ],
)
def test_walk_in_form_errors_are_german_and_next_to_the_field(client, enter, staff, values, message):
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/neu", data=_walk_in(**values))
    assert response.status_code == 422
    assert message in response.text and 'aria-invalid="true"' in response.text
    assert db.session.scalar(select(func.count()).select_from(Visit)) == 0


def test_child_interpreting_is_a_visible_warning(client, enter, staff):
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/neu", data=_walk_in(interpreter="child", language="ar"))
    page = client.get(response.headers["Location"]).text
    assert "Ein Kind dolmetscht" in page and "rc-child" in page
    # The form itself warns as soon as the choice is made (CSS only, no script).
    form = client.post("/empfang/suche", data={"q": "Iryna Petrenko"}, headers=HX).text
    assert "Kinder sollen nicht für ihre Eltern dolmetschen" in form


def test_the_slip_has_the_number_but_no_name(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], family_name="Kovalenko", given_names="Olena")
    enter(staff["desk"])
    text = client.get(f"/empfang/besuch/{visit.id}/zettel").text
    assert "A-001" in text and "Kovalenko" not in text.split("<main")[1]


def test_desk_corrects_and_reassigns_with_a_version(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], family_name="Kovalenko")
    enter(staff["desk"])
    form = client.get(f"/empfang/besuch/{visit.id}/bearbeiten").text
    version = re.search(r'name="version" type="hidden" value="(\d+)"|name="version" value="(\d+)"', form)
    assert version
    data = _walk_in(family_name="Kowalenko", wanted=f"cm:{staff['other'].id}", version=str(visit.version))
    assert client.post(f"/empfang/besuch/{visit.id}/bearbeiten", data=data).status_code == 303
    db.session.refresh(visit)
    assert visit.family_name == "Kowalenko" and visit.case_manager_id == staff["other"].id
    stale = client.post(f"/empfang/besuch/{visit.id}/bearbeiten", data=dict(data, family_name="Alt"))
    assert stale.status_code == 409 and 'value="Alt"' in stale.text
    db.session.refresh(visit)
    assert visit.family_name == "Kowalenko"


def test_case_managers_do_not_use_the_desk(client, enter, staff):
    enter(staff["cm"])
    assert client.get("/empfang/anmeldung").status_code == 403
    assert client.post("/empfang/anmeldung/neu", data=_walk_in()).status_code == 403


def _blns() -> list[str]:
    lines = shared_data("blns.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_naughty_strings_in_every_field_are_escaped(client, enter, staff):
    enter(staff["desk"])
    strings = _blns()
    for index, naughty in enumerate(strings):
        data = _walk_in(family_name=naughty[:200] or "x", given_names=naughty[:200], reason=naughty[:200])
        response = client.post("/empfang/anmeldung/neu", data=data)
        assert response.status_code in (303, 422), (index, naughty)
        search = client.post("/empfang/suche", data={"q": naughty[:200]}, headers=HX)
        assert search.status_code == 200, (index, naughty)
        assert "<script>alert" not in search.text
    board = client.get("/empfang/warteschlange")
    assert board.status_code == 200
    assert "<script>alert(" not in board.text and "<img src=x onerror" not in board.text


def test_tampered_ids_and_versions_are_not_errors(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"])
    enter(staff["desk"])
    huge = "99999999999999999999"
    assert client.get(f"/empfang/besuch/{huge}/zettel").status_code == 404
    assert client.get(f"/empfang/anmeldung?besuch={huge}").status_code == 200
    response = client.post(f"/empfang/besuch/{visit.id}/bearbeiten", data=_walk_in(version="abc"))
    assert response.status_code == 409
    enter(staff["cm"])
    assert client.post("/empfang/fuer-mich/aufrufen", data={"room": "1", "visit_id": huge}).status_code == 404
    enter(staff["admin"])
    assert client.post(f"/empfang/bildschirme/{huge}/sperren").status_code == 404


def test_bare_client_ids_cannot_be_checked_in(client, enter, staff, make_client):
    """Reception checks in only whom its own search found: ids walked by hand learn nothing."""
    person = make_client(staff["cm"], family="GeheimName")
    enter(staff["desk"])
    response = client.post("/empfang/anmeldung/bekannt", data={"client_id": str(person.id)}, follow_redirects=True)
    assert "nicht gefunden" in response.text and "GeheimName" not in response.text
    assert db.session.scalar(select(func.count()).select_from(Visit)) == 0


def test_old_visits_are_not_for_browsing(client, enter, staff, make_visit):
    from datetime import timedelta

    visit = make_visit(staff["desk"], family_name="Vorgestern", reason="MARKER-OLD-REASON")
    visit.day = visit.day - timedelta(days=2)
    db.session.commit()
    enter(staff["desk"])
    assert client.get(f"/empfang/besuch/{visit.id}/bearbeiten").status_code == 404
    assert client.get(f"/empfang/besuch/{visit.id}/zettel").status_code == 404


def test_team_names_in_the_whom_choice_are_escaped(app):
    db.session.add(Team(name="<img src=x onerror=alert(1)>"))
    db.session.commit()
    with app.test_request_context("/empfang/anmeldung"):
        html = str(WalkInForm().wanted())
    assert "<img src=x" not in html
    assert "Team &lt;img src=x onerror=alert(1)&gt; (wer frei ist)" in html or "Sozialraum &lt;img" in html
