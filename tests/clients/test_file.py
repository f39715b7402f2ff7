"""The case file: opening is audited, sections saved in place, stale saves answer 409, histories kept."""

from datetime import date, timedelta

from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import (
    Assessment,
    ClientDeadline,
    Consent,
    DeadlineConfirmation,
    FollowUp,
    Goal,
    Measure,
    ResidenceStatus,
)
from kimweb.clients.models import Client, ClientDeputy, PhaseEntry
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.timeutil import local_today
from tests.helpers import whole_file

HX = {"HX-Request": "true"}


def audit_rows(person, action=None):
    query = select(AuditEvent).where(AuditEvent.object_type == "client", AuditEvent.object_id == str(person.id))
    if action:
        query = query.where(AuditEvent.action == action)
    return db.session.scalars(query.order_by(AuditEvent.id)).all()


def test_opening_the_file_is_audited_and_listed_for_the_case_manager(client, login_as, enter, make_user, make_client):
    owner = login_as("case_manager")
    deputy = make_user("case_manager", display_name="Vera Vertretung")
    person = make_client(owner)
    db.session.add(ClientDeputy(client_id=person.id, user_id=deputy.id))
    db.session.commit()
    enter(deputy)
    deputy_view = client.get(f"/klienten/{person.id}")
    assert deputy_view.status_code == 200
    assert "Wer hat diese Akte geöffnet" not in deputy_view.text
    enter(owner)
    page = client.get(f"/klienten/{person.id}/abschnitt/openings")
    assert "Wer hat diese Akte geöffnet" in page.text and "Vera Vertretung" in page.text
    opened = audit_rows(person, "client.opened")
    assert [e.user_id for e in opened] == [deputy.id, owner.id]


def test_personal_data_edited_in_place_and_audited_without_content(client, login_as, make_client):
    owner = login_as("case_manager")
    person = make_client(owner)
    form = client.get(f"/klienten/{person.id}/stammdaten", headers=HX)
    assert form.status_code == 200 and 'id="section-personal"' in form.text and "<html" not in form.text
    data = {
        "family_name": "Al-Hassan",
        "given_names": "Muhammad",
        "birth_date": "12.03.1985",
        "version": "1",
        "phone": "0208 12345",
    }
    saved = client.post(f"/klienten/{person.id}/stammdaten", data=data, headers=HX)
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith(f"/klienten/{person.id}/abschnitt/personal")
    fragment = client.get(saved.headers["Location"], headers=HX)
    assert "Muhammad" in fragment.text and "data-focus-after-swap" in fragment.text
    db.session.rollback()
    assert db.session.get(Client, person.id).version == 2
    detail = audit_rows(person, "client.personal_changed")[0].detail
    assert "given_names" in detail and "phone" in detail
    assert "Muhammad" not in detail and "12345" not in detail


def test_second_save_of_the_same_section_answers_409_and_keeps_the_text(client, login_as, make_client):
    owner = login_as("case_manager")
    person = make_client(owner)
    first = {"family_name": "Al-Hassan", "given_names": "Erste Fassung", "version": "1"}
    second = {"family_name": "Al-Hassan", "given_names": "Meine zweite Fassung", "version": "1"}
    assert client.post(f"/klienten/{person.id}/stammdaten", data=first, headers=HX).status_code == 303
    stale = client.post(f"/klienten/{person.id}/stammdaten", data=second, headers=HX)
    assert stale.status_code == 409
    assert 'value="Meine zweite Fassung"' in stale.text
    assert "inzwischen von jemand anderem geändert" in stale.text
    assert 'name="version" type="hidden" value="2"' in stale.text or 'value="2"' in stale.text
    assert db.session.get(Client, person.id).given_names == "Erste Fassung"


def test_stale_assessment_goal_and_follow_up_saves_answer_409(client, login_as, make_client):
    owner = login_as("case_manager")
    person = make_client(owner)
    area = db.session.scalar(select(LifeArea).order_by(LifeArea.sort_order).limit(1))
    url = f"/klienten/{person.id}/einschaetzung/{area.id}"
    assert client.post(url, data={"need": "urgent", "situation": "A", "version": "0"}).status_code == 303
    assert client.post(url, data={"need": "some", "situation": "B", "version": "0"}).status_code == 409
    assert db.session.scalar(select(Assessment.situation)) == "A"
    assert client.post(f"/klienten/{person.id}/ziele/neu", data={"text": "Ziel", "status": "open"}).status_code == 303
    goal = db.session.scalar(select(Goal))
    goal_url = f"/klienten/{person.id}/ziele/{goal.id}"
    assert client.post(goal_url, data={"text": "Neu", "status": "open", "version": "1"}).status_code == 303
    conflict = client.post(goal_url, data={"text": "Veraltet", "status": "open", "version": "1"})
    assert conflict.status_code == 409 and "Veraltet" in conflict.text


