"""The parts of a KIM case fact read beyond the file, its episodes and holders (kimweb/kim_reports/
facts.py builds those and calls these for the parts a report reads): residence statuses and their
deadlines, contacts, the help plan, referrals, letter deadlines and appointments, each in a few
statements over the whole period. Plain rows, never ORM objects; no names, texts or addresses."""

from __future__ import annotations

import json
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import exists, func, select
from sqlalchemy.engine import Engine

from ..appointments.models import Appointment
from ..clients.casework_models import Assessment, Goal, Measure, ResidenceStatus
from ..database import chunks
from ..extensions import db
from ..notes.choices import KINDS
from ..notes.models import ContactNote, NoteLetter
from ..referrals.models import Referral, ReferralEvent
from ..timeutil import local_day, utc_bounds

if TYPE_CHECKING:  # facts.py imports this module: the type only, for the annotations
    from .facts import CaseFact


class Contact(NamedTuple):
    """Contacts of one kind: a single contact on its day, or, for a file that stays with one
    holder through the period, all of them together (on the period's first day)."""

    day: date
    kind: str
    minutes: int
    number: int = 1  # how many contacts


def read_rows(statement) -> list:
    """Plain rows through the session's connection, fetched at once: the ORM's row handling
    and row-by-row fetching cost more than the query at 100,000 files (columns, never objects)."""
    return list(db.session.connection().execute(statement).all())


def statuses(facts: dict[int, CaseFact], today: date) -> None:
    live: dict[int, list] = defaultdict(list)
    for client_id, status_type, valid_from, issued_on, valid_until, applied in read_rows(
        select(
            ResidenceStatus.client_id,
            ResidenceStatus.status_type,
            ResidenceStatus.valid_from,
            ResidenceStatus.issued_on,
            ResidenceStatus.valid_until,
            ResidenceStatus.application_submitted_on,
        )
        .where(ResidenceStatus.superseded_at.is_(None))
        .order_by(ResidenceStatus.id)
    ):
        if client_id in facts:
            live[client_id].append((valid_from or issued_on or date.min, status_type, valid_until, applied))
    for client_id, records in live.items():
        fact = facts[client_id]
        records.sort(key=lambda r: r[0])
        fact.statuses = [(starts, status_type) for starts, status_type, _, _ in records]
        for starts, _type, until, applied in records:
            if until is None or not fact.start <= until <= fact.end:
                continue
            renewed = any(s > starts and s <= until + timedelta(days=1) for s, _, _, _ in records)
            if renewed or (applied is not None and applied <= until):
                fact.residence_deadlines.append((until, "met"))
            else:
                fact.residence_deadlines.append((until, "missed" if until < today else "pending"))


def read_aside(statement) -> Future[list]:
    """Start reading `statement` (numbers only) in a second thread, on a connection of its own,
    while this one goes on: the database does its part (SQLite sorts, PostgreSQL counts) without
    holding Python's lock, so the year's contact counts, the heaviest statement of a report, are
    counted while the facts are made. The connection sees the data as of its own start, a moment
    after the request's (a note written in between may count or not, as if the report ran a
    moment later). It only reads: on SQLite it never takes the write lock."""
    engine = db.engine
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kimweb-report")
    try:
        return executor.submit(_read_on_own_connection, engine, statement)
    finally:
        executor.shutdown(wait=False)  # the thread ends with its statement


def _read_on_own_connection(engine: Engine, statement) -> list:
    with engine.connect().execution_options(kimweb_reads=True) as connection:
        if connection.dialect.name != "sqlite":
            return list(connection.execute(statement).all())
        # Python's sqlite3 module takes the lock back for every row it steps to, and the two
        # threads would wait on each other. Asked for the rows as one JSON array, SQLite answers
        # in a single step, all of it without the lock; numbers come back as they are.
        rows = statement.subquery()
        packed = select(func.json_group_array(func.json_array(*rows.c)))
        return json.loads(connection.execute(packed).scalar_one())


def _contact_filters(start: date, end: date) -> tuple:
    since, until = utc_bounds(start, end)
    return (ContactNote.occurred_at >= since, ContactNote.occurred_at < until, ContactNote.deleted_at.is_(None))


def contact_counts(start: date, end: date):
    """The period's contacts per file: all of them with their minutes, then a count and the
    minutes for each kind offered (KINDS, in that order)."""
    figures = [func.count(), func.sum(ContactNote.duration_minutes)]
    for kind in KINDS:
        figures += [
            func.count().filter(ContactNote.kind == kind),
            func.sum(ContactNote.duration_minutes).filter(ContactNote.kind == kind),
        ]
    return select(ContactNote.client_id, *figures).where(*_contact_filters(start, end)).group_by(ContactNote.client_id)


