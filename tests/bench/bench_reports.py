"""Benchmark (not a test): the KIM year report (the Sachbericht workbook, every table for a year,
all teams) and one report page (Fälle), server-side, and the team lead's team page, at
KIMWEB_BENCH_CLIENTS files (default 100,000) and KIMWEB_BENCH_NOTES contact notes (default ten per
file: 1,000,000), on SQLite and (when KIMWEB_TEST_DATABASE_URL is set) PostgreSQL. Issue 17 asks
for p95 <= 2 s for the year report and <= 100 ms for the team page. Wall and process CPU time are
both printed (the CPU time leaves out PostgreSQL's own work), with the load average: the machine
has two cores and other work runs beside the benchmark. KIMWEB_BENCH_PROFILE=1 adds a cProfile
of one run of each.

The files come from kimweb.clients.scale; this adds the history the reports read: phase entries
(opened 2021-2026, a closing for each closed file), for the files open in the year three contacts,
an assessment, a goal with a measure, and every third a referral with its events; then the rest
of the contacts, each on a day its file was open (about 295,000 of them fall in the year).

    .venv/bin/python -m pytest tests/bench/bench_reports.py -s -p no:cacheprovider -o addopts=""

Figures (ms, p50 / p95 wall, p50 process CPU; 5 runs, the team page 30), December 2026:

                        before (ceb4884)                       first step (71d2514)
    SQLite  workbook    11836 / 16495, CPU 7941 (load 4.2)     3414 / 3622, CPU 3141 (load 2.0)
            Fälle page   7585 / 10628, CPU 6538 (load 3.3)     1447 / 1954, CPU 1338 (load 2.0)
            team page      60 /    66, CPU   59 (load 3.3)       47 /   70, CPU   45 (load 2.0)
    Postgr. workbook    10797 / 15322, CPU 6522 (load 4.6)     2897 / 3720, CPU 2131 (load 3.5)
            Fälle page   8413 /  9352, CPU 5625 (load 4.0)     1205 / 1411, CPU 1019 (load 3.3)
            team page      98 /   128, CPU   12 (load 4.0)       42 /   57, CPU   10 (load 3.3)

                        now (issue 17 met)
    SQLite  workbook    1654 / 1694, CPU 1974 (load 1.0); 1737 / 1791 beside a busy loop (load 1.6)
            Fälle page   928 /  941, CPU  927 (load 1.0)
            team page     42 /   51, CPU   42 (load 1.0)
    Postgr. workbook    1397 / 1433, CPU 1277 (load 1.2)
            Fälle page   677 /  742, CPU  603 (load 1.2)
            team page     36 /   46, CPU   10 (load 1.2)

The workbook's CPU time exceeds its wall time on SQLite: the contact counts are read in a second
thread while the facts are made (kimweb/kim_reports/fact_parts.py, read_aside). Under a load of
7 to 8 (other benchmarks beside it) the first step's SQLite workbook took 7965 / 9170 ms wall
for 2898 ms CPU: the figures hold on a machine with a core to spare.
"""

import cProfile
import os
import pstats
import random
import time
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, text

from kimweb.clients.casework_models import Assessment, Goal, Measure
from kimweb.clients.history import refresh_closed_on
from kimweb.clients.models import Client, PhaseEntry
from kimweb.clients.scale import seed_clients
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.notes.models import ContactNote
from kimweb.referrals.models import Referral, ReferralEvent
from tests.bench.stats import report as _report
from tests.helpers import log_in

CLIENTS = int(os.environ.get("KIMWEB_BENCH_CLIENTS", "100000"))
NOTES = int(os.environ.get("KIMWEB_BENCH_NOTES", str(10 * CLIENTS)))
YEAR = 2026
ROUNDS = 5
TEAM_ROUNDS = 30
KINDS = ("in_person", "phone", "home_visit", "case_conference", "accompaniment", "letter_out")


def _note(client_id: int, author_id: int, at: datetime, kind: str, minutes: int) -> dict:
    """A contact note row for a bulk insert."""
    return {
        "client_id": client_id,
        "author_id": author_id,
        "occurred_at": at,
        "kind": kind,
        "duration_minutes": minutes,
        "text": "Gespräch",
        "created_at": at,
        "updated_at": at,
        "version": 1,
        "confidential": False,
        "search_text": "",
    }


