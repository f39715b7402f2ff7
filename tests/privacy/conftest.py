"""Fixtures for data protection: staff of one team, the DPO, and a file with a row in every table
of the file and a distinct marker in every text column."""

from datetime import date, datetime

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String, insert, select, update

from kimweb.extensions import db
from kimweb.privacy.anonymise import owner_condition
from kimweb.privacy.records import client_tables
from kimweb.timeutil import utcnow
from tests.helpers import log_in


@pytest.fixture
def enter(client):
    def _enter(user):
        db.session.rollback()
        log_in(client, user)
        return user

    return _enter


@pytest.fixture
def staff(make_user):
    return {
        "cm": make_user("case_manager", username="mueller1", team="Osterfeld", display_name="Sabine Müller"),
        "other": make_user("case_manager", username="yilmaz1", team="Sterkrade-Mitte"),
        "lead": make_user("team_lead", username="leitung1", team="Osterfeld"),
        "desk": make_user("reception", username="empfang1"),
        "admin": make_user("admin", username="admin1"),
        "dpo": make_user("dpo", username="dsb1", team=None),
    }


def _value(column, parents: dict, today: date, now: datetime):
    """A value for a column of a filler row: parents' keys for foreign keys, else by type."""
    for fk in column.foreign_keys:
        target = fk.column.table
        rows = parents.get(target.name)
        if rows is None:
            rows = [dict(r._mapping) for r in db.session.execute(select(target).limit(1))]
        if not rows and not column.nullable:
            rows = [_parent_row(target, today, now)]
        if rows:
            return rows[0][fk.column.name]
        return None
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, DateTime):
        return now
    if isinstance(kind, Date):
        return today
    if isinstance(kind, (Integer, Numeric)):
        return 1
    if isinstance(kind, String):
        return "x"
    return None


def _parent_row(table, today: date, now: datetime) -> dict:
    """A row of a table outside the file (an import batch, say) that a filler row must point at."""
    values = {
        column.name: _value(column, {}, today, now)
        for column in table.c
        if not (column.primary_key and isinstance(column.type, Integer) and not column.foreign_keys)
    }
    key = db.session.execute(insert(table).values(**values)).inserted_primary_key
    return dict(db.session.execute(select(table).where(table.c.id == key[0])).one()._mapping)


def fill_file(person) -> list[str]:
    """Give every table of the file at least one row for `person` (rows the test's sections did not
    make), then a distinct marker in every text column of the file: the markers, in order."""
    today, now = date.today(), utcnow()
    parents: dict[str, list[dict]] = {}
    for table in client_tables():
        if table.name == "client":
            parents["client"] = [
                dict(r._mapping) for r in db.session.execute(select(table).where(table.c.id == person.id))
            ]
            continue
        values = {}
        for column in table.c:
            if column.primary_key and column.autoincrement is not False and not column.foreign_keys:
                if isinstance(column.type, Integer):
                    continue
            values[column.name] = _value(column, parents, today, now)
        if "client_id" in values:
            values["client_id"] = person.id
        if table.name == "client_distinct":
            values["other_id"] = person.id
        db.session.execute(insert(table).values(**values))
        parents[table.name] = [dict(r._mapping) for r in db.session.execute(select(table))]
    markers = []
    for table in client_tables():
        marked = {}
        for column in table.c:
            if column.foreign_keys or column.primary_key or not isinstance(column.type, String):
                continue
            marker = f"Q{len(markers):03d}"
            if column.type.length and column.type.length < len(marker):
                continue
            marked[column.name] = marker
            markers.append(marker)
        if marked:
            db.session.execute(update(table).where(owner_condition(table, person.id)).values(**marked))
    db.session.commit()
    return markers
