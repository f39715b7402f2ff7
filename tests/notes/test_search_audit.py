"""Every file whose content a search shows gets its "client.opened" row (what the file's "who
opened this file" reads): one per file and search, written in one INSERT."""

import pytest
from sqlalchemy import event, func, select

from kimweb.audit import AuditEvent
from kimweb.extensions import db

HX = {"HX-Request": "true"}


def openings(person) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "client.opened",
                AuditEvent.object_type == "client",
                AuditEvent.object_id == str(person.id),
            )
        )
    )


@pytest.fixture
def team(make_user, make_client, make_note):
    colleague = make_user("case_manager", team="Osterfeld")
    stranger = make_user("case_manager", team="Sterkrade-Nord")
    first = make_client(colleague, "Haddad", "Rania")
    second = make_client(colleague, "Nowak", "Anna")
    quiet = make_client(colleague, "Ohne", "Treffer")
    theirs = make_client(stranger, "Popescu", "Ion")
    for person in (first, first, second):
        make_note(person, colleague, "Wohnungsbesichtigung vereinbart")
    make_note(quiet, colleague, "Sprachkurs")
    make_note(theirs, stranger, "Wohnungsbesichtigung in Sterkrade")
    return {"colleague": colleague, "first": first, "second": second, "quiet": quiet, "theirs": theirs}


def test_searching_one_files_notes_is_audited_once(client, enter, team):
    enter(team["colleague"])
    before = len(openings(team["first"]))
    response = client.post(f"/klienten/{team['first'].id}/notizen/suche", data={"q": "wohnung"}, headers=HX)
    assert response.status_code == 200 and "Wohnungsbesichtigung" in response.text
    rows = openings(team["first"])
    assert len(rows) == before + 1
    assert rows[-1].user_id == team["colleague"].id and rows[-1].detail == "search"
    # The file's own "who opened this file" list shows the search.
    page = client.get(f"/klienten/{team['first'].id}").text
    assert page.count(team["colleague"].display_name) >= 1


def test_the_team_search_audits_every_file_it_shows_in_one_insert(app, client, login_as, team):
    lead = login_as("team_lead", team="Osterfeld")
    inserts = []

    def count(_conn, _cursor, statement, parameters, *_args):
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_EVENT") and "client.opened" in str(parameters):
            inserts.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.post("/notizen/teamsuche", data={"q": "wohnungsbesichtigung"}, headers=HX)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200 and "Haddad" in response.text and "Nowak" in response.text
    assert [len(openings(team[k])) for k in ("first", "second", "quiet", "theirs")] == [1, 1, 0, 0]
    assert openings(team["first"])[0].user_id == lead.id
    assert len(inserts) == 1  # both files' rows in one statement
    total = db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "client.opened"))
    assert total == 2  # one per file, though the first file had two hits
