"""Benchmark (not a test): the case file's first screen for a client with 2,000 notes among
100,000 clients (KIMWEB_BENCH_CLIENTS to change), server-side p50/p95 and its SQL statements,
on SQLite and (when KIMWEB_TEST_DATABASE_URL is set) PostgreSQL. Also a section and the summary.

    .venv/bin/python -m pytest tests/bench/bench_casefile.py -s -o addopts=""

Issue 13 asks for at most 15 statements and p95 <= 20 ms. 2026-12-07, 2 cores shared with other
work; the code before and after the speed-up measured back to back:
  before, load about 1.8: 15 statements; SQLite p50 15.2 ms, p95 16.9 ms; PostgreSQL p50 25.0 ms,
  p95 29.5 ms (an earlier run: 27.0 / 37.1 ms; the target was met on SQLite only);
  after, load about 2.9: 14 statements; SQLite p50 7.8 ms, p95 8.8 ms; PostgreSQL p50 15.7 ms,
  p95 18.0 ms (a second run, load 1.1: 16.4 / 18.9 ms): met on both, on PostgreSQL by 1-2 ms.
Most of the time had gone into building statements, not running them (a UNION of three SELECTs:
0.8 ms to build, 0.1 ms to run); the first screen's statements are now built once with bound
parameters, the audit row commits by itself on PostgreSQL (no BEGIN / COMMIT round trips), and
the sealed follow-ups need no query for the case manager.
"""

import os
import time
from datetime import timedelta

from sqlalchemy import event, insert, select, text

from kimweb.auth.models import User
from kimweb.clients.models import Client
from kimweb.clients.scale import seed_clients
from kimweb.directory.models import Organization
from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from kimweb.timeutil import utcnow
from tests.bench.stats import report, timed
from tests.clients.test_casefile import _rich_file
from tests.helpers import log_in

CLIENTS = int(os.environ.get("KIMWEB_BENCH_CLIENTS", "100000"))
NOTES = 2000
ROUNDS = 300


def _agency(name: str) -> Organization:
    found = db.session.scalar(select(Organization).where(Organization.name == name))
    if found is None:
        found = Organization(name=name)
        db.session.add(found)
        db.session.commit()
    return found


def _cpu(call) -> float:
    begin = time.thread_time()
    assert call().status_code == 200
    return (time.thread_time() - begin) * 1000


def test_case_file_first_screen_at_scale(app, client):
    started = time.perf_counter()
    seed_clients(CLIENTS)
    db.session.commit()
    seeded = time.perf_counter() - started
    manager = db.session.scalar(select(User).where(User.username == "scale-fm-03"))
    person = db.session.scalar(select(Client).where(Client.case_manager_id == manager.id, Client.phase < 7).limit(1))
    _rich_file(person, manager, _agency, notes=0)
    now = utcnow()
    db.session.execute(
        insert(ContactNote),
        [
            {
                "client_id": person.id,
                "author_id": manager.id,
                "occurred_at": now - timedelta(hours=6 * n),
                "kind": ("phone", "in_person", "email")[n % 3],
                "text": f"Gespräch {n}: Unterlagen besprochen, nächster Schritt vereinbart. " * 3,
                "confidential": n % 17 == 0,
                "search_text": "",
            }
            for n in range(NOTES)
        ],
    )
    db.session.commit()
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    print(f"\n== case file first screen, {dialect}, {CLIENTS} clients (seeded in {seeded:.1f} s), {NOTES} notes ==")
    log_in(client, manager)
    url = f"/klienten/{person.id}"
    client.get(url)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    client.get(url)
    event.remove(db.engine, "before_cursor_execute", count)
    print(f"  SQL statements for the first screen: {len(statements)}")
    report("case file, first screen", [timed(lambda: client.get(url)) for _ in range(ROUNDS)])
    # CPU time of the same requests: on a machine shared with other work, the wall clock above
    # counts the waiting for a core too; SQLite runs in-process, so this is the server's own work.
    report("case file, first screen (CPU time)", [_cpu(lambda: client.get(url)) for _ in range(ROUNDS)])
    report(
        "case file, notes section (htmx)",
        [timed(lambda: client.get(f"{url}/abschnitt/notes", headers={"HX-Request": "true"})) for _ in range(50)],
    )
    report("case summary (print page)", [timed(lambda: client.get(f"{url}/uebersicht")) for _ in range(50)])
