"""Benchmark (not a test): importing a 1,000-row list with duplicate checks against 100,000 files
on record: the preview (reading, checking, likely duplicates on file and within the list) and
the import (files, statuses with deadlines, follow-ups, notes, fingerprints for undo), through
the wizard's own routes, on SQLite and (when KIMWEB_TEST_DATABASE_URL is set) PostgreSQL.
Targets (issue #19): preview ≤ 10 s, import ≤ 20 s.

    .venv/bin/python -m pytest tests/bench/bench_import.py -s -o addopts=""

Figures, 1,000 rows against 100,000 files, on a 2-core machine shared with other work (wall
clock, then CPU seconds of this process; the load average as the benchmark printed it). The
wall clock moves with the neighbours; the CPU time is the steadier measure.

                               preview                 import                  load
    before (7 Dec 2026, 87775d1)
      SQLite                   11.5 s (cpu 9.3 s)      3.4 s (cpu 2.9 s)       3.5
      PostgreSQL               20.7 s (cpu 9.6 s)      8.4 s (cpu 4.9 s)       4.0
    after (batched duplicate lookup, faster name comparison, block of case numbers,
    deadlines refreshed together)
      SQLite                    6.8 s (cpu 6.8 s)      2.4 s (cpu 2.3 s)       2.7
      SQLite, busier           11.0 s (cpu 6.8 s)      2.9 s (cpu 1.9 s)       4.3
      PostgreSQL                8.9 s (cpu 6.9 s)      4.9 s (cpu 3.9 s)       3.7
      PostgreSQL, busier       14.1 s (cpu 7.8 s)      8.7 s (cpu 4.0 s)       3.9

The issue's own figures (preview 53 s wall / 13.4 s CPU on SQLite, import 17 s SQLite / 36 s
PostgreSQL) came from an earlier state and a busier machine; "before" above was measured again
at the start of this work. Of the preview's CPU time now, about half is the name comparison in Python, a
fifth reading the candidate files, a sixth the candidate lookup.
"""

import io
import os
import random
import re
import time
from datetime import date, timedelta

from sqlalchemy import func, select, text

from kimweb.auth.models import User
from kimweb.clients.models import Client
from kimweb.clients.scale import FAMILY, GIVEN, seed_clients
from kimweb.extensions import db
from kimweb.imports.models import ImportBatch
from tests.helpers import log_in
from tests.imports.conftest import xlsx

CLIENTS = int(os.environ.get("KIMWEB_BENCH_CLIENTS", "100000"))
ROWS = int(os.environ.get("KIMWEB_BENCH_IMPORT_ROWS", "1000"))


def _list(rng: random.Random, on_file: list[Client]) -> bytes:
    """A case manager's list: one in twenty rows is a person on file (spelt plainly), one in
    fifty appears twice; mixed date forms."""
    rows = [
        ["Fallliste – Stand 12/2026"],
        [],
        [
            "Name",
            "Geb.-Datum",
            "Aufenthaltsstatus",
            "gültig bis",
            "Staatsang.",
            "Fallmanager/in",
            "nächster Schritt",
            "Wiedervorlage",
        ],
    ]
    for number in range(ROWS):
        if number % 20 == 0 and on_file:
            person = on_file[number // 20 % len(on_file)]
            family, given, birth = person.family_name, person.given_names, person.birth_date
        elif number % 50 == 1 and len(rows) > 4:
            family, given = rows[-1][0].split(", ")[0], rows[-1][0].split(", ")[1]
            birth = None
        else:
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            birth = date(1950, 1, 1) + timedelta(days=rng.randrange(60 * 365))
        born = birth.strftime(rng.choice(["%d.%m.%Y", "%-d.%-m.%y", "%Y"])) if birth else rows[-1][1]
        rows.append(
            [
                f"{family}, {given}",
                born,
                rng.choice(["AE", "NE", "Duldung", "Gestattung", "Fiktion"]),
                (date(2027, 1, 1) + timedelta(days=rng.randrange(700))).strftime("%d.%m.%Y"),
                rng.choice(["Syrien", "Türkei", "Ukraine", "Polen"]),
                f"scale-fm-{rng.randrange(16):02d}",
                "Termin ABH",
                (date(2027, 1, 1) + timedelta(days=rng.randrange(90))).strftime("%d.%m.%Y"),
            ]
        )
    return xlsx(rows)


def test_import_at_scale(app, client, make_user):
    rng = random.Random(5)
    seed_clients(CLIENTS)
    db.session.commit()
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        # seed_clients writes ids itself; the sequences must catch up before the ORM inserts.
        for table in db.metadata.sorted_tables:
            if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
                db.session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                    )
                )
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    on_file = list(
        db.session.scalars(select(Client).where(Client.id.in_([rng.randrange(1, CLIENTS) for _ in range(60)])))
    )
    data = _list(rng, on_file)
    admin = make_user("admin", username="bench-admin")
    log_in(client, admin)
    print(f"\n== list import, {dialect}, {ROWS} rows against {CLIENTS} files ==")

    begin = time.perf_counter()
    response = client.post(
        "/import/hochladen", data={"file": (io.BytesIO(data), "liste.xlsx")}, content_type="multipart/form-data"
    )
    assert response.status_code == 303, response.status_code
    upload_id = int(re.search(r"/import/(\d+)/", response.headers["Location"]).group(1))
    uploaded = time.perf_counter() - begin

    begin, cpu = time.perf_counter(), time.process_time()
    response = client.post(f"/import/{upload_id}/vorschau", headers={"HX-Request": "true"})
    assert response.status_code == 200
    preview, preview_cpu = time.perf_counter() - begin, time.process_time() - cpu
    page = response.get_data(as_text=True)
    decide = sorted(set(re.findall(r'name="d-(\d+)"', page)))

    begin, cpu = time.perf_counter(), time.process_time()
    response = client.post(f"/import/{upload_id}/import", data={f"d-{n}": "new" for n in decide})
    assert response.status_code == 303, response.status_code
    imported, imported_cpu = time.perf_counter() - begin, time.process_time() - cpu
    batch = db.session.scalar(select(ImportBatch))
    print(f"  upload and header check   {uploaded:6.2f} s")
    # CPU seconds of this process beside the wall clock: on a shared machine the wall clock
    # measures the neighbours too (the database server's own CPU is not in these figures).
    print(
        f"  preview (duplicates)      {preview:6.2f} s (cpu {preview_cpu:5.2f} s)   target 10 s   "
        f"({len(decide)} rows to decide)"
    )
    print(
        f"  import                    {imported:6.2f} s (cpu {imported_cpu:5.2f} s)   target 20 s   "
        f"({batch.created_count} files created)"
    )
    print(f"  load {os.getloadavg()[0]:.2f}; files now {db.session.scalar(select(func.count()).select_from(Client))}")
    assert db.session.scalar(select(User.id).where(User.username == "scale-fm-00"))
