"""Benchmark (not a test): what synchronous=FULL costs SQLite against NORMAL, in note saves per
second through the whole request (form, checks, audit row, search index, commit), one writer and
four writers at once. FULL writes the WAL to disk on every commit; NORMAL only at checkpoints,
which may lose the last commits on power loss. Prints the figures; asserts no timings.

    .venv/bin/python -m pytest tests/bench/bench_sqlite_sync.py -s -o addopts=""
"""

import os
import threading
import time
from types import SimpleNamespace

import pytest

from kimweb import create_app
from kimweb.extensions import db
from tests.conftest import KimClient
from tests.helpers import PG_URL, base_config, log_in, note_form

SAVES = int(os.environ.get("KIMWEB_BENCH_SAVES", "300"))
WRITERS = 4


def _saves_per_second(app, person_id, user, writers: int) -> float:
    per_writer = SAVES // writers
    clients = []
    for _ in range(writers):
        client = app.test_client()
        log_in(client, user)
        clients.append(client)
    barrier = threading.Barrier(writers + 1)
    failures: list[object] = []
    db.session.rollback()  # the benchmark's own session holds no lock while the writers run

    def write(client):
        with app.app_context():
            barrier.wait()
            try:
                for n in range(per_writer):
                    response = client.post(f"/klienten/{person_id}/notizen/neu", data=note_form(text=f"Notiz {n}"))
                    if response.status_code != 303:
                        failures.append(response.status_code)
            except Exception as error:  # reported below
                failures.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=write, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    assert failures == []
    return per_writer * writers / elapsed


RESULTS: dict[str, tuple[float, float]] = {}


@pytest.fixture(params=["NORMAL", "FULL"])
def app(request, db_template, tmp_path):
    """The usual fresh database, with SQLite's synchronous setting of the round."""
    app = create_app(base_config(db_template.fresh(tmp_path)) | {"SQLITE_SYNCHRONOUS": request.param})
    app.test_client_class = KimClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.mark.skipif(bool(PG_URL), reason="SQLite's synchronous setting")
def test_note_saves_per_second(app, make_user, make_client):
    mode = app.config["SQLITE_SYNCHRONOUS"]
    manager = make_user("case_manager")
    person_id = make_client(manager).id
    token = manager.get_id()
    user = SimpleNamespace(get_id=lambda: token)
    db.session.rollback()
    RESULTS[mode] = (_saves_per_second(app, person_id, user, 1), _saves_per_second(app, person_id, user, WRITERS))
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    for name, (one, many) in sorted(RESULTS.items()):
        print(
            f"\n[sqlite synchronous={name}] note saves/s: 1 writer {one:.1f}, {WRITERS} writers {many:.1f} (load {load})"
        )


def test_raw_commits_per_second(tmp_path):
    """The fsync itself, without the app: one small row per commit, WAL, like a note save's commit."""
    import sqlite3

    for mode in ("NORMAL", "FULL"):
        connection = sqlite3.connect(tmp_path / f"{mode}.sqlite3", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(f"PRAGMA synchronous={mode}")
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < 3:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO t (text) VALUES (?)", ("x" * 500,))
            connection.execute("COMMIT")
            count += 1
        elapsed = time.perf_counter() - started
        connection.close()
        print(f"\n[sqlite synchronous={mode}] raw commits/s: {count / elapsed:.0f}")
