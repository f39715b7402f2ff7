"""Benchmark (not a test): referrals at a city's scale, server-side, on SQLite and (when
KIMWEB_TEST_DATABASE_URL is set) PostgreSQL. 20,000 clients, 2,000 services, 12,000 referrals
over the last 13 months (half to twenty popular services), each with its status history.

Measured: a popular service's page with its referral figures; the open referrals of a team lead
and of a case manager; a case file with referrals and its disclosure log; the start page; making
a referral that passes data (consent check, disclosure log, involved agencies).

    .venv/bin/python -m pytest tests/bench/bench_referrals.py -s -o addopts=""
"""

import os
import random
import time
from datetime import datetime, timedelta

from sqlalchemy import insert, select, text

from kimweb.auth.models import User
from kimweb.clients.casework_models import Consent
from kimweb.clients.models import Client
from kimweb.clients.scale import seed_clients
from kimweb.directory.models import Service
from kimweb.directory.scale import seed_synthetic
from kimweb.extensions import db
from kimweb.referrals.models import Referral, ReferralEvent
from kimweb.timeutil import local_today
from tests.bench.stats import report, timed
from tests.helpers import log_in, referral_form

CLIENTS = int(os.environ.get("KIMWEB_BENCH_CLIENTS", "20000"))
SERVICES = 2000
REFERRALS = 12000
HX = {"HX-Request": "true"}
STEPS = ["planned", "sent", "appointment", "accepted", "done"]


def _seed_referrals(rng: random.Random) -> list[int]:
    today = local_today()
    services = db.session.execute(select(Service.id, Service.organization_id, Service.name)).all()
    popular = services[:20]
    clients = db.session.scalars(select(Client.id).where(Client.phase < 7)).all()
    rows, steps = [], []
    for number in range(REFERRALS):
        service = rng.choice(popular) if number % 2 else rng.choice(services)
        reached = rng.choice(STEPS[1:] + ["declined", "no_response", "cancelled"])
        sent_on = today - timedelta(days=rng.randrange(1, 400))
        appointment = sent_on + timedelta(days=rng.randrange(2, 40)) if reached in STEPS[2:] else None
        rows.append(
            {
                "client_id": rng.choice(clients),
                "service_id": service.id,
                "organization_id": service.organization_id,
                "service_name": service.name,
                "organization_name": "Träger",
                "reason": "Bench",
                "urgency": "normal",
                "channel": "alone",
                "data_scope": "",
                "health_data": False,
                "status": reached,
                "status_at": datetime.now(),
                "sent_on": sent_on,
                "appointment_on": appointment,
                "created_at": datetime.now(),
                "version": 1,
                "follow_up_on": sent_on + timedelta(days=14) if reached in STEPS[1:4] else None,
            }
        )
        path = STEPS[: STEPS.index(reached) + 1] if reached in STEPS else ["planned", "sent", reached]
        steps.append(path)
    db.session.execute(insert(Referral), rows)
    ids = db.session.scalars(select(Referral.id).order_by(Referral.id)).all()  # in insertion order
    db.session.execute(
        insert(ReferralEvent),
        [
            {"referral_id": referral_id, "status": status, "at": datetime.now()}
            for referral_id, path in zip(ids, steps, strict=True)
            for status in path
        ],
    )
    db.session.commit()
    return [s.id for s in popular]


def test_referrals_at_scale(app, client):
    rng = random.Random(5)
    started = time.perf_counter()
    seed_clients(CLIENTS)
    seed_synthetic(SERVICES)
    popular = _seed_referrals(rng)
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    seeded = time.perf_counter() - started
    manager = db.session.scalar(select(User).where(User.username == "scale-fm-03"))
    lead = db.session.scalar(select(User).where(User.username == f"scale-tl-{manager.team_id}"))
    own = db.session.scalars(
        select(Client.id)
        .where(Client.case_manager_id == manager.id, Client.phase < 7)
        .where(Client.id.in_(select(Referral.client_id)))
        .limit(100)
    ).all()
    print(
        f"\n== referrals, {dialect}, {CLIENTS} clients, {SERVICES} services, {REFERRALS} referrals "
        f"(seeded in {seeded:.1f} s) =="
    )

    log_in(client, manager)
    report(
        "service page with referral figures",
        [timed(lambda: client.get(f"/wegweiser/angebot/{rng.choice(popular)}")) for _ in range(150)],
    )
    report("open referrals, case manager", [timed(lambda: client.get("/vermittlungen/")) for _ in range(60)])
    report("case file with referrals", [timed(lambda cid=cid: client.get(f"/klienten/{cid}")) for cid in own[:100]])
    report("start page, case manager", [timed(lambda: client.get("/")) for _ in range(60)])

    service = db.session.get(Service, popular[0])
    made = []
    for client_id in own[:80]:
        db.session.add(
            Consent(
                client_id=client_id,
                organization_id=service.organization_id,
                purposes="referral",
                data_scope="identity contact concern",
                given_on=local_today(),
            )
        )
    db.session.commit()
    for client_id in own[:80]:
        person = db.session.get(Client, client_id)
        made.append(
            timed(
                lambda person=person: client.post(
                    f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service)
                ),
                status=303,
            )
        )
    report("make a referral that passes data", made)

    log_in(client, lead)
    report("open referrals, team lead", [timed(lambda: client.get("/vermittlungen/")) for _ in range(60)])
    report("overdue referrals, team lead", [timed(lambda: client.get("/vermittlungen/?faellig=1")) for _ in range(60)])
