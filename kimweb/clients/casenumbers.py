"""Readable case numbers (KIM-2026-00042), one counter row per year, never handed out twice."""

from typing import cast

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from .models import CaseNumberCounter

PREFIX = "KIM"


def next_case_number(year: int) -> str:
    """Take the next number of `year` in the current transaction. One INSERT ... ON CONFLICT DO
    UPDATE ... RETURNING statement: PostgreSQL locks the counter row until commit, SQLite's write
    transactions are serialised anyway, so two intakes at the same moment get different numbers."""
    return next_case_numbers(year, 1)[0]


def next_case_numbers(year: int, count: int) -> list[str]:
    """Take the next `count` numbers of `year` at once (an import), in the same one statement."""
    if count < 1:
        return []
    table = cast(Table, CaseNumberCounter.__table__)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(table)
        .values(year=year, last_number=count)
        .on_conflict_do_update(index_elements=[table.c.year], set_={"last_number": table.c.last_number + count})
        .returning(table.c.last_number)
    )
    last = db.session.execute(statement).scalar_one()
    return [f"{PREFIX}-{year}-{number:05d}" for number in range(last - count + 1, last + 1)]
