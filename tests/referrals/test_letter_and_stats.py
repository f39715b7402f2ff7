"""The referral letter holds no data beyond the consent; the directory's figures hold no client data."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kimweb.clients.casework_models import Assessment, ResidenceStatus
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.referrals.models import Referral, ReferralEvent
from kimweb.referrals.queries import service_stats
from kimweb.timeutil import local_today
from tests.helpers import referral_form

PHONE, STREET, HEALTH_TEXT, STATUS_BASIS = "0208 555-1234", "Markerstraße 77", "Panikattacken seit Mai", "§ 99 Marker"


@pytest.fixture
def rich_client(login_as, make_client, make_service):
    me = login_as("case_manager")
    person = make_client(me, phone=PHONE, street=STREET, postcode="46045", city="Oberhausen")
    health = db.session.scalar(select(LifeArea).where(LifeArea.code == "gesundheit"))
    db.session.add(Assessment(client_id=person.id, life_area_id=health.id, need="urgent", situation=HEALTH_TEXT))
    db.session.add(
        ResidenceStatus(
            client_id=person.id,
            status_type="duldung_60a",
            legal_basis=STATUS_BASIS,
            valid_until=local_today() + timedelta(days=60),
        )
    )
    db.session.commit()
    return me, person, make_service()


def refer(client, person, service, **values) -> Referral:
    response = client.post(f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service, **values))
    assert response.status_code == 303, response.text
    return db.session.scalars(select(Referral).order_by(Referral.id.desc())).first()


def test_letter_holds_only_what_the_consent_covers(client, rich_client, give_consent):
    _, person, service = rich_client
    give_consent(person, service.organization_id, scope="identity concern")
    referral = refer(client, person, service, data_scope=["identity", "concern"])
    letter = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen")
    assert letter.status_code == 200
    text = letter.text
    article = text[text.index('<article class="ref-letter">') :]
    assert person.family_name in text and "Mahnbescheid liegt vor" in text
    assert person.case_number not in article  # an internal number, not named by the consent
    for secret in (PHONE, STREET, HEALTH_TEXT, STATUS_BASIS, "Duldung"):
        assert secret not in text, secret


def test_letter_without_identity_names_nobody(client, rich_client, make_service, give_consent):
    _, person, service = rich_client
    give_consent(person, service.organization_id, scope="concern")
    referral = refer(client, person, service, data_scope=["concern"])
    text = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen").text
    main = text[text.index('<article class="ref-letter">') :]
    assert person.family_name not in main and person.case_number not in main
    assert "Angaben zur Person werden nicht übermittelt" in main


def test_letter_with_every_kind_and_health(client, rich_client, make_service, give_consent):
    _, person, service = rich_client
    everything = "identity contact language residence household concern situation"
    give_consent(person, service.organization_id, scope=everything, health=True)
    referral = refer(client, person, service, data_scope=everything.split(), health_data="y")
    text = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen").text
    for shown in (PHONE, STREET, HEALTH_TEXT, STATUS_BASIS):
        assert shown in text, shown


def test_letter_is_refused_once_the_consent_is_revoked(client, rich_client, make_service, give_consent):
    _, person, service = rich_client
    consent = give_consent(person, service.organization_id)
    referral = refer(client, person, service)
    consent.revoked_on = local_today()
    db.session.commit()
    response = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen")
    assert response.status_code == 409
    assert "Einwilligung deckt diese Weitergabe nicht mehr" in response.text
    assert person.family_name not in response.text


def test_letter_reading_is_audited(client, rich_client, make_service):
    from kimweb.audit import AuditEvent

    _, person, service = rich_client
    referral = refer(client, person, service, channel="alone", data_scope=[])
    before = db.session.scalar(
        select(db.func.count()).select_from(AuditEvent).where(AuditEvent.action == "client.opened")
    )
    client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen")
    after = db.session.scalar(
        select(db.func.count()).select_from(AuditEvent).where(AuditEvent.action == "client.opened")
    )
    assert after == before + 1


def _referral(person, service, sent_on, status="sent", appointment_on=None, events=()):
    referral = Referral(
        client_id=person.id,
        service_id=service.id,
        organization_id=service.organization_id,
        service_name=service.name,
        organization_name="x",
        reason="r",
        channel="alone",
        status=status,
        sent_on=sent_on,
        appointment_on=appointment_on,
    )
    referral.events = [ReferralEvent(status=s) for s in ("planned", "sent", *events)]
    db.session.add(referral)
    return referral


def test_service_stats_count_share_and_median(app, login_as, make_client, make_service):
    me = login_as("case_manager")
    person = make_client(me)
    service = make_service()
    today = date(2026, 11, 21)
    _referral(person, service, today - timedelta(days=30), "appointment", today - timedelta(days=20), ["appointment"])
    _referral(person, service, today - timedelta(days=60), "done", today - timedelta(days=56), ["appointment", "done"])
    _referral(
        person, service, today - timedelta(days=90), "accepted", today - timedelta(days=60), ["accepted", "appointment"]
    )
    _referral(person, service, today - timedelta(days=10), "declined", None, ["declined"])
    _referral(person, service, today - timedelta(days=400), "done", today - timedelta(days=390), ["appointment"])
    _referral(person, service, None, "planned")
    db.session.commit()
    stats = service_stats(service.id, today)
    assert (stats.referred, stats.accepted, stats.accepted_share) == (4, 3, 75)
    assert stats.median_days == 10  # 10, 4, 30


def test_median_needs_three_appointments(app, login_as, make_client, make_service):
    person = make_client(login_as("case_manager"))
    service = make_service()
    today = local_today()
    _referral(person, service, today - timedelta(days=5), "appointment", today, ["appointment"])
    db.session.commit()
    assert service_stats(service.id).median_days is None


def test_service_page_shows_figures_to_staff_without_client_data(
    client, login_as, make_client, make_service, make_user
):
    from tests.helpers import log_in

    person = make_client(make_user("case_manager", team="Osterfeld"), family="Unverwechselbar")
    service = make_service()
    _referral(person, service, local_today() - timedelta(days=3))
    db.session.commit()
    login_as("reception")
    page = client.get(f"/wegweiser/angebot/{service.id}")
    assert "Vermittlungen der letzten 12 Monate" in page.text
    assert "Unverwechselbar" not in page.text and person.case_number not in page.text
    assert "Person hierhin vermitteln" not in page.text
    log_in(client, make_user("case_manager", team="Osterfeld"))
    assert "Person hierhin vermitteln" in client.get(f"/wegweiser/angebot/{service.id}").text


def test_letter_only_once_sent_and_while_open(client, rich_client, give_consent):
    _, person, service = rich_client
    give_consent(person, service.organization_id)
    planned = refer(client, person, service, send_now="")
    response = client.get(f"/klienten/{person.id}/vermittlungen/{planned.id}/ueberleitungsbogen")
    assert response.status_code == 409 and person.family_name not in response.text.split("<main")[1]
    assert "Überleitungsbogen drucken" not in client.get(f"/klienten/{person.id}/vermittlungen/{planned.id}").text
    client.post(
        f"/klienten/{person.id}/vermittlungen/{planned.id}/stand",
        data={"status": "cancelled", "note": "Doch nicht nötig.", "version": str(planned.version)},
    )
    assert client.get(f"/klienten/{person.id}/vermittlungen/{planned.id}/ueberleitungsbogen").status_code == 409


def test_long_texts_are_shortened_on_the_letter(client, rich_client, give_consent):
    _, person, service = rich_client
    give_consent(person, service.organization_id)
    referral = refer(client, person, service, reason="Wort " * 900)
    text = client.get(f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen").text
    assert text.count("Wort") < 200 and "..." in text
