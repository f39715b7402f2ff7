"""Object-level access: every route of the clients blueprint, a foreign client's ids, every role:
404, never 403 and never content. Also the ids hidden in forms, deputies and team leads."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from kimweb.clients.access import reception_lookup, visible_clients
from kimweb.clients.casework_models import Consent, FollowUp, Goal, InvolvedPerson, Involvement, Measure
from kimweb.clients.models import Client, ClientDeputy, HouseholdMember
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from tests.helpers import intake_data

MARKER = "GEHEIMNIS-7731"


@pytest.fixture
def world(make_user, make_client, add_status, agency):
    """A client of `owner` (Osterfeld) with one record of every kind, and a named deputy."""
    owner = make_user("case_manager", team="Osterfeld")
    deputy = make_user("case_manager", team="Sterkrade-Nord")
    person = make_client(owner, "Haddad", "Rania", date(1990, 10, 3), phone=MARKER)
    person.household.append(HouseholdMember(family_name="Haddad", given_names=MARKER, relation="child"))
    org = agency()
    status = add_status(
        person,
        status_type="aufenthaltserlaubnis",
        legal_basis=MARKER,
        valid_until=date.today().replace(year=date.today().year + 1),
    )
    goal = Goal(client_id=person.id, text=MARKER)
    goal.measures.append(Measure(what=MARKER))
    records = [
        goal,
        Consent(client_id=person.id, organization_id=org.id, purpose=MARKER, given_on=date(2026, 1, 1)),
        Involvement(client_id=person.id, organization_id=org.id, role=MARKER),
        FollowUp(client_id=person.id, title=MARKER, due_on=date(2026, 1, 1), assignee_id=owner.id),
        ClientDeputy(client_id=person.id, user_id=deputy.id),
        InvolvedPerson(client_id=person.id, kind="guardian", name=MARKER),
    ]
    db.session.add_all(records)
    db.session.commit()
    ids = {
        "client_id": person.id,
        "status_id": status.id,
        "goal_id": goal.id,
        "measure_id": goal.measures[0].id,
        "consent_id": records[1].id,
        "involvement_id": records[2].id,
        "followup_id": records[3].id,
        "user_id": deputy.id,
        "area_id": db.session.scalar(select(LifeArea.id).limit(1)),
        "name": "status",
        "member_id": person.household[0].id,
        "person_id": records[5].id,
    }
    return {"owner": owner, "deputy": deputy, "client": person, "ids": ids}


def client_routes(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("clients.")]


def fill(rule, ids: dict) -> str:
    url = rule.rule
    for name in re.findall(r"<(?:\w+:)?(\w+)>", rule.rule):
        url = re.sub(r"<(?:\w+:)?" + name + ">", str(ids[name]), url)
    return url


OUTSIDERS = [
    ("reception", None),
    ("admin", None),
    ("case_manager", "Osterfeld"),  # same team, but neither case manager nor deputy
    ("case_manager", "Sterkrade-Nord"),
    ("team_lead", "Sterkrade-Nord"),
]


@pytest.mark.parametrize("role, team", OUTSIDERS)
def test_every_route_with_a_foreign_client_is_404(app, client, login_as, world, role, team):
    login_as(role, team=team)
    checked = 0
    for rule in client_routes(app):
        if "client_id" not in rule.arguments:
            continue
        url = fill(rule, world["ids"])
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method, data={"version": "1"}, headers={"HX-Request": "true"})
            assert response.status_code == 404, f"{method} {url} as {role}: {response.status_code}"
            assert MARKER not in response.text
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize("role", ["reception", "admin"])
def test_people_without_case_work_find_no_client_area_at_all(app, client, login_as, world, role):
    login_as(role)
    for rule in client_routes(app):
        if "client_id" in rule.arguments:
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(rule.rule, method=method, data={"client_id": world["ids"]["client_id"]})
            assert response.status_code == 404, f"{method} {rule.rule} as {role}"
            assert "Haddad" not in response.text


def test_ids_of_another_file_are_404_inside_ones_own_file(app, client, login_as, make_client, world):
    """A user with a file of their own puts the other file's record ids into the URL."""
    me = login_as("case_manager", team="Sterkrade-Nord")
    mine = make_client(me, "Popescu", "Ion", date(1991, 9, 30))
    ids = dict(world["ids"], client_id=mine.id)
    checked = 0
    for rule in client_routes(app):
        parts = set(re.findall(r"<(?:\w+:)?(\w+)>", rule.rule)) - {"client_id", "area_id", "name"}
        if "client_id" not in rule.arguments or not parts:
            continue
        url = fill(rule, ids)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method, data={"version": "1", "kind": "x", "due": "2026-01-01"})
            assert response.status_code == 404, f"{method} {url}"
            checked += 1
    assert checked >= 12