def test_residence_status_history_is_never_overwritten(client, login_as, make_client):
    owner = login_as("case_manager")
    person = make_client(owner)
    today = local_today()
    until = today + timedelta(days=40)
    response = client.post(
        f"/klienten/{person.id}/aufenthalt/neu",
        data={
            "status_type": "aufenthaltserlaubnis",
            "legal_basis": "§ 25 Abs. 2 AufenthG",
            "valid_from": (today - timedelta(days=700)).strftime("%d.%m.%Y"),
            "valid_until": until.strftime("%d.%m.%Y"),
            "employment_permitted": "yes",
        },
    )
    assert response.status_code == 303
    first = db.session.scalar(select(ResidenceStatus))
    deadline = db.session.scalar(select(ClientDeadline).where(ClientDeadline.kind == "permit_renewal"))
    assert deadline.due == until
    # A correction is a new row; the old one stays, marked superseded.
    fixed = until + timedelta(days=1)
    corrected = client.post(
        f"/klienten/{person.id}/aufenthalt/{first.id}/korrektur",
        data={
            "status_type": "aufenthaltserlaubnis",
            "legal_basis": "§ 25 Abs. 2 AufenthG",
            "valid_from": (today - timedelta(days=700)).strftime("%d.%m.%Y"),
            "valid_until": fixed.strftime("%d.%m.%Y"),
        },
    )
    assert corrected.status_code == 303
    records = db.session.scalars(select(ResidenceStatus).order_by(ResidenceStatus.id)).all()
    assert len(records) == 2
    assert records[0].superseded_by_id == records[1].id and records[0].valid_until == until
    assert db.session.scalar(select(ClientDeadline.due).where(ClientDeadline.kind == "permit_renewal")) == fixed
    # Correcting the old record again is a conflict: someone corrected it already.
    again = client.post(
        f"/klienten/{person.id}/aufenthalt/{first.id}/korrektur",
        data={"status_type": "duldung_60a", "valid_until": fixed.strftime("%d.%m.%Y")},
    )
    assert again.status_code == 409
    page = whole_file(client, person.id)
    assert "korrigiert" in page.text and "aktuell" in page.text
    assert "Verlängerung vor Ablauf beantragen" in page.text
    assert [e.action for e in audit_rows(person) if e.action.startswith("client.status")] == [
        "client.status_added",
        "client.status_corrected",
    ]


def test_deadline_confirmed_by_a_person(client, login_as, make_client, add_status):
    owner = login_as("case_manager", display_name="Frau Prüferin")
    person = make_client(owner)
    due = local_today() + timedelta(days=10)
    status = add_status(person, status_type="duldung_60a", valid_until=due)
    response = client.post(
        f"/klienten/{person.id}/aufenthalt/{status.id}/frist",
        data={"kind": "duldung_expiry", "due": due.isoformat()},
        headers=HX,
    )
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(DeadlineConfirmation)) == 1
    section = client.get(response.headers["Location"], headers=HX)
    assert "geprüft von Frau Prüferin" in section.text
    wrong = client.post(
        f"/klienten/{person.id}/aufenthalt/{status.id}/frist",
        data={"kind": "duldung_expiry", "due": (due + timedelta(days=1)).isoformat()},
    )
    assert wrong.status_code == 404


def test_invalid_status_dates_answer_422_in_german(client, login_as, make_client):
    person = make_client(login_as("case_manager"))
    response = client.post(
        f"/klienten/{person.id}/aufenthalt/neu",
        data={"status_type": "", "valid_from": "01.05.2026", "valid_until": "01.04.2026", "issued_on": "32.1.2026"},
    )
    assert response.status_code == 422
    for message in (
        "Bitte wählen Sie die Art des Aufenthalts.",
        "„Gültig bis“ liegt vor „Gültig ab“.",
        "Diesen Tag gibt es nicht",
    ):
        assert message in response.text
    assert 'value="32.1.2026"' in response.text


