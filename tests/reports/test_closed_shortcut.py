"""Two shortcuts of the KIM reports. Files whose history ended closed before the period are
skipped in the query (Client.history_closed_on, kimweb/clients/history.py): the figures are the
same without it, and a refresh puts right a value written around the flush hook. The contact
counts are read aside, in a second thread (on SQLite as one JSON array): the same rows."""

from datetime import date

from sqlalchemy import select, update

from kimweb.clients.history import refresh_closed_on
from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.kim_reports.fact_parts import contact_counts, read_aside, read_rows
from kimweb.kim_reports.facts import Scope, build
from kimweb.kim_reports.kim import REPORTS
from tests.reports.conftest import END, START, TODAY


def _closed_on(client_id: int) -> date | None:
    db.session.rollback()
    return db.session.scalar(select(Client.history_closed_on).where(Client.id == client_id))


def test_refresh_puts_right_what_was_written_around_the_hook(world):
    wrong = world.files["old"].id  # open
    db.session.execute(update(Client).where(Client.id == wrong).values(history_closed_on=date(2020, 1, 1)))
    db.session.commit()
    refresh_closed_on(db.session.connection())
    db.session.commit()
    assert _closed_on(wrong) is None
    assert _closed_on(world.files["before"].id) == date(2025, 12, 31)
    assert _closed_on(world.files["closed_last_day"].id) == date(2026, 3, 31)


def _all_reports() -> dict:
    facts = build(START, END, TODAY)
    return {key: [t.rows for t in report.build(facts, Scope())] for key, report in REPORTS.items()}


def test_the_reports_are_the_same_without_the_shortcut(world):
    kept = _all_reports()
    assert db.session.scalar(select(Client.history_closed_on).where(Client.id == world.files["before"].id))
    db.session.execute(update(Client).values(history_closed_on=None))
    db.session.commit()
    assert _all_reports() == kept


def test_the_contact_counts_read_aside_are_the_rows_read_in_the_request(world):
    statement = contact_counts(START, END)
    aside = read_aside(statement).result()
    assert sorted(map(list, aside)) == sorted(map(list, read_rows(statement)))
    assert len(aside) == 2  # the files with contacts in the period (a deleted one not counted)