def contacts(facts: dict[int, CaseFact], start: date, end: date, rows: list | None = None) -> None:
    """The period's contacts per file and kind, counted by the database (a year holds hundreds
    of thousands; `rows` are those of contact_counts() when they were read aside); one by
    one, with their day, only for the files that change hands in the period, where the day
    decides whom a contact counts for."""
    in_period = _contact_filters(start, end)
    kinds = list(KINDS)
    if rows is None:
        rows = read_rows(contact_counts(start, end))
    by_day = {client_id for client_id, fact in facts.items() if fact.changes_hands()}
    other_kinds: list[int] = []
    columns = [(3 + 2 * number, kind) for number, kind in enumerate(kinds)]  # a kind's count; its minutes follow
    for row in rows:
        client_id = row[0]
        fact = facts.get(client_id)
        if fact is None or client_id in by_day:
            continue
        counted = 0
        for column, kind in columns:
            count = row[column]
            if count:
                counted += count
                fact.contacts.append(Contact(start, kind, row[column + 1] or 0, count))
        if row[1] > counted:
            other_kinds.append(client_id)
    # Kinds no longer offered (older notes), per file and kind as they are.
    for ids in chunks(other_kinds):
        for client_id, kind, count, minutes in read_rows(
            select(ContactNote.client_id, ContactNote.kind, func.count(), func.sum(ContactNote.duration_minutes))
            .where(*in_period, ContactNote.kind.not_in(kinds), ContactNote.client_id.in_(ids))
            .group_by(ContactNote.client_id, ContactNote.kind)
        ):
            facts[client_id].contacts.append(Contact(start, kind, minutes or 0, count))
    for ids in chunks(sorted(by_day)):
        for client_id, at, kind, minutes in read_rows(
            select(
                ContactNote.client_id, ContactNote.occurred_at, ContactNote.kind, ContactNote.duration_minutes
            ).where(*in_period, ContactNote.client_id.in_(ids))
        ):
            day = local_day(at)
            facts[client_id].contacts.append(Contact(day, kind, minutes or 0))


def plan(facts: dict[int, CaseFact], start: date, end: date) -> None:
    for client_id, area, need in read_rows(select(Assessment.client_id, Assessment.life_area_id, Assessment.need)):
        fact = facts.get(client_id)
        if fact is not None:
            fact.needs[area] = need
    since, until = utc_bounds(start, end)
    for client_id, goal_area, created_at, attainment, evaluated_on in read_rows(
        select(Goal.client_id, Goal.life_area_id, Goal.created_at, Goal.attainment, Goal.evaluated_on)
    ):
        fact = facts.get(client_id)
        if fact is None:
            continue
        if since <= created_at < until:
            fact.goals_set.append((created_at.date(), goal_area))
        if attainment and evaluated_on is not None and start <= evaluated_on <= end:
            fact.goals_evaluated.append((evaluated_on, goal_area, attainment))
    for client_id, goal_area, done_on in read_rows(
        select(Goal.client_id, Goal.life_area_id, Measure.done_on)
        .join(Measure, Measure.goal_id == Goal.id)
        .where(Measure.done_on >= start, Measure.done_on <= end)
    ):
        fact = facts.get(client_id)
        if fact is not None and done_on is not None:
            fact.measures_done.append((done_on, goal_area))


def referrals(facts: dict[int, CaseFact], start: date, end: date) -> None:
    since, until = utc_bounds(start, end)
    found = read_rows(
        select(
            Referral.id,
            Referral.client_id,
            Referral.created_at,
            Referral.organization_name,
            Referral.status,
            Referral.life_area_id,
        ).where(Referral.created_at >= since, Referral.created_at < until)
    )
    if not found:
        return
    # The status as it stood at the end of the period (the events are the history).
    at_end: dict[int, str] = {}
    for referral_id, status in read_rows(
        select(ReferralEvent.referral_id, ReferralEvent.status)
        .where(ReferralEvent.at < until)
        .order_by(ReferralEvent.referral_id, ReferralEvent.at, ReferralEvent.id)
    ):
        at_end[referral_id] = status
    for referral_id, client_id, created_at, agency, status, area in found:
        fact = facts.get(client_id)
        if fact is not None:
            fact.referrals.append((created_at.date(), agency, at_end.get(referral_id, status), area))


def letters(facts: dict[int, CaseFact], start: date, end: date, today: date) -> None:
    for client_id, deadline, status, handled_on in read_rows(
        # EXISTS, not a join: read from the letters of the period, never from all notes.
        select(NoteLetter.client_id, NoteLetter.deadline, NoteLetter.status, NoteLetter.handled_on).where(
            NoteLetter.deadline >= start,
            NoteLetter.deadline <= end,
            exists().where(ContactNote.id == NoteLetter.note_id, ContactNote.deleted_at.is_(None)),
        )
    ):
        fact = facts.get(client_id)
        if fact is not None and deadline is not None:
            fact.letter_deadlines.append((deadline, letter_state(deadline, status, handled_on, today)))


def letter_state(deadline: date, status: str, handled_on: date | None, today: date) -> str:
    """A letter deadline's outcome: handled in time / late / on a day not recorded (letters handled
    before kimweb kept the day), or still open with the deadline passed / ahead."""
    if status == "open":
        return "overdue" if deadline < today else "pending"
    if handled_on is None:
        return "done_unknown"
    return "in_time" if handled_on <= deadline else "late"


# Appointments still planned or confirmed are not yet an outcome; the others count in their month.
APPOINTMENT_OUTCOMES = ("kept", "cancelled", "missed", "missed_unconfirmed")


def appointments(facts: dict[int, CaseFact], start: date, end: date) -> None:
    since, until = utc_bounds(start, end)
    for client_id, at, state in read_rows(
        select(Appointment.client_id, Appointment.starts_at, Appointment.state).where(
            Appointment.starts_at >= since, Appointment.starts_at < until, Appointment.state.in_(APPOINTMENT_OUTCOMES)
        )
    ):
        fact = facts.get(client_id)
        if fact is not None:
            fact.appointments.append((local_day(at), state))