def test_consent_is_revoked_with_a_date_not_deleted(client, login_as, make_client, agency):
    person = make_client(login_as("case_manager"))
    org = agency()
    created = client.post(
        f"/klienten/{person.id}/einwilligungen/neu",
        data={
            "organization_id": str(org.id),
            "purpose": "Leistungen",
            "purposes": ["exchange"],
            "data_scope": ["identity", "concern"],
            "given_on": "01.01.2026",
            "valid_until": (local_today() + timedelta(days=10)).strftime("%d.%m.%Y"),
            "health_data": "y",
        },
    )
    assert created.status_code == 303
    consent = db.session.scalar(select(Consent))
    assert consent.health_data
    page = whole_file(client, person.id)
    assert "läuft bald ab" in page.text
    revoked = client.post(
        f"/klienten/{person.id}/einwilligungen/{consent.id}/widerruf",
        data={"revoked_on": local_today().strftime("%d.%m.%Y"), "version": "1"},
    )
    assert revoked.status_code == 303
    db.session.rollback()
    assert db.session.get(Consent, consent.id).revoked_on == local_today()
    assert "widerrufen" in whole_file(client, person.id).text


def test_measures_belong_to_goals_and_can_be_done(client, login_as, make_client):
    person = make_client(login_as("case_manager"))
    client.post(f"/klienten/{person.id}/ziele/neu", data={"text": "Sprachkurs", "status": "open"})
    goal = db.session.scalar(select(Goal))
    url = f"/klienten/{person.id}/ziele/{goal.id}/massnahmen/neu"
    refused = client.post(url, data={"what": "Anmelden", "responsible": "agency"})
    assert refused.status_code == 422 and "zuständige Stelle" in refused.text
    assert client.post(url, data={"what": "Anmelden", "responsible": "client", "due_on": "1.2.27"}).status_code == 303
    measure = db.session.scalar(select(Measure))
    assert measure.due_on == date(2027, 2, 1)
    done = client.post(
        f"/klienten/{person.id}/ziele/{goal.id}/massnahmen/{measure.id}",
        data={"what": "Anmelden", "responsible": "client", "done": "y", "version": "1"},
    )
    assert done.status_code == 303
    db.session.rollback()
    assert db.session.get(Measure, measure.id).done_on == local_today()


def test_follow_ups_toggle_done_and_undone(client, login_as, make_client):
    me = login_as("case_manager")
    person = make_client(me)
    assert (
        client.post(
            f"/klienten/{person.id}/wiedervorlagen/neu",
            data={"title": "Bescheid prüfen", "due_on": "01.01.2026", "assignee_id": str(me.id)},
        ).status_code
        == 303
    )
    followup = db.session.scalar(select(FollowUp))
    url = f"/klienten/{person.id}/wiedervorlagen/{followup.id}/erledigt"
    assert client.post(url, data={"version": "1"}).status_code == 303
    db.session.rollback()
    assert db.session.get(FollowUp, followup.id).done_at is not None
    # A second click from an old page does not undo it.
    client.post(url, data={"version": "1"})
    db.session.rollback()
    assert db.session.get(FollowUp, followup.id).done_at is not None
    client.post(url, data={"version": "2"})
    db.session.rollback()
    assert db.session.get(FollowUp, followup.id).done_at is None


def test_closing_needs_a_reason_and_sets_the_retention_date(client, login_as, make_client):
    person = make_client(login_as("case_manager"))
    url = f"/klienten/{person.id}/phase"
    today = local_today().strftime("%d.%m.%Y")
    refused = client.post(url, data={"phase": "7", "entered_on": today, "version": "1"})
    assert refused.status_code == 422 and "Grund des Abschlusses" in refused.text
    closing = client.post(
        url, data={"phase": "7", "entered_on": today, "closure_reason": "goals_met", "version": "1"}, headers=HX
    )
    assert closing.status_code == 204 and closing.headers["HX-Redirect"] == f"/klienten/{person.id}"
    db.session.rollback()
    closed = db.session.get(Client, person.id)
    assert closed.closed and closed.retention_until == local_today().replace(year=local_today().year + 3)
    page = whole_file(client, person.id)
    assert "Akte wieder öffnen" in page.text and "Neuen Status eintragen" not in page.text
    assert client.get(url).status_code == 404
    assert client.post(f"/klienten/{person.id}/wiedereroeffnen", data={"version": "7"}).status_code == 303
    db.session.rollback()
    reopened = db.session.get(Client, person.id)
    assert (reopened.phase, reopened.retention_until) == (1, None)
    entries = db.session.scalars(
        select(PhaseEntry).where(PhaseEntry.client_id == person.id).order_by(PhaseEntry.id)
    ).all()
    assert [(e.phase, e.reopened) for e in entries] == [(1, False), (7, False), (1, True)]


