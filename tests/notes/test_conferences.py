"""Case conferences: a warning before saving for every participating agency without an active
consent (going ahead needs a reason, which is audited by id), agreements that become follow-ups."""

from datetime import date, timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import Consent, FollowUp
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteAgreement
from kimweb.timeutil import local_today
from tests.helpers import note_form, whole_file

HX = {"HX-Request": "true"}


def conference(orgs, **values) -> dict:
    values = {
        "kind": "case_conference",
        "organization_ids": [str(o.id) for o in orgs],
        "text": "Fallkonferenz",
        **values,
    }
    return note_form(**values)


def test_agencies_without_active_consent_are_warned_about(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    covered, expired, revoked, none = (
        agency("Jobcenter Oberhausen"),
        agency("Gesundheitsamt"),
        agency("Schuldnerberatung"),
        agency("Psychosoziales Zentrum"),
    )
    wrong_purpose = agency("Wohngeldstelle")
    today = local_today()
    db.session.add_all(
        [
            Consent(
                client_id=person.id,
                organization_id=covered.id,
                purpose="Fallkonferenz",
                purposes="conference",
                given_on=today - timedelta(days=9),
            ),
            # For referrals only: does not cover a case conference.
            Consent(
                client_id=person.id,
                organization_id=wrong_purpose.id,
                purposes="referral",
                given_on=today - timedelta(days=9),
            ),
            Consent(
                client_id=person.id,
                organization_id=expired.id,
                purpose="x",
                given_on=date(2024, 1, 1),
                valid_until=today - timedelta(days=1),
            ),
            Consent(
                client_id=person.id,
                organization_id=revoked.id,
                purpose="x",
                given_on=date(2024, 1, 1),
                revoked_on=today,
            ),
        ]
    )
    db.session.commit()
    url = f"/klienten/{person.id}/notizen/neu"
    warned = client.post(url, data=conference([covered, expired, revoked, none, wrong_purpose]))
    assert warned.status_code == 422
    section = warned.text.split('id="consent-check"')[1].split("</ul>")[0]
    for name in ("Gesundheitsamt", "Schuldnerberatung", "Psychosoziales Zentrum", "Wohngeldstelle"):
        assert name in section
    assert "Jobcenter Oberhausen" not in section
    assert db.session.scalar(select(ContactNote)) is None
    no_reason = client.post(url, data=conference([covered, none], consent_override="y"))
    assert no_reason.status_code == 422 and "Bitte begründen Sie" in no_reason.text
    saved = client.post(
        url,
        data=conference(
            [covered, none], consent_override="y", consent_override_reason="Akute Gefährdung, Einwilligung folgt"
        ),
    )
    assert saved.status_code == 303
    note = db.session.scalar(select(ContactNote))
    assert note.conference.missing_consent == "Psychosoziales Zentrum"
    assert note.conference.override_reason == "Akute Gefährdung, Einwilligung folgt"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.created"))
    assert f"consent_override={none.id}" in event.detail and "Gefährdung" not in event.detail
    page = whole_file(client, person.id).text
    assert "ohne Einwilligung" in page and "Psychosoziales Zentrum" in page
    # With consent for everyone there is nothing to warn about.
    assert client.post(url, data=conference([covered])).status_code == 303


def test_the_live_check_names_the_agencies(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    org = agency("Ausländerbehörde Oberhausen")
    url = f"/klienten/{person.id}/notizen/einwilligungen"
    response = client.post(url, headers=HX, data=conference([org]))
    assert response.status_code == 200 and "Ausländerbehörde Oberhausen" in response.text
    assert 'name="consent_override_reason"' in response.text
    other_kind = client.post(url, headers=HX, data=conference([org], kind="phone"))
    assert "Ausländerbehörde" not in other_kind.text
    tampered = client.post(url, headers=HX, data=conference([org], organization_ids=["999999", "x"]))
    assert tampered.status_code == 200 and "<li>" not in tampered.text


def test_agreements_become_follow_ups(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    due = (local_today() + timedelta(days=14)).strftime("%d.%m.%Y")
    next_date = (local_today() + timedelta(days=42)).strftime("%d.%m.%Y")
    url = f"/klienten/{person.id}/notizen/neu"
    incomplete = client.post(
        url,
        data=conference(
            [], **{"agreements-0-who": "Jobcenter", "agreements-1-what": "x", "agreements-1-due": "01.01.2020"}
        ),
    )
    assert incomplete.status_code == 422
    assert "Bitte beschreiben Sie die Vereinbarung." in incomplete.text
    assert "Das Datum kann nicht in der Vergangenheit liegen." in incomplete.text
    response = client.post(
        url,
        data=conference(
            [],
            conference_next_date=next_date,
            **{
                "agreements-0-what": "Kita-Platz anfragen",
                "agreements-0-who": "Frau Haddad",
                "agreements-0-due": due,
                "agreements-1-what": "Bescheid prüfen",
                "agreements-1-due": due,
            },
        ),
    )
    assert response.status_code == 303
    note = db.session.scalar(select(ContactNote))
    assert [(a.what, a.who) for a in note.agreements] == [
        ("Kita-Platz anfragen", "Frau Haddad"),
        ("Bescheid prüfen", None),
    ]
    titles = db.session.scalars(select(FollowUp.title).order_by(FollowUp.id)).all()
    assert titles == ["Kita-Platz anfragen (Frau Haddad)", "Bescheid prüfen"]
    assert all(a.follow_up.assignee_id == owner.id for a in db.session.scalars(select(NoteAgreement)))
    assert note.conference.next_date.strftime("%d.%m.%Y") == next_date
    page = whole_file(client, person.id).text
    assert "Kita-Platz anfragen" in page and next_date in page
