"""Demo referrals for `flask seed-demo`: a few open and closed ones, dated relative to today, so that
the start page, the list of open referrals and a service's figures have something to show.
Idempotent: nothing is added once any referral exists."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from ..clients.casework_models import Consent, Involvement
from ..clients.models import Client
from ..directory.models import Service
from ..extensions import db
from ..timeutil import BERLIN, local_today
from .models import Disclosure, Referral, ReferralEvent

# (family name, service name fragment, reason, channel, data scope, steps: (status, days ago, note))
Step = tuple[str, int, str | None]
REFERRALS: list[tuple[str, str, str, str, str, list[Step]]] = [
    (
        "Al-Hassan",
        "Kindertagesbetreuung",
        "Kita-Platz für Lina, damit Frau Al-Hassan den B1-Kurs besuchen kann.",
        "alone",
        "",
        [("planned", 20, None), ("sent", 19, None)],
    ),
    (
        "Al-Hassan",
        "Integrationskurs mit Kinderbetreuung",
        "Anmeldung zum B1-Kurs mit Kinderbetreuung.",
        "phone",
        "identity contact language concern",
        [("planned", 10, None), ("sent", 10, None), ("appointment", 6, None)],
    ),
    (
        "Kovalenko",
        "Anerkennung ausländischer Berufsabschlüsse",
        "Anerkennung des Diploms als Buchhalterin.",
        "email",
        "identity contact language concern situation",
        [("planned", 30, None), ("sent", 29, None), ("appointment", 24, None), ("accepted", 15, None)],
    ),
    (
        "Popescu",
        "Energieschuldenberatung",
        "Stromschulden, Sperrandrohung.",
        "accompanied",
        "",
        [
            ("planned", 50, None),
            ("sent", 49, None),
            ("appointment", 45, None),
            ("done", 30, "Ratenzahlung mit dem Versorger vereinbart."),
        ],
    ),
]


def _service(fragment: str) -> Service | None:
    return db.session.scalar(select(Service).where(Service.name.like(f"%{fragment}%")).order_by(Service.id).limit(1))


def seed_demo_referrals() -> int:
    if db.session.scalar(select(func.count()).select_from(Referral)):
        return 0
    today, made = local_today(), 0
    for family, fragment, reason, channel, scope, steps in REFERRALS:
        client = db.session.scalar(select(Client).where(Client.family_name == family).limit(1))
        service = _service(fragment)
        if client is None or service is None:
            continue
        consent = None
        if scope:
            consent = Consent(
                client_id=client.id,
                organization_id=service.organization_id,
                purposes="referral",
                data_scope=scope,
                given_on=today - timedelta(days=steps[0][1]),
                valid_until=today + timedelta(days=330),
                explained_language=client.consent_language,
                created_by_id=client.case_manager_id,
            )
            db.session.add(consent)
            db.session.flush()
        referral = Referral(
            client_id=client.id,
            service_id=service.id,
            organization_id=service.organization_id,
            service_name=service.name,
            organization_name=service.organization.name,
            reason=reason,
            channel=channel,
            data_scope=scope,
            consent_id=consent.id if consent else None,
            created_by_id=client.case_manager_id,
            life_area_id=(service.life_areas[0].id if service.life_areas else None),
        )
        db.session.add(referral)
        appointment_on = None
        for status, days_ago, note in steps:
            day = today - timedelta(days=days_ago)
            at = datetime.combine(day, time(10, 0), BERLIN).astimezone(UTC).replace(tzinfo=None)
            on_date = day
            if status == "sent":
                referral.sent_on = day
            if status == "appointment":
                on_date = day + timedelta(days=7)
                appointment_on = on_date
                referral.appointment_on, referral.appointment_note = on_date, "9:00 Uhr"
            referral.status, referral.status_at, referral.outcome = status, at, note or referral.outcome
            referral.events.append(
                ReferralEvent(status=status, at=at, by_id=client.case_manager_id, on_date=on_date, note=note)
            )
        open_ = referral.status in ("planned", "sent", "appointment", "accepted")
        last_day = today - timedelta(days=steps[-1][1])
        referral.follow_up_on = (
            (
                appointment_on + timedelta(days=1)
                if referral.status == "appointment" and appointment_on
                else last_day + timedelta(days=14)
            )
            if open_
            else None
        )
        db.session.flush()
        if consent is not None:
            db.session.add(
                Disclosure(
                    client_id=client.id,
                    referral_id=referral.id,
                    organization_id=service.organization_id,
                    organization_name=service.organization.name,
                    data_scope=scope,
                    channel=channel,
                    disclosed_on=referral.sent_on,
                    consent_id=consent.id,
                    disclosed_by_id=client.case_manager_id,
                )
            )
        involved = db.session.scalar(
            select(Involvement.id)
            .where(Involvement.client_id == client.id, Involvement.organization_id == service.organization_id)
            .limit(1)
        )
        if involved is None:
            db.session.add(
                Involvement(
                    client_id=client.id,
                    organization_id=service.organization_id,
                    role=f"Vermittlung: {service.name}"[:200],
                    since=referral.sent_on,
                    ended_on=None if open_ else last_day,
                    referral_id=referral.id,
                )
            )
        made += 1
    db.session.commit()
    return made
