"""Everything kimweb stores about one person, found from the schema itself: the `client` row and
every table that refers to it, directly or through another such table. A new table of the file is
exported (and anonymised-checked) without code changes."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import Table, or_, select

from ..audit import AuditEvent
from ..auth.models import Team, User
from ..directory.models import Organization
from ..documents.models import DocumentType
from ..extensions import db
from ..lifeareas import LifeArea
from ..security import ROLE_LABELS


def client_tables() -> list[Table]:
    """The tables of the file, parents before children (the order rows are collected in)."""
    found = {"client"}
    grew = True
    while grew:
        grew = False
        for table in db.metadata.sorted_tables:
            if table.name in found or table.name.startswith("audit"):
                continue
            if any(fk.column.table.name in found for fk in table.foreign_keys):
                found.add(table.name)
                grew = True
    return [table for table in db.metadata.sorted_tables if table.name in found]


@dataclass
class TableRows:
    table: Table
    rows: list[dict]


def collect(client_id: int) -> list[TableRows]:
    """The person's rows of every table of the file. A row belongs to the person when one of its
    foreign keys points at a row that does (a goal's measures, a note's revisions)."""
    collected: dict[str, list[dict]] = {}
    result = []
    for table in client_tables():
        if table.name == "client":
            condition = table.c.id == client_id
        else:
            conditions = []
            for fk in table.foreign_keys:
                parent_rows = collected.get(fk.column.table.name)
                if fk.column.table.name == table.name or not parent_rows:
                    continue
                values = {row[fk.column.name] for row in parent_rows}
                conditions.append(fk.parent.in_(values))
            if not conditions:
                collected[table.name] = []
                continue
            condition = or_(*conditions)
        order = [column for column in table.primary_key.columns]
        rows = [dict(row._mapping) for row in db.session.execute(select(table).where(condition).order_by(*order))]
        collected[table.name] = rows
        if rows:
            result.append(TableRows(table, rows))
    return result


def staff_label(user: User | None) -> str:
    """Staff as the office decided (PRIVACY_EXPORT_STAFF_NAMES): by default role and team only."""
    if user is None:
        return "–"
    if current_app.config["PRIVACY_EXPORT_STAFF_NAMES"]:
        return user.display_name
    role = str(ROLE_LABELS.get(user.role, user.role))
    team = db.session.get(Team, user.team_id) if user.team_id else None
    return f"{role}, {team.name}" if team else role


_LABELS = {
    "user_account": lambda key: staff_label(db.session.get(User, key)),
    "organization": lambda key: getattr(db.session.get(Organization, key), "name", str(key)),
    "life_area": lambda key: getattr(db.session.get(LifeArea, key), "label", str(key)),
    "document_type": lambda key: getattr(db.session.get(DocumentType, key), "label", str(key)),
    "team": lambda key: getattr(db.session.get(Team, key), "name", str(key)),
}


def readable(table: Table, row: dict) -> dict:
    """The row for a reader: references to staff, agencies, life areas, types and teams as names
    (staff as role and team unless configured), dates as ISO text."""
    out = {}
    for column in table.c:
        value = row[column.name]
        if value is not None:
            targets = [fk.column.table.name for fk in column.foreign_keys]
            if targets and targets[0] in _LABELS:
                value = _LABELS[targets[0]](value)
            elif isinstance(value, (date, datetime)):
                value = value.isoformat()
        out[column.name] = value
    return out


def access_log(client_id: int, document_ids: list[int]) -> Iterator[dict]:
    """Who opened, changed or passed on the file and its documents: time, action, staff."""
    conditions = [(AuditEvent.object_type == "client") & (AuditEvent.object_id == str(client_id))]
    if document_ids:
        conditions.append(
            (AuditEvent.object_type == "document") & AuditEvent.object_id.in_([str(i) for i in document_ids])
        )
    events = db.session.scalars(select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.at, AuditEvent.id))
    users: dict[int, str] = {}
    for event in events:
        if event.user_id is not None and event.user_id not in users:
            users[event.user_id] = staff_label(db.session.get(User, event.user_id))
        yield {
            "at": event.at.isoformat(),
            "action": event.action,
            "object": f"{event.object_type} {event.object_id}",
            "staff": users.get(event.user_id, "–") if event.user_id is not None else "–",
        }