def test_deputy_cannot_reopen_or_name_deputies(client, login_as, enter, make_user, make_client):
    owner = make_user("case_manager")
    person = make_client(owner)
    deputy = login_as("case_manager")
    db.session.add(ClientDeputy(client_id=person.id, user_id=deputy.id))
    person.phase = 7
    db.session.commit()
    assert client.post(f"/klienten/{person.id}/wiedereroeffnen", data={"version": "7"}).status_code == 404
    assert client.get(f"/klienten/{person.id}/vertretung").status_code == 404


def test_deputies_named_and_removed_by_the_case_manager(client, login_as, make_user, make_client):
    colleague = make_user("case_manager", team="Sterkrade-Nord")
    person = make_client(login_as("case_manager"))
    assert client.post(f"/klienten/{person.id}/vertretung", data={"user_id": str(colleague.id)}).status_code == 303
    assert db.session.scalar(select(ClientDeputy.user_id)) == colleague.id
    assert client.post(f"/klienten/{person.id}/vertretung/{colleague.id}/entfernen").status_code == 303
    assert db.session.scalar(select(ClientDeputy.user_id)) is None
    assert [e.action for e in audit_rows(person) if "deputy" in e.action] == [
        "client.deputy_added",
        "client.deputy_removed",
    ]


def test_household_edited_in_place(client, login_as, make_client):
    person = make_client(login_as("case_manager"))
    data = {
        "version": "1",
        "members-0-family_name": "Haddad",
        "members-0-given_names": "Karim",
        "members-0-relation": "child",
        "members-0-birth_date": "2014",
    }
    assert client.post(f"/klienten/{person.id}/haushalt", data=data).status_code == 303
    db.session.rollback()
    member = db.session.get(Client, person.id).household[0]
    assert (member.birth_date, member.birth_date_approximate) == (date(2014, 1, 1), True)
    form = client.get(f"/klienten/{person.id}/haushalt")
    assert 'value="2014"' in form.text
    removed = client.post(f"/klienten/{person.id}/haushalt", data={"version": "2"})
    assert removed.status_code == 303
    db.session.rollback()
    assert db.session.get(Client, person.id).household == []
    assert "removed=1" in audit_rows(person, "client.household_changed")[-1].detail


def test_start_page_shows_deadlines_follow_ups_and_expiring_consents(client, login_as, make_client, add_status, agency):
    me = login_as("case_manager")
    person = make_client(me, "Tesfaye", "Selam")
    far = make_client(me, "Weitweg", "Fern")
    today = local_today()
    add_status(person, status_type="duldung_60a", valid_until=today + timedelta(days=20))
    add_status(far, status_type="aufenthaltserlaubnis", valid_until=today + timedelta(days=200))
    db.session.add_all(
        [
            FollowUp(
                client_id=person.id, title="Termin ABH bestätigen", due_on=today - timedelta(days=2), assignee_id=me.id
            ),
            FollowUp(
                client_id=person.id, title="Kita-Zusage nachfragen", due_on=today + timedelta(days=6), assignee_id=me.id
            ),
            FollowUp(
                client_id=person.id, title="Erst nächsten Monat", due_on=today + timedelta(days=30), assignee_id=me.id
            ),
            Consent(
                client_id=person.id,
                organization_id=agency("Beratungsstelle Nord").id,
                purpose="x",
                given_on=today - timedelta(days=300),
                valid_until=today + timedelta(days=12),
            ),
        ]
    )
    db.session.commit()
    page = client.get("/")
    assert "Was ansteht" in page.text
    assert "Tesfaye, Selam" in page.text and "Duldung läuft ab" in page.text
    assert "Termin ABH bestätigen" in page.text and "Beratungsstelle Nord" in page.text
    assert "Kita-Zusage nachfragen" in page.text and "Erst nächsten Monat" not in page.text
    assert "Weitweg" not in page.text
    assert f'href="/klienten/{person.id}#section-status"' in page.text


def test_start_page_panel_is_not_shown_to_reception(client, login_as):
    login_as("reception")
    assert "Was ansteht" not in client.get("/").text
