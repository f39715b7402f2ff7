"""Benchmark (not a test): the KIM year report (the Sachbericht workbook, every table for a year,
all teams) and one report page, server-side, at KIMWEB_BENCH_CLIENTS files (default 100,000), on
SQLite and (when KIMWEB_TEST_DATABASE_URL is set) PostgreSQL. Issue 17 asks for p95 <= 2 s.

The files come from kimweb.clients.scale; this adds the history the reports read: phase entries
(opened 2021-2026, a closing for each closed file), for the files open in the year three contacts,
an assessment, a goal with a measure, and every third a referral with its events.

    .venv/bin/python -m pytest tests/bench/bench_reports.py -s -o addopts=""
"""

import os
import random
import time
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from kimweb.clients.casework_models import Assessment, Goal, Measure
from kimweb.clients.models import Client, PhaseEntry
from kimweb.clients.scale import seed_clients
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.notes.models import ContactNote
from kimweb.referrals.models import Referral, ReferralEvent
from tests.bench.stats import report as _report
from tests.helpers import log_in

CLIENTS = int(os.environ.get("KIMWEB_BENCH_CLIENTS", "100000"))
YEAR = 2026
ROUNDS = 5
KINDS = ("in_person", "phone", "home_visit", "case_conference", "accompaniment", "letter_out")


def _history(rng: random.Random) -> None:
    areas = list(db.session.scalars(select(LifeArea.id)))
    files = db.session.execute(select(Client.id, Client.phase, Client.case_manager_id)).all()
    entries, notes, assessments, goals, referrals = [], [], [], [], []
    for client_id, phase, manager_id in files:
        opened = date(2021, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        entries.append(
            {
                "client_id": client_id,
                "phase": 1,
                "entered_on": opened,
                "entered_at": datetime(2021, 1, 1),
                "reopened": False,
            }
        )
        if phase == 7:
            closed = opened + timedelta(days=rng.randrange(30, 900))
            entries.append(
                {
                    "client_id": client_id,
                    "phase": 7,
                    "entered_on": closed,
                    "entered_at": datetime(2021, 1, 1),
                    "closure_reason": rng.choice(("goals_met", "handed_over", "moved_away", "no_contact")),
                    "reopened": False,
                }
            )
            continue
        for _ in range(3):
            at = datetime(YEAR, 1, 1, 8) + timedelta(days=rng.randrange(330), minutes=rng.randrange(600))
            notes.append(
                {
                    "client_id": client_id,
                    "author_id": manager_id,
                    "occurred_at": at,
                    "kind": rng.choice(KINDS),
                    "duration_minutes": rng.choice((15, 30, 45, 60, 90)),
                    "text": "Gespräch",
                    "created_at": at,
                    "updated_at": at,
                    "version": 1,
                    "confidential": False,
                    "search_text": "",
                }
            )
        area = rng.choice(areas)
        assessments.append(
            {"client_id": client_id, "life_area_id": area, "need": rng.choice(("some", "urgent", "none")), "version": 1}
        )
        goals.append(
            {
                "client_id": client_id,
                "text": "Ziel",
                "life_area_id": area,
                "status": "open",
                "attainment": rng.choice(("", "achieved", "partly", "not_achieved")),
                "evaluated_on": date(YEAR, 1, 1) + timedelta(days=rng.randrange(300)),
                "created_at": datetime(YEAR, 1, 1) + timedelta(days=rng.randrange(300)),
                "version": 1,
            }
        )
        if rng.random() < 1 / 3:
            referrals.append(
                {
                    "client_id": client_id,
                    "service_name": "Beratung",
                    "organization_name": rng.choice(
                        ("Jobcenter", "Ausländerbehörde", "Migrationsberatung", "Familienkasse")
                    ),
                    "reason": "r",
                    "channel": "phone",
                    "status": rng.choice(("sent", "accepted", "done", "declined")),
                    "created_at": datetime(YEAR, 1, 1) + timedelta(days=rng.randrange(300)),
                    "status_at": datetime(YEAR, 6, 1),
                    "version": 1,
                    "urgency": "normal",
                    "data_scope": "",
                    "health_data": False,
                }
            )
    for table, rows in (
        (PhaseEntry, entries),
        (ContactNote, notes),
        (Assessment, assessments),
        (Goal, goals),
        (Referral, referrals),
    ):
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(table), rows[start : start + 5000])
    goal_ids = list(db.session.scalars(select(Goal.id)))
    measures = [
        {"goal_id": g, "what": "m", "responsible": "client", "done_on": date(YEAR, 3, 1), "version": 1}
        for g in goal_ids[::2]
    ]
    for start in range(0, len(measures), 5000):
        db.session.execute(insert(Measure), measures[start : start + 5000])
    events = [
        {"referral_id": r, "status": "sent", "at": datetime(YEAR, 2, 1)}
        for r in db.session.scalars(select(Referral.id))
    ]
    for start in range(0, len(events), 5000):
        db.session.execute(insert(ReferralEvent), events[start : start + 5000])
    db.session.commit()
    print(
        f"\n  seeded: {len(files)} files, {len(entries)} phase entries, {len(notes)} contacts, {len(goals)} goals, {len(referrals)} referrals"
    )


def test_year_report(app, client, make_user):
    begin = time.perf_counter()
    seed_clients(CLIENTS)
    db.session.commit()
    _history(random.Random(17))
    print(f"  seeding took {time.perf_counter() - begin:.0f} s")
    coordination = make_user("coordination", username="bench-koordination", team=None)
    log_in(client, coordination)
    timings = {"Sachbericht.xlsx (year, all teams)": [], "Fälle page (year, all teams)": []}
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get("/berichte/sachbericht.xlsx", query_string={"jahr": str(YEAR)})
        timings["Sachbericht.xlsx (year, all teams)"].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        start = time.perf_counter()
        response = client.get("/berichte/kim/faelle", query_string={"von": f"01.01.{YEAR}", "bis": f"31.12.{YEAR}"})
        timings["Fälle page (year, all teams)"].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    print(f"\n  KIM reports at {CLIENTS} clients ({db.engine.dialect.name}):")
    for label, values in timings.items():
        _report(label, values)
