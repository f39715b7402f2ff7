"""Benchmark (not a test): note saves while 40 people log in at once (a team arriving at 8:00), on
SQLite and (when KIMWEB_TEST_DATABASE_URL is set) PostgreSQL. The login checks the password
(argon2, slow on purpose) outside any write transaction, so the saves should not queue behind
the hashing (before: up to 14 s and "database is locked" on SQLite). Prints the save times and
the logins' answers; asserts only that nothing failed.

    .venv/bin/python -m pytest tests/bench/bench_login_load.py -s -o addopts=""
"""

import os
import statistics
import threading
import time
from types import SimpleNamespace

from kimweb.extensions import db
from tests.bench.stats import percentile
from tests.helpers import TEST_PASSWORD, log_in, note_form

LOGINS = int(os.environ.get("KIMWEB_BENCH_LOGINS", "40"))


def test_note_saves_while_many_log_in(app, make_user, make_client):
    writer = make_user("case_manager")
    person_id = make_client(writer).id
    token = writer.get_id()
    names = [make_user("case_manager").username for _ in range(LOGINS)]
    db.session.rollback()
    saver = app.test_client()
    log_in(saver, SimpleNamespace(get_id=lambda: token))
    logins = [app.test_client() for _ in names]
    csrf = [c.csrf_token() for c in logins]
    db.session.rollback()
    statuses: list[int] = []
    save_times: list[float] = []
    failures: list[object] = []
    done = threading.Event()

    def login(index):
        with app.app_context():
            try:
                response = logins[index].post(
                    "/login",
                    data={"username": names[index], "password": TEST_PASSWORD},
                    headers={"X-CSRFToken": csrf[index]},
                )
                statuses.append(response.status_code)
            except Exception as error:
                failures.append(repr(error))
            finally:
                db.session.remove()

    def save():
        with app.app_context():
            n = 0
            while not done.is_set():
                started = time.perf_counter()
                try:
                    response = saver.post(f"/klienten/{person_id}/notizen/neu", data=note_form(text=f"Notiz {n}"))
                    if response.status_code != 303:
                        failures.append(response.status_code)
                except Exception as error:
                    failures.append(repr(error))
                save_times.append(time.perf_counter() - started)
                n += 1
            db.session.remove()

    saving = threading.Thread(target=save)
    saving.start()
    time.sleep(0.5)
    started = time.perf_counter()
    threads = [threading.Thread(target=login, args=(i,)) for i in range(LOGINS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done.set()
    saving.join()
    ms = [t * 1000 for t in save_times]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n[{db.engine.dialect.name}] {LOGINS} logins in {elapsed:.1f} s "
        f"({sorted(set(statuses))}); note saves meanwhile: n={len(ms)}, median {statistics.median(ms):.0f} ms, "
        f"p95 {percentile(ms, 0.95):.0f} ms, max {max(ms):.0f} ms (load {load})"
    )
    assert failures == [] and set(statuses) == {303}
