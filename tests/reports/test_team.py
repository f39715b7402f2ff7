"""The team lead's overview, its links into the caseload, and handing files over with a reason."""

from datetime import timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import Consent, FollowUp
from kimweb.clients.models import CaseAssignment, Client
from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from kimweb.timeutil import local_today, utcnow


def test_overview_counts_per_case_manager_and_links_to_the_same_list(client, login_as, make_user, make_client, agency):
    login_as("team_lead", team="Osterfeld")
    anna = make_user("case_manager", team="Osterfeld", display_name="Anna Arslan")
    ben = make_user("case_manager", team="Osterfeld", display_name="Ben Berger")
    today = local_today()
    quiet = make_client(anna, family="Stillfeld")
    busy = make_client(anna, family="Kontaktreich")
    make_client(ben, family="Bennfile")
    db.session.add(ContactNote(client_id=busy.id, author_id=anna.id, occurred_at=utcnow(), kind="phone", text="t"))
    db.session.add(FollowUp(client_id=quiet.id, title="Rückruf", due_on=today - timedelta(days=2), assignee_id=anna.id))
    org = agency()
    db.session.add(
        Consent(client_id=busy.id, organization_id=org.id, given_on=today, valid_until=today + timedelta(days=10))
    )
    db.session.commit()
    page = client.get("/berichte/team").get_data(as_text=True)
    assert "Anna Arslan" in page and "Ben Berger" in page
    assert "Stillfeld" not in page  # counts only
    anna_row = page.split("Anna Arslan</th>")[1].split("</tr>")[0]
    assert f"/klienten/?fm={anna.id}" in anna_row and ">2<" in anna_row
    assert f"fm={anna.id}&amp;watch=wiedervorlage" in anna_row
    assert f"fm={anna.id}&amp;watch=einwilligung" in anna_row
    # The caseload behind "no contact for 8 weeks" lists exactly the file without a recent note.
    listing = client.get("/klienten/", query_string={"fm": str(anna.id), "watch": "kontakt"}).get_data(as_text=True)
    assert "Stillfeld" in listing and "Kontaktreich" not in listing and "Bennfile" not in listing
    listing = client.get("/klienten/", query_string={"fm": str(anna.id), "watch": "wiedervorlage"}).get_data(
        as_text=True
    )
    assert "Stillfeld" in listing and "Kontaktreich" not in listing


def test_case_managers_have_no_team_overview(client, login_as):
    login_as("case_manager")
    assert client.get("/berichte/team").status_code == 403


def test_handover_asks_for_a_reason_and_a_confirmation(client, login_as, make_user, make_client):
    lead = login_as("team_lead", team="Osterfeld")
    anna = make_user("case_manager", team="Osterfeld", display_name="Anna Arslan")
    ben = make_user("case_manager", team="Osterfeld", display_name="Ben Berger")
    files = [make_client(anna, family=f"Akte{i}") for i in range(3)]
    url = f"/berichte/team/{anna.id}/uebergeben"
    assert client.get(url).status_code == 200
    assert client.post(url, data={"to": str(ben.id), "reason": ""}).status_code == 422
    confirm = client.post(url, data={"to": str(ben.id), "reason": "Elternzeit"})
    assert confirm.status_code == 200 and "3 offene Fälle gehen an Ben Berger" in confirm.get_data(as_text=True)
    assert db.session.scalar(select(Client.case_manager_id).where(Client.id == files[0].id)) == anna.id
    done = client.post(url, data={"to": str(ben.id), "reason": "Elternzeit", "confirmed": "y"})
    assert done.status_code == 303
    assert set(db.session.scalars(select(Client.case_manager_id).where(Client.id.in_([f.id for f in files])))) == {
        ben.id
    }
    history = db.session.scalars(
        select(CaseAssignment).where(CaseAssignment.client_id == files[0].id).order_by(CaseAssignment.id)
    ).all()
    assert [(h.case_manager_id, h.reason) for h in history] == [(anna.id, None), (ben.id, "Elternzeit")]
    assert history[1].from_on == local_today() and history[1].assigned_by_id == lead.id
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.in_(("client.reassigned", "team.handover")))
    ).all()
    assert sorted(actions) == ["client.reassigned"] * 3 + ["team.handover"]
    assert not any("Elternzeit" in (e.detail or "") for e in db.session.scalars(select(AuditEvent)))


def test_handover_only_within_the_own_team(client, login_as, make_user):
    login_as("team_lead", team="Osterfeld")
    other = make_user("case_manager", team="Sterkrade-Mitte")
    assert client.get(f"/berichte/team/{other.id}/uebergeben").status_code == 404


def test_caseload_reassignment_writes_the_history(client, login_as, make_user, make_client):
    login_as("team_lead", team="Osterfeld")
    anna = make_user("case_manager", team="Osterfeld")
    ben = make_user("case_manager", team="Osterfeld")
    person = make_client(anna)
    response = client.post(
        "/klienten/zuweisen", data={"client_id": str(person.id), "case_manager_id": str(ben.id), "reason": "Urlaub"}
    )
    assert response.status_code == 303
    rows = db.session.execute(
        select(CaseAssignment.case_manager_id, CaseAssignment.reason)
        .where(CaseAssignment.client_id == person.id)
        .order_by(CaseAssignment.id)
    ).all()
    assert [tuple(r) for r in rows] == [(anna.id, None), (ben.id, "Urlaub")]
