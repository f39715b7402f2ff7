"""The team-wide note search: team leads only, over the files they may open, never the
confidential notes of others, audited with the hit count and without the words."""

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db

HX = {"HX-Request": "true"}


@pytest.fixture
def team(make_user, make_client, make_note):
    colleague = make_user("case_manager", team="Osterfeld")
    stranger = make_user("case_manager", team="Sterkrade-Nord")
    ours = make_client(colleague, "Haddad", "Rania")
    theirs = make_client(stranger, "Popescu", "Ion")
    return {
        "open": make_note(ours, colleague, "Wohnungsbesichtigung in Osterfeld vereinbart"),
        "secret": make_note(ours, colleague, "Wohnungslosigkeit droht, vertraulich", confidential=True),
        "foreign": make_note(theirs, stranger, "Wohnungsbesichtigung in Sterkrade"),
    }


def test_the_team_lead_finds_the_teams_notes_only(client, login_as, team):
    lead = login_as("team_lead", team="Osterfeld")
    assert client.get("/notizen/teamsuche").status_code == 200
    response = client.post("/notizen/teamsuche", data={"q": "wohnung"}, headers=HX)
    assert response.status_code == 200
    assert "Osterfeld vereinbart" in response.text and "Haddad" in response.text
    assert "vertraulich" not in response.text and "Sterkrade" not in response.text
    assert "1 Treffer" in response.text
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.team_search"))
    assert event.user_id == lead.id and event.detail == "hits=1"
    full = client.post("/notizen/teamsuche", data={"q": "Wohnungsbesichtigung"})
    assert "<html" in full.text and "Osterfeld vereinbart" in full.text
    assert "Teamsuche" in client.get("/").text


@pytest.mark.parametrize("role", ["case_manager", "reception", "admin"])
def test_nobody_else_may_search_the_team(client, login_as, team, role):
    login_as(role)
    assert client.get("/notizen/teamsuche").status_code in (403, 404)
    response = client.post("/notizen/teamsuche", data={"q": "wohnung"})
    assert response.status_code in (403, 404) and "Wohnung" not in response.text
    assert "Teamsuche" not in client.get("/").text
