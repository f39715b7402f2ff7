"""Case numbers: readable, per year, and never the same twice, even at the same moment."""

import threading

from sqlalchemy import select

from kimweb import create_app
from kimweb.clients.casenumbers import next_case_number, next_case_numbers
from kimweb.clients.models import CaseNumberCounter
from kimweb.extensions import db
from tests.helpers import base_config


def test_numbers_count_up_per_year(app):
    assert next_case_number(2026) == "KIM-2026-00001"
    assert next_case_number(2026) == "KIM-2026-00002"
    assert next_case_number(2027) == "KIM-2027-00001"
    db.session.commit()
    assert db.session.get(CaseNumberCounter, 2026).last_number == 2


def test_a_list_takes_a_block_of_numbers_at_once(app):
    assert next_case_numbers(2026, 3) == ["KIM-2026-00001", "KIM-2026-00002", "KIM-2026-00003"]
    assert next_case_number(2026) == "KIM-2026-00004"
    assert next_case_numbers(2026, 2) == ["KIM-2026-00005", "KIM-2026-00006"]
    assert next_case_numbers(2026, 0) == []
    db.session.commit()
    assert db.session.get(CaseNumberCounter, 2026).last_number == 6


def test_simultaneous_intakes_get_different_numbers(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"].replace("postgresql+psycopg://", "postgresql://")
    db.session.commit()
    workers, per_worker = 8, 10
    numbers, errors = [], []
    barrier = threading.Barrier(workers)
    # The apps are built here, one after the other: CPython 3.11 can fail with "AST constructor
    # recursion depth mismatch" when threads compile code at the same moment, and that is not
    # what this test is about.
    apps = [create_app(base_config(url)) for _ in range(workers)]

    def work(other):
        try:
            with other.app_context():
                barrier.wait(timeout=30)
                for _ in range(per_worker):
                    numbers.append(next_case_number(2026))
                    db.session.commit()
                db.session.remove()
                db.engine.dispose()
        except Exception as error:  # collected and asserted below, whatever went wrong
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=work, args=(other,)) for other in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(numbers) == len(set(numbers)) == workers * per_worker
    assert sorted(numbers) == [f"KIM-2026-{n:05d}" for n in range(1, workers * per_worker + 1)]
    db.session.rollback()
    assert db.session.scalar(select(CaseNumberCounter.last_number).where(CaseNumberCounter.year == 2026)) == 80