def test_a_household_member_id_of_another_file_in_a_form_is_404(client, login_as, make_client, world):
    me = login_as("case_manager")
    mine = make_client(me, "Popescu", "Ion", date(1991, 9, 30))
    response = client.post(
        f"/klienten/{mine.id}/haushalt",
        data={
            "version": str(mine.household_version),
            "members-0-member_id": str(world["ids"]["member_id"]),
            "members-0-family_name": "Übernommen",
            "members-0-relation": "child",
        },
    )
    assert response.status_code == 404
    assert db.session.get(HouseholdMember, world["ids"]["member_id"]).given_names == MARKER


def test_reassigning_a_foreign_client_is_404(client, login_as, make_user, make_client, world):
    member = make_user("case_manager", team="Sterkrade-Nord")
    lead = login_as("team_lead", team="Sterkrade-Nord")
    own = make_client(member, "Popescu", "Ion", date(1991, 9, 30))
    response = client.post(
        "/klienten/zuweisen",
        data={"client_id": [str(own.id), str(world["ids"]["client_id"])], "case_manager_id": str(lead.id)},
    )
    assert response.status_code == 404
    assert db.session.get(Client, own.id).case_manager_id == member.id


@pytest.mark.parametrize("who", ["owner", "deputy", "team_lead"])
def test_case_manager_deputy_and_team_lead_open_the_file(app, client, login_as, enter, world, who):
    if who == "team_lead":
        login_as("team_lead", team="Osterfeld")
    else:
        enter(world[who])
    for rule in client_routes(app):
        if "client_id" not in rule.arguments or "GET" not in rule.methods:
            continue
        if {"user_id"} & set(rule.arguments) or rule.endpoint in ("clients.phase",):
            continue
        if who == "deputy" and rule.endpoint == "clients.deputy_add":
            continue  # only case manager and team lead name deputies
        response = client.get(fill(rule, world["ids"]), headers={"HX-Request": "true"})
        assert response.status_code == 200, f"{rule.rule} as {who}"


def test_team_lead_sees_clients_of_the_district_and_of_the_team(app, make_user, make_client):
    lead = make_user("team_lead", team="Osterfeld")
    team_member = make_user("case_manager", team="Osterfeld")
    elsewhere = make_user("case_manager", team="Sterkrade-Nord")
    of_team = make_client(team_member, "A", "A")
    in_district = make_client(elsewhere, "B", "B", district_id=lead.team_id)
    other = make_client(elsewhere, "C", "C")
    visible = set(db.session.scalars(visible_clients(lead).with_only_columns(Client.id)))
    assert {of_team.id, in_district.id} <= visible
    assert other.id not in visible
    assert set(db.session.scalars(visible_clients(team_member).with_only_columns(Client.id))) == {of_team.id}


def test_deactivated_roles_see_nothing(app, make_user, make_client):
    manager = make_user("case_manager")
    make_client(manager)
    manager.role = "reception"
    db.session.commit()
    assert db.session.scalars(visible_clients(manager)).all() == []


def test_reception_lookup_returns_only_name_birth_year_and_case_manager(app, world):
    rows = reception_lookup("Hadad", "Rania", date(1990, 10, 3))
    assert len(rows) == 1
    row = rows[0]
    assert (row.family_name, row.given_names, row.birth_year) == ("Haddad", "Rania", 1990)
    assert row.case_manager == world["owner"].display_name
    assert set(vars(row)) == {"client_id", "family_name", "given_names", "birth_year", "case_manager"}


def test_every_read_of_file_content_is_audited(client, login_as, make_user):
    """Sections as htmx fragments and edit forms show case content too: each read is logged."""
    from sqlalchemy import func, select

    from kimweb.audit import AuditEvent
    from kimweb.extensions import db

    manager = login_as("case_manager")
    response = client.post("/aufnahme", data=intake_data())
    assert response.status_code == 303
    client_id = int(response.headers["Location"].rstrip("/").split("/")[-1])

    def opened():
        return db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "client.opened", AuditEvent.object_id == str(client_id))
        )

    before = opened()
    assert client.get(f"/klienten/{client_id}/abschnitt/status", headers={"HX-Request": "true"}).status_code == 200
    assert opened() == before + 1
    client.get(f"/klienten/{client_id}")
    assert opened() == before + 2
    assert manager.id


def test_a_closed_file_is_read_only_until_reopened(client, login_as):
    from kimweb.clients.models import Client
    from kimweb.extensions import db

    login_as("case_manager")
    response = client.post("/aufnahme", data=intake_data())
    client_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    person = db.session.get(Client, client_id)
    person.phase = 7
    db.session.commit()
    refused = client.post(f"/klienten/{client_id}/ziele/neu", data={"text": "Neues Ziel"})
    assert refused.status_code == 409
    assert "Diese Akte ist abgeschlossen" in refused.text
    assert client.get(f"/klienten/{client_id}").status_code == 200
