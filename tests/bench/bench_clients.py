"""Benchmark (not a test): client files at 100,000 clients: duplicate hints while typing, caseload
search as you type, and the first render of a case file, server-side, on SQLite and (when
KIMWEB_TEST_DATABASE_URL is set) PostgreSQL.

    .venv/bin/python -m pytest tests/bench/bench_clients.py -s -o addopts=""
"""

import os
import random
import time

from sqlalchemy import select, text

from kimweb.auth.models import User
from kimweb.clients.models import Client
from kimweb.clients.scale import seed_clients
from kimweb.extensions import db
from kimweb.textfold import strip_accents
from tests.bench.stats import report as _report
from tests.bench.stats import timed as _timed
from tests.helpers import log_in

CLIENTS = int(os.environ.get("KIMWEB_BENCH_CLIENTS", "100000"))
HX = {"HX-Request": "true"}


def _variants(person: Client, rng: random.Random) -> list[dict]:
    """What a colleague at the desk might type for a person on file."""
    plain_family, plain_given = strip_accents(person.family_name), strip_accents(person.given_names.split()[0])
    birth = person.birth_date
    return [
        {"family_name": plain_family, "given_names": plain_given, "birth_date": birth.strftime("%-d.%-m.%y")},
        {"family_name": person.given_names, "given_names": person.family_name},
        {
            "family_name": plain_family.replace("-", ""),
            "given_names": plain_given,
            "birth_date": birth.strftime("%d.%m.%Y"),
        },
        {"family_name": plain_family[:4], "given_names": plain_given[:3]},
        {
            "family_name": rng.choice(["Mueller", "Yilmaz", "Hassan", "Kowalenko"]),
            "given_names": "Mohamad",
            "birth_date": "1.1.85",
        },
    ]


def test_clients_at_scale(app, client):
    rng = random.Random(11)
    started = time.perf_counter()
    seed_clients(CLIENTS)
    db.session.commit()
    seeded = time.perf_counter() - started
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        # What autovacuum does within a minute of a bulk load; SQLite keeps no statistics
        # unless someone runs ANALYZE, and kimweb's indexes are chosen to work without them.
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    manager = db.session.scalar(select(User).where(User.username == "scale-fm-03"))
    lead = db.session.scalar(select(User).where(User.username == f"scale-tl-{manager.team_id}"))
    sample = db.session.scalars(
        select(Client).where(Client.id.in_([rng.randrange(1, CLIENTS) for _ in range(120)]))
    ).all()
    own_open = db.session.scalars(
        select(Client.id).where(Client.case_manager_id == manager.id, Client.phase < 7).limit(400)
    ).all()
    counts = (
        db.session.scalar(select(db.func.count()).select_from(Client).where(Client.case_manager_id == manager.id)),
        len(own_open),
    )
    print(
        f"\n== client files, {dialect}, {CLIENTS} clients (seeded in {seeded:.1f} s); case manager: "
        f"{counts[0]} files, {counts[1]}+ open =="
    )

    log_in(client, manager)
    duplicates = []
    for person in sample:
        for data in _variants(person, rng):
            duplicates.append(_timed(lambda data=data: client.post("/aufnahme/dubletten", data=data, headers=HX)))
    _report("duplicate hints while typing", duplicates)

    searches = {"case manager": [], "team lead": []}
    typed = [p.family_name[:n] for p in sample[:40] for n in (2, 3, 5)] + ["muhamad", "yilmaz ayse", "KIM-2024-0"]
    filters = [{}, {"within": "28"}, {"phase": "", "sort": "deadline"}, {"area": "3"}, {"sort": "updated"}]
    for who, user in (("case manager", manager), ("team lead", lead)):
        log_in(client, user)
        for words in typed:
            for extra in filters:
                form = {"q": words, **extra}
                searches[who].append(_timed(lambda form=form: client.post("/klienten/", data=form, headers=HX)))
    for who, values in searches.items():
        _report(f"caseload search ({who})", values)

    log_in(client, manager)
    renders = [_timed(lambda client_id=client_id: client.get(f"/klienten/{client_id}")) for client_id in own_open[:300]]
    _report("case file, first render", renders)