def _history(rng: random.Random) -> None:
    areas = list(db.session.scalars(select(LifeArea.id)))
    files = db.session.execute(select(Client.id, Client.phase, Client.case_manager_id)).all()
    entries, notes, assessments, goals, referrals = [], [], [], [], []
    spans = []  # (file, case manager, opened, last day): where the older contacts go
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
            spans.append((client_id, manager_id, opened, closed))
            continue
        spans.append((client_id, manager_id, opened, date(YEAR, 11, 26)))
        for _ in range(3):
            at = datetime(YEAR, 1, 1, 8) + timedelta(days=rng.randrange(330), minutes=rng.randrange(600))
            notes.append(_note(client_id, manager_id, at, rng.choice(KINDS), rng.choice((15, 30, 45, 60, 90))))
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
    more = _more_contacts(random.Random(18), spans, NOTES - len(notes))
    db.session.commit()
    print(
        f"\n  seeded: {len(files)} files, {len(entries)} phase entries, {len(notes) + more} contacts, "
        f"{len(goals)} goals, {len(referrals)} referrals"
    )


def _more_contacts(rng: random.Random, spans: list, count: int) -> int:
    """The rest of the contacts up to NOTES, each on a day its file was open (any year since 2021),
    inserted through the table in chunks (no ORM objects, never all in memory)."""
    table = ContactNote.__table__
    done = 0
    while done < count:
        rows = []
        for _ in range(min(50000, count - done)):
            client_id, manager_id, opened, last = spans[rng.randrange(len(spans))]
            days = max((last - opened).days, 1)
            at = datetime.combine(opened, datetime.min.time()) + timedelta(
                days=rng.randrange(days), minutes=480 + rng.randrange(600)
            )
            rows.append(_note(client_id, manager_id, at, KINDS[rng.randrange(len(KINDS))], 30))
        db.session.connection().execute(table.insert(), rows)
        done += len(rows)
    return done


def _timed(call) -> tuple[float, float]:
    """Wall and process CPU milliseconds of one request, which must answer 200."""
    wall, cpu = time.perf_counter(), time.process_time()
    response = call()
    assert response.status_code == 200, response.status_code
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _profile(call) -> None:
    """KIMWEB_BENCH_PROFILE=1: where one run spends its time (cProfile, the top by own time)."""
    profile = cProfile.Profile()
    profile.runcall(call)
    pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def test_year_report(app, client, make_user):
    begin = time.perf_counter()
    seed_clients(CLIENTS)
    db.session.commit()
    _history(random.Random(17))
    # The history went in around the ORM: what the flush hook keeps on every phase written.
    refresh_closed_on(db.session.connection())
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does within a minute of a bulk load (the test server runs without it):
        # planner statistics, and the visibility map that lets index-only scans skip the table.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    print(f"  seeding took {time.perf_counter() - begin:.0f} s")
    coordination = make_user("coordination", username="bench-koordination", team=None)
    lead = make_user("team_lead", username="bench-teamleitung")
    runs = {
        "Sachbericht.xlsx (year, all teams)": (
            coordination,
            ROUNDS,
            lambda: client.get("/berichte/sachbericht.xlsx", query_string={"jahr": str(YEAR)}),
        ),
        "Fälle page (year, all teams)": (
            coordination,
            ROUNDS,
            lambda: client.get("/berichte/kim/faelle", query_string={"von": f"01.01.{YEAR}", "bis": f"31.12.{YEAR}"}),
        ),
        "Team page (team lead)": (lead, TEAM_ROUNDS, lambda: client.get("/berichte/team")),
    }
    print(f"\n  KIM reports at {CLIENTS} clients, {NOTES} contacts ({db.engine.dialect.name}):")
    for label, (user, rounds, call) in runs.items():
        log_in(client, user)
        if os.environ.get("KIMWEB_BENCH_PROFILE"):
            _profile(call)
        figures = [_timed(call) for _ in range(rounds)]
        _report(label, [wall for wall, _ in figures])
        _report("  process CPU of it", [cpu for _, cpu in figures])
