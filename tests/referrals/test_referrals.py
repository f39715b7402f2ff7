"""Making a referral and following it up: consent enforced, the disclosure log, status history,
follow-up dates, the involved agencies, override by a team lead."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import Consent, Involvement
from kimweb.extensions import db
from kimweb.referrals.models import Disclosure, Referral, ReferralEvent
from kimweb.timeutil import local_today
from tests.helpers import referral_form, whole_file


@pytest.fixture
def setting(login_as, make_client, make_service):
    me = login_as("case_manager")
    return me, make_client(me), make_service()


def post_referral(client, person, service, **values):
    return client.post(f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service, **values))


def only_referral() -> Referral:
    db.session.expire_all()
    return db.session.scalars(select(Referral)).one()


def actions(client_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == str(client_id)).order_by(AuditEvent.id)
        )
    )


def test_going_alone_needs_no_consent_and_discloses_nothing(client, setting):
    _, person, service = setting
    response = post_referral(client, person, service, channel="alone", data_scope=[])
    assert response.status_code == 303
    referral = only_referral()
    assert referral.status == "sent" and referral.sent_on == local_today()
    assert referral.follow_up_on == local_today() + timedelta(days=14)
    assert referral.consent_id is None
    assert db.session.scalars(select(Disclosure)).all() == []
    assert [e.status for e in referral.events] == ["planned", "sent"]


def test_without_consent_saving_is_refused_with_a_way_to_record_it(client, setting):
    _, person, service = setting
    response = post_referral(client, person, service)
    assert response.status_code == 422
    assert "keine passende Einwilligung" in response.text
    assert "Für Caritas Test liegt keine Einwilligung vor." in response.text
    assert f"stelle={service.organization_id}" in response.text and "zweck=referral" in response.text
    # What was typed is still there.
    assert "Mahnbescheid liegt vor" in response.text
    assert db.session.scalars(select(Referral)).all() == []


def test_consent_recorded_in_place_then_the_referral_is_saved_and_disclosed(client, setting):
    me, person, service = setting
    url = f"/klienten/{person.id}/vermittlungen/einwilligung"
    form = client.get(
        url + f"?stelle={service.organization_id}&zweck=referral&daten=identity+contact+concern",
        headers={"HX-Request": "true"},
    )
    assert form.status_code == 200
    assert 'value="referral" checked' in form.text or 'checked id="purposes-0"' in form.text or "checked" in form.text
    saved = client.post(
        url,
        headers={"HX-Request": "true"},
        data={
            "organization_id": str(service.organization_id),
            "purposes": ["referral"],
            "data_scope": ["identity", "contact", "concern"],
            "given_on": local_today().strftime("%d.%m.%Y"),
            "explained_language": "",
            "angebot": str(service.id),
        },
    )
    assert saved.status_code == 200, saved.text
    assert "Sie können die Vermittlung jetzt speichern" in saved.text
    consent = db.session.scalars(select(Consent)).one()
    assert consent.purposes == "referral" and consent.data_scope == "identity contact concern"

    assert post_referral(client, person, service).status_code == 303
    referral = only_referral()
    assert referral.consent_id == consent.id
    disclosure = db.session.scalars(select(Disclosure)).one()
    assert (disclosure.organization_id, disclosure.consent_id, disclosure.data_scope, disclosure.channel) == (
        service.organization_id,
        consent.id,
        "identity contact concern",
        "phone",
    )
    assert disclosure.disclosed_by_id == me.id and disclosure.override_reason is None
    assert {"client.consent_added", "client.referral_added", "client.disclosure", "client.referral_status"} <= set(
        actions(person.id)
    )
    page = whole_file(client, person.id)
    assert "Weitergabe von Daten (1)" in page.text
    assert "Name und Geburtsdatum, Anschrift und Erreichbarkeit, Anliegen und Grund der Vermittlung" in page.text


def test_consent_form_in_place_keeps_errors_in_german(client, setting):
    _, person, service = setting
    response = client.post(
        f"/klienten/{person.id}/vermittlungen/einwilligung",
        headers={"HX-Request": "true"},
        data={"organization_id": str(service.organization_id), "given_on": "31.02.2026"},
    )
    assert response.status_code == 422
    assert "Bitte kreuzen Sie an, wofür die Einwilligung gilt." in response.text
    assert db.session.scalars(select(Consent)).all() == []


def test_health_data_needs_a_consent_naming_it(client, setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, health=False)
    assert post_referral(client, person, service, health_data="y").status_code == 422
    give_consent(person, service.organization_id, health=True)
    assert post_referral(client, person, service, health_data="y").status_code == 303
    assert db.session.scalars(select(Disclosure)).one().health_data is True


def test_health_situation_must_be_flagged_as_health_data(client, setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, scope="identity situation", health=True)
    from kimweb.lifeareas import LifeArea

    health = db.session.scalar(select(LifeArea).where(LifeArea.code == "gesundheit"))
    response = post_referral(client, person, service, data_scope=["identity", "situation"], life_area_id=str(health.id))
    assert response.status_code == 422
    assert "Gesundheitsdaten" in response.text


def test_planned_referral_checks_consent_again_when_sent(client, setting, give_consent):
    _, person, service = setting
    consent = give_consent(person, service.organization_id)
    assert post_referral(client, person, service, send_now="").status_code == 303
    referral = only_referral()
    assert referral.status == "planned" and db.session.scalars(select(Disclosure)).all() == []
    consent.revoked_on = local_today()
    db.session.commit()
    response = client.post(
        f"/klienten/{person.id}/vermittlungen/{referral.id}/stand",
        data={"status": "sent", "version": str(referral.version)},
    )
    assert response.status_code == 422
    assert "widerrufen" in response.text
    assert only_referral().status == "planned"
    assert db.session.scalars(select(Disclosure)).all() == []


def test_revoking_keeps_past_disclosures_and_blocks_new_ones(client, setting, give_consent):
    _, person, service = setting
    consent = give_consent(person, service.organization_id)
    assert post_referral(client, person, service).status_code == 303
    response = client.post(
        f"/klienten/{person.id}/einwilligungen/{consent.id}/widerruf",
        data={"revoked_on": local_today().strftime("%d.%m.%Y"), "version": str(consent.version)},
    )
    assert response.status_code == 303
    assert post_referral(client, person, service).status_code == 422
    assert len(db.session.scalars(select(Disclosure)).all()) == 1
    page = whole_file(client, person.id)
    assert "widerrufen am" in page.text and "Weitergabe von Daten (1)" in page.text


def test_case_manager_cannot_override(client, setting):
    _, person, service = setting
    response = post_referral(client, person, service, override_reason="Gefahr im Verzug, Stromsperre droht morgen.")
    assert response.status_code == 422
    assert "Begründung für die Weitergabe" not in response.text
    assert db.session.scalars(select(Referral)).all() == []


def test_team_lead_overrides_with_a_written_reason_which_is_logged(client, make_user, make_client, make_service, enter):
    lead = enter(make_user("team_lead", team="Osterfeld"))
    person = make_client(make_user("case_manager", team="Osterfeld"))
    service = make_service()
    blocked = post_referral(client, person, service)
    assert blocked.status_code == 422 and "Begründung für die Weitergabe" in blocked.text
    short = post_referral(client, person, service, override_reason="weil")
    assert short.status_code == 422 and "mindestens 20 Zeichen" in short.text
    reason = "Gefahr im Verzug: Stromsperre morgen, Person telefonisch nicht erreichbar."
    assert post_referral(client, person, service, override_reason=reason).status_code == 303
    referral = only_referral()
    assert referral.override_reason == reason and referral.override_by_id == lead.id
    disclosure = db.session.scalars(select(Disclosure)).one()
    assert disclosure.consent_id is None and disclosure.override_reason == reason
    detail = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "client.disclosure")).one()
    assert "override=1" in detail and reason not in detail


def test_an_override_is_not_used_when_a_consent_covers(
    client, make_user, make_client, make_service, enter, give_consent
):
    enter(make_user("team_lead", team="Osterfeld"))
    person = make_client(make_user("case_manager", team="Osterfeld"))
    service = make_service()
    give_consent(person, service.organization_id)
    assert post_referral(client, person, service, override_reason="x" * 30).status_code == 303
    assert only_referral().override_reason is None


def test_defunct_service_is_refused(client, setting, make_service):
    _, person, _ = setting
    gone = make_service("Altes Angebot", status="defunct")
    response = post_referral(client, person, gone, channel="alone", data_scope=[])
    assert response.status_code == 422
    assert "eingestellt" in response.text
    assert db.session.scalars(select(Referral)).all() == []


def test_unknown_service_is_a_form_error(client, setting):
    _, person, service = setting
    form = referral_form(service, channel="alone", data_scope=[])
    form["service_id"] = "999999"
    response = client.post(f"/klienten/{person.id}/vermittlungen/neu", data=form)
    assert response.status_code == 422


def test_required_fields_in_german(client, setting):
    _, person, service = setting
    response = post_referral(client, person, service, reason="", channel="", follow_up_on="1.1.2000")
    assert response.status_code == 422
    text = response.text
    assert "Bitte beschreiben Sie, worum es geht." in text
    assert "Bitte wählen Sie, wie die Vermittlung geschieht." in text
    assert "nicht in der Vergangenheit" in text


def move(client, person, referral, **data):
    db.session.expire_all()
    current = db.session.get(Referral, referral.id)
    data.setdefault("version", str(current.version))
    return client.post(f"/klienten/{person.id}/vermittlungen/{referral.id}/stand", data=data)


def test_status_history_follow_ups_and_involved_agencies(client, setting):
    me, person, service = setting
    assert post_referral(client, person, service, channel="alone", data_scope=[]).status_code == 303
    referral = only_referral()
    involvement = db.session.scalars(select(Involvement)).one()
    assert involvement.organization_id == service.organization_id and involvement.referral_id == referral.id

    appointment = local_today() + timedelta(days=9)
    missing = move(client, person, referral, status="appointment")
    assert missing.status_code == 422 and "Bitte geben Sie das Datum des Termins ein." in missing.text
    assert (
        move(
            client,
            person,
            referral,
            status="appointment",
            on_date=appointment.strftime("%d.%m.%Y"),
            appointment_note="10:30 Uhr, Frau Berger",
        ).status_code
        == 303
    )
    referral = only_referral()
    assert referral.appointment_on == appointment and referral.follow_up_on == appointment + timedelta(days=1)

    no_outcome = move(client, person, referral, status="done")
    assert no_outcome.status_code == 422 and "Ergebnis" in no_outcome.text
    assert move(client, person, referral, status="done", note="Ratenzahlung vereinbart.").status_code == 303
    referral = only_referral()
    assert (
        referral.status == "done" and referral.follow_up_on is None and referral.outcome == "Ratenzahlung vereinbart."
    )
    assert [e.status for e in referral.events] == ["planned", "sent", "appointment", "done"]
    assert all(e.by_id == me.id for e in referral.events)
    assert db.session.scalars(select(Involvement)).one().ended_on == local_today()

    after = move(client, person, referral, status="sent")
    assert after.status_code == 200 or after.status_code == 422
    assert only_referral().status == "done"


def test_another_open_referral_keeps_the_agency_involved(client, setting, make_service):
    _, person, service = setting
    second = make_service("Insolvenzberatung Test")  # same agency
    post_referral(client, person, service, channel="alone", data_scope=[])
    post_referral(client, person, second, channel="alone", data_scope=[])
    first = db.session.scalars(select(Referral).where(Referral.service_id == service.id)).one()
    assert move(client, person, first, status="cancelled", note="Termin passt nicht.").status_code == 303
    involvement = db.session.scalars(select(Involvement)).one()
    assert involvement.ended_on is None and involvement.referral_id != first.id


def test_stale_status_change_answers_409_and_keeps_the_text(client, setting):
    _, person, service = setting
    post_referral(client, person, service, channel="alone", data_scope=[])
    referral = only_referral()
    old = str(referral.version)
    assert move(client, person, referral, status="accepted").status_code == 303
    response = move(client, person, referral, status="declined", note="Kein Platz frei bis März.", version=old)
    assert response.status_code == 409
    assert "Kein Platz frei bis März." in response.text
    assert only_referral().status == "accepted"


def test_no_response_is_proposed_after_the_follow_up_date(client, setting):
    _, person, service = setting
    post_referral(client, person, service, channel="alone", data_scope=[])
    referral = only_referral()
    page = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}")
    assert "Keine Rückmeldung eintragen" not in page.text
    referral.follow_up_on = local_today() - timedelta(days=1)
    db.session.commit()
    page = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}")
    assert "Keine Rückmeldung eintragen" in page.text
    assert "keine Rückmeldung?" in client.get("/").text
    response = client.post(
        f"/klienten/{person.id}/vermittlungen/{referral.id}/keine-rueckmeldung", data={"version": str(referral.version)}
    )
    assert response.status_code == 303
    assert only_referral().status == "no_response"
    # A late answer can still be recorded.
    assert move(client, person, only_referral(), status="accepted").status_code == 303


def test_open_referrals_appear_on_the_start_page_when_due(client, setting):
    _, person, service = setting
    post_referral(
        client,
        person,
        service,
        channel="alone",
        data_scope=[],
        follow_up_on=(local_today() + timedelta(days=3)).strftime("%d.%m.%Y"),
    )
    start = client.get("/")
    assert "Vermittlungen nachhalten" in start.text and "Schuldnerberatung Test" in start.text


def test_closed_file_takes_no_referral(client, setting):
    _, person, service = setting
    person.phase = 7
    db.session.commit()
    response = post_referral(client, person, service, channel="alone", data_scope=[])
    assert response.status_code == 409


def test_disclosure_log_is_append_only(client, setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id)
    post_referral(client, person, service)
    disclosure = db.session.scalars(select(Disclosure)).one()
    disclosure.data_scope = "identity"
    with pytest.raises(RuntimeError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(Disclosure)).one())
    with pytest.raises(RuntimeError):
        db.session.flush()
    db.session.rollback()


def test_events_record_dates_and_people(client, setting):
    _, person, service = setting
    post_referral(client, person, service, channel="alone", data_scope=[], send_now="")
    referral = only_referral()
    sent_on = local_today() - timedelta(days=2)
    assert move(client, person, referral, status="sent", on_date=sent_on.strftime("%d.%m.%Y")).status_code == 303
    referral = only_referral()
    assert referral.sent_on == sent_on
    event = db.session.scalars(select(ReferralEvent).where(ReferralEvent.status == "sent")).one()
    assert event.on_date == sent_on
    future = move(client, person, referral, status="accepted")
    assert future.status_code == 303


def test_a_planned_override_is_carried_out_by_the_case_manager(client, make_user, make_client, make_service, enter):
    manager = make_user("case_manager", team="Osterfeld")
    person = make_client(manager)
    service = make_service()
    enter(make_user("team_lead", team="Osterfeld"))
    reason = "Gefahr im Verzug: Stromsperre morgen, Person telefonisch nicht erreichbar."
    assert post_referral(client, person, service, send_now="", override_reason=reason).status_code == 303
    referral = only_referral()
    assert referral.status == "planned" and db.session.scalars(select(Disclosure)).all() == []
    enter(manager)
    assert move(client, person, referral, status="sent").status_code == 303
    disclosure = db.session.scalars(select(Disclosure)).one()
    assert disclosure.override_reason == reason and disclosure.disclosed_by_id == manager.id


def test_concern_in_the_health_area_counts_as_health_data(client, setting, give_consent):
    _, person, service = setting
    from kimweb.lifeareas import LifeArea

    health = db.session.scalar(select(LifeArea).where(LifeArea.code == "gesundheit"))
    give_consent(person, service.organization_id, health=False)
    response = post_referral(client, person, service, life_area_id=str(health.id))
    assert response.status_code == 422 and "Gesundheitsdaten" in response.text
    assert db.session.scalars(select(Referral)).all() == []


def test_sent_days_ago_needs_a_consent_valid_on_that_day(client, setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, given=0)
    assert post_referral(client, person, service, send_now="").status_code == 303
    referral = only_referral()
    sent_on = local_today() - timedelta(days=20)
    refused = move(client, person, referral, status="sent", on_date=sent_on.strftime("%d.%m.%Y"))
    assert refused.status_code == 422 and "gilt erst ab" in refused.text
    give_consent(person, service.organization_id, given=-30)
    assert move(client, person, referral, status="sent", on_date=sent_on.strftime("%d.%m.%Y")).status_code == 303
    referral = only_referral()
    disclosure = db.session.scalars(select(Disclosure)).one()
    assert disclosure.disclosed_on == sent_on == referral.sent_on
    assert referral.follow_up_on == sent_on + timedelta(days=14)
    assert db.session.scalars(select(Involvement)).one().since == sent_on


def test_an_appointment_recorded_afterwards_is_not_overdue_at_once(client, setting):
    _, person, service = setting
    post_referral(client, person, service, channel="alone", data_scope=[])
    referral = only_referral()
    past = local_today() - timedelta(days=6)
    assert move(client, person, referral, status="appointment", on_date=past.strftime("%d.%m.%Y")).status_code == 303
    assert only_referral().follow_up_on == local_today()


def test_a_stale_form_with_a_step_no_longer_possible_is_409(client, setting):
    _, person, service = setting
    post_referral(client, person, service, channel="alone", data_scope=[])
    referral = only_referral()
    old = str(referral.version)
    assert move(client, person, referral, status="done", note="Erledigt.").status_code == 303
    response = move(client, person, referral, status="accepted", version=old)
    assert response.status_code == 409 and "inzwischen von jemand anderem geändert" in response.text


def test_team_lead_overrides_when_sending_a_planned_referral(
    client, make_user, make_client, make_service, enter, give_consent
):
    manager = make_user("case_manager", team="Osterfeld")
    person = make_client(manager)
    service = make_service()
    consent = give_consent(person, service.organization_id)
    enter(manager)
    assert post_referral(client, person, service, send_now="").status_code == 303
    consent.revoked_on = local_today()
    db.session.commit()
    referral = only_referral()
    blocked = move(client, person, referral, status="sent")
    assert blocked.status_code == 422 and "Begründung für die Weitergabe" not in blocked.text
    lead = enter(make_user("team_lead", team="Osterfeld"))
    blocked = move(client, person, referral, status="sent")
    assert blocked.status_code == 422 and "Begründung für die Weitergabe" in blocked.text
    reason = "Gericht hat die Übermittlung angeordnet, Beschluss liegt in der Akte."
    assert move(client, person, referral, status="sent", override_reason=reason).status_code == 303
    disclosure = db.session.scalars(select(Disclosure)).one()
    assert disclosure.consent_id is None and disclosure.override_reason == reason
    assert only_referral().override_by_id == lead.id


def test_consent_recorded_from_a_refused_sending_leads_back_to_the_referral(client, setting, give_consent):
    _, person, service = setting
    consent = give_consent(person, service.organization_id)
    post_referral(client, person, service, send_now="")
    referral = only_referral()
    consent.revoked_on = local_today()
    db.session.commit()
    page = move(client, person, referral, status="sent")
    assert f"vermittlung={referral.id}" in page.text
    response = client.post(
        f"/klienten/{person.id}/vermittlungen/einwilligung",
        data={
            "organization_id": str(service.organization_id),
            "purposes": ["referral"],
            "data_scope": ["identity", "contact", "concern"],
            "given_on": local_today().strftime("%d.%m.%Y"),
            "vermittlung": str(referral.id),
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/vermittlungen/{referral.id}")


def test_closed_files_leave_the_lists(client, setting):
    _, person, service = setting
    post_referral(
        client,
        person,
        service,
        channel="alone",
        data_scope=[],
        follow_up_on=(local_today() + timedelta(days=2)).strftime("%d.%m.%Y"),
    )
    assert "Schuldnerberatung Test" in client.get("/vermittlungen/").text
    person.phase = 7
    db.session.commit()
    assert "Schuldnerberatung Test" not in client.get("/vermittlungen/").text
    assert "Vermittlungen nachhalten" not in client.get("/").text


def test_closing_the_file_cancels_its_open_referrals(client, setting):
    _, person, service = setting
    post_referral(client, person, service, channel="alone", data_scope=[])
    response = client.post(
        f"/klienten/{person.id}/phase",
        data={
            "phase": "7",
            "entered_on": local_today().strftime("%d.%m.%Y"),
            "closure_reason": "goals_met",
            "version": str(person.phase),
        },
    )
    assert response.status_code == 303
    referral = only_referral()
    assert referral.status == "cancelled" and referral.outcome == "Akte abgeschlossen."
    assert referral.follow_up_on is None
    assert db.session.scalars(select(Involvement)).one().ended_on == local_today()
