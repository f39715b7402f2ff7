"""Visits are scoped like the queue: another district's visit or an older day's answers 404 on
every visit route, the desk moves today's visits only, and the intake takes over (and links) a
walk-in only for the colleague it was meant for or the team lead of its own team, today."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from kimweb.extensions import db
from kimweb.reception.intake import intake_prefill, link_new_client
from kimweb.reception.models import Visit
from kimweb.reception.visits import allowed_targets, change_state
from kimweb.timeutil import local_today


def _yesterday(visit):
    db.session.execute(update(Visit).where(Visit.id == visit.id).values(day=local_today() - timedelta(days=1)))
    db.session.commit()
    db.session.refresh(visit)


@pytest.fixture
def elsewhere(staff, make_visit):
    """A walk-in for the other district's case manager."""
    return make_visit(staff["desk"], family_name="Fremd", case_manager_id=staff["other"].id)


def test_another_districts_visit_is_404_for_a_case_manager_and_a_team_lead(client, enter, staff, elsewhere):
    for who in ("cm", "lead"):
        enter(staff[who])
        response = client.post(f"/empfang/besuch/{elsewhere.id}/status", data={"to": "called", "seen": "waiting"})
        assert response.status_code == 404, who
        response = client.post("/empfang/fuer-mich/aufrufen", data={"room": "1", "visit_id": str(elsewhere.id)})
        assert response.status_code == 404, who
    db.session.refresh(elsewhere)
    assert elsewhere.state == "waiting"


def test_own_visits_still_answer_303(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    enter(staff["cm"])
    response = client.post("/empfang/fuer-mich/aufrufen", data={"room": "1", "visit_id": str(visit.id)})
    assert response.status_code == 303
    enter(staff["lead"])  # the team lead of the caller's team may step in
    response = client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "in_consultation", "seen": "called"})
    assert response.status_code == 303
    db.session.refresh(visit)
    assert visit.state == "in_consultation"


def test_the_desk_moves_only_todays_visits(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"])
    _yesterday(visit)
    assert allowed_targets(visit, staff["desk"]) == []
    enter(staff["desk"])
    response = client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "left", "seen": "waiting"})
    assert response.status_code == 404
    assert client.get(f"/empfang/besuch/{visit.id}/bearbeiten").status_code == 404
    db.session.refresh(visit)
    assert visit.state == "waiting"


def test_intake_takes_over_only_the_own_teams_walk_ins_of_today(
    client, enter, staff, make_visit, make_client, elsewhere
):
    lead = staff["lead"]
    assert intake_prefill(elsewhere.id, lead) == {}
    enter(lead)
    page = client.get(f"/aufnahme?besuch={elsewhere.id}")
    assert page.status_code == 200 and "Fremd" not in page.text
    person = make_client(staff["cm"], family="Fremd", given="Anna")
    assert not link_new_client(elsewhere.id, person.id, lead)
    db.session.rollback()

    ours = make_visit(staff["desk"], family_name="Unser", case_manager_id=staff["cm"].id)
    assert intake_prefill(ours.id, lead)["family_name"] == "Unser"  # own team: the lead steps in
    change_state(ours, "called", staff["cm"], room="1")
    db.session.commit()
    _yesterday(ours)
    assert intake_prefill(ours.id, staff["cm"]) == {}  # yesterday's walk-in: not even for the caller
    assert intake_prefill(ours.id, lead) == {}
    assert not link_new_client(ours.id, person.id, staff["cm"])
