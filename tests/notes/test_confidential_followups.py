"""Follow-ups made from a confidential note (its own follow-up and its case-conference agreements)
are as confidential as the note: whoever may not read the note sees "Vertrauliche Wiedervorlage"
with the date in the file's follow-ups section and on the start page, and cannot open its form."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from kimweb.clients.casework_models import FollowUp
from kimweb.clients.models import ClientDeputy
from kimweb.extensions import db
from kimweb.notes.models import NoteAgreement
from kimweb.timeutil import local_today

TITLE = "GEHEIM-WV-Therapieplatz"
AGREED = "GEHEIM-VEREINBARUNG-Traumaambulanz"
OPEN = "Offene Wiedervorlage Jobcenter"
SEALED = "Vertrauliche Wiedervorlage"


@pytest.fixture
def setting(make_user, make_client, make_note):
    owner = make_user("case_manager", team="Osterfeld")
    deputy = make_user("case_manager", team="Osterfeld")
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(owner)
    db.session.add(ClientDeputy(client_id=person.id, user_id=deputy.id))
    today = local_today()
    note = make_note(person, owner, "Vertrauliche Fallkonferenz", confidential=True, kind="case_conference")
    # The note's own follow-up is for the deputy (the owner reassigned it): it reaches their start page.
    note.follow_up = FollowUp(client_id=person.id, title=TITLE, due_on=today + timedelta(days=2), assignee_id=deputy.id)
    note.agreements.append(
        NoteAgreement(
            what=AGREED,
            who="Klient",
            due_on=today + timedelta(days=3),
            follow_up=FollowUp(
                client_id=person.id, title=AGREED + " (Klient)", due_on=today + timedelta(days=3), assignee_id=owner.id
            ),
        )
    )
    plain = make_note(person, owner, "Offene Notiz")
    plain.follow_up = FollowUp(client_id=person.id, title=OPEN, due_on=today + timedelta(days=1), assignee_id=deputy.id)
    db.session.commit()
    return {"owner": owner, "deputy": deputy, "lead": lead, "person": person, "note": note}


def followups_section(client, person) -> str:
    page = client.get(f"/klienten/{person.id}/abschnitt/followups").text
    return page[page.index('id="section-followups"') :][:6000]


@pytest.mark.parametrize("who", ["deputy", "lead"])
def test_those_who_may_not_read_the_note_see_only_the_date(client, enter, setting, who):
    enter(setting[who])
    section = followups_section(client, setting["person"])
    assert TITLE not in section and AGREED not in section
    assert section.count(SEALED) >= 2
    due = (local_today() + timedelta(days=2)).strftime("%d.%m.%Y")
    assert due in section
    assert OPEN in section  # a follow-up of an ordinary note stays readable
    sealed = setting["note"].follow_up
    form = client.get(f"/klienten/{setting['person'].id}/wiedervorlagen/{sealed.id}")
    assert form.status_code == 404 and TITLE not in form.text


def test_the_case_manager_and_the_author_read_them(client, enter, setting, make_note, make_user):
    enter(setting["owner"])
    section = followups_section(client, setting["person"])
    assert TITLE in section and AGREED in section and SEALED not in section
    assert (
        client.get(f"/klienten/{setting['person'].id}/wiedervorlagen/{setting['note'].follow_up.id}").status_code == 200
    )


def test_a_deputys_own_confidential_follow_up_stays_theirs(client, enter, setting, make_note):
    deputy, person = setting["deputy"], setting["person"]
    note = make_note(person, deputy, "Vertraulich vom Vertreter", confidential=True)
    note.follow_up = FollowUp(
        client_id=person.id, title="VERTRETER-GEHEIM", due_on=local_today(), assignee_id=deputy.id
    )
    db.session.commit()
    enter(deputy)
    assert "VERTRETER-GEHEIM" in followups_section(client, person)
    enter(setting["lead"])
    assert "VERTRETER-GEHEIM" not in followups_section(client, person)


def test_the_start_page_hides_the_title_too(client, enter, setting):
    enter(setting["deputy"])
    page = client.get("/").text
    assert TITLE not in page and SEALED in page and OPEN in page
    enter(setting["owner"])
    page = client.get("/").text
    assert AGREED + " (Klient)" in page and SEALED not in page


@pytest.mark.parametrize(("who", "asked"), [("owner", False), ("deputy", True)])
def test_only_others_than_the_case_manager_cost_the_question(client, enter, setting, who, asked):
    """The case manager reads every note of the file, so the file's first screen asks the notes
    no question about sealed follow-ups for them (the client is loaded already); anyone else's
    page asks, and sees the answer."""
    enter(setting[who])
    url = f"/klienten/{setting['person'].id}"
    client.get(url)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = client.get(url).text
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert any("note_agreement" in statement for statement in statements) is asked
    assert (SEALED in page) is asked
