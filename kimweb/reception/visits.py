"""The queue in one place: check-in with day tickets, the visit state machine, calling the next
person. Views commit; these functions only change the session.

Every change first raises the day's version in visit_day. That UPDATE is also the queue's lock:
on PostgreSQL a second writer waits for the first to commit and then (READ COMMITTED) sees its
rows; SQLite's IMMEDIATE write transactions serialise writers anyway. The conditional UPDATEs
below (WHERE state = ...) and the unique indexes are the last guard either way.
"""

from dataclasses import dataclass
from datetime import date
from typing import cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, Update, and_, case, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from ..clients.access import CheckInFacts, reception_checkin_facts
from ..directory.choices import LANGUAGES
from ..extensions import db
from ..security import has_permission
from ..signals import visit_checked_in
from ..timeutil import local_today, utcnow
from .choices import INTERPRETER_NEEDED
from .models import (
    CALLED,
    CRISIS,
    DONE,
    IN_CONSULTATION,
    LEFT,
    NO_SHOW,
    OPEN_STATES,
    URGENT,
    WAITING,
    Visit,
    VisitDay,
)

TICKET_PREFIX = "A"

# (from, to) -> who may: "desk" is reception at the counter, "own" the colleague who serves.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (WAITING, CALLED): frozenset({"own"}),
    (WAITING, LEFT): frozenset({"desk"}),
    (CALLED, IN_CONSULTATION): frozenset({"own"}),
    (CALLED, WAITING): frozenset({"desk", "own"}),
    (CALLED, NO_SHOW): frozenset({"desk", "own"}),
    (IN_CONSULTATION, DONE): frozenset({"desk", "own"}),
    # Undo: the person was only outside for a moment (the colleague may undo their own "no-show").
    (LEFT, WAITING): frozenset({"desk"}),
    (NO_SHOW, WAITING): frozenset({"desk", "own"}),
}


class QueueError(Exception):
    """A change the queue refuses; the message is German and meant for the user."""

    def __init__(self, message):
        # Kept lazy: it is translated where it is shown, in the user's language.
        super().__init__()
        self.message = message


def ticket_label(number: int) -> str:
    return f"{TICKET_PREFIX}-{number:03d}"


def _ensure_day(day: date) -> None:
    dialect = db.session.get_bind().dialect.name
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(make(VisitDay).values(day=day, last_ticket=0, version=0).on_conflict_do_nothing())


def lock_day(day: date) -> None:
    """Raise the day's queue version; the row stays locked until commit (see module docstring)."""
    _ensure_day(day)
    db.session.execute(update(VisitDay).where(VisitDay.day == day).values(version=VisitDay.version + 1))


def _next_ticket(day: date) -> int:
    return db.session.execute(
        update(VisitDay)
        .where(VisitDay.day == day)
        .values(last_ticket=VisitDay.last_ticket + 1)
        .returning(VisitDay.last_ticket)
    ).scalar_one()


def _rows_changed(statement: Update) -> int:
    """How many rows a conditional UPDATE changed (0: someone else was quicker)."""
    return cast(CursorResult, db.session.execute(statement)).rowcount


# The queue's order: crisis first, then urgent, then everyone else; within each, who came first.
PRIORITY_RANK = case((Visit.priority == CRISIS, 0), (Visit.priority == URGENT, 1), else_=2)
QUEUE_ORDER = (PRIORITY_RANK, Visit.checked_in_at, Visit.ticket)


def queue_version(day: date) -> int:
    """The cheap question a polling browser asks: has anything changed today?"""
    return db.session.scalar(select(VisitDay.version).where(VisitDay.day == day)) or 0


@dataclass(frozen=True)
class CheckIn:
    visit: Visit
    created: bool


def open_visit_of(client_id: int, day: date) -> Visit | None:
    return db.session.scalar(
        select(Visit).where(Visit.client_id == client_id, Visit.day == day, Visit.state.in_(OPEN_STATES))
    )


def check_in(user, *, client_id: int | None = None, case_manager_id: int | None = None, **values) -> CheckIn:
    """A new visit with the next ticket of the day; a client already waiting, called or in
    consultation today keeps their visit instead (two receptionists, one person)."""
    day = local_today()
    lock_day(day)
    if client_id is not None:
        existing = open_visit_of(client_id, day)
        if existing is not None:
            return CheckIn(existing, False)
    visit = Visit(
        day=day,
        ticket=_next_ticket(day),
        state=WAITING,
        client_id=client_id,
        case_manager_id=case_manager_id,
        checked_in_by_id=user.id,
        checked_in_at=utcnow(),
        **values,
    )
    db.session.add(visit)
    db.session.flush()
    visit_checked_in.send(visit, user=user)
    return CheckIn(visit, True)


def carried_from_file(facts: CheckInFacts) -> dict:
    """Language and interpreter need as the file has them, for the visit. Only known ISO codes are
    taken over: the visit shows nothing else of the file."""
    codes = [code for code in facts.languages if code in LANGUAGES]
    if facts.interpreter_needed:
        wanted = facts.interpreter_language if facts.interpreter_language in LANGUAGES else None
        language = wanted or next((c for c in codes if c != "de"), None)
        return {"language": language, "interpreter": INTERPRETER_NEEDED}
    return {"language": codes[0] if codes else None, "interpreter": ""}


def check_in_client(user, client_id: int, **values) -> CheckIn | None:
    """Check a known client in: the visit asks for their case manager and carries the file's
    language and interpreter need (`values` given by the caller win, e.g. a priority or another
    colleague). None when there is no such file. A client already in today's queue keeps their
    visit (CheckIn.created is False), also when another desk checks them in at this very moment.
    The one way to check a client in, for the desk and for other features (appointments)."""
    facts = reception_checkin_facts(client_id)
    if facts is None:
        return None
    carried = carried_from_file(facts) | {"case_manager_id": facts.case_manager_id} | values
    try:
        with db.session.begin_nested():
            return check_in(user, client_id=client_id, **carried)
    except IntegrityError:
        # The partial unique index: another transaction checked the same person in first.
        existing = open_visit_of(client_id, local_today())
        if existing is None:
            raise
        return CheckIn(existing, False)


_REFUSED = _l("Dieser Schritt ist für diesen Besuch nicht möglich.")
_MOVED_ON = _l("Der Besuch hat inzwischen einen anderen Stand. Die Liste zeigt den aktuellen.")
_NOT_ON_FILE = _l("Diese Person wurde nicht gefunden. Bitte suchen Sie erneut.")
_HAS_FILE = _l("Dieser Besuch gehört schon zu einer Akte.")


def link_to_file(visit: Visit, client_id: int, user) -> Visit:
    """A walk-in noted "ohne Akte" turns out to have a file: the visit is linked to it. A visit that
    asked for the next free colleague now asks for the case manager; language and interpreter
    need come from the file where the desk noted none. Refused for a closed visit, one already
    linked, or when the client is in today's queue with another visit."""
    facts = reception_checkin_facts(client_id)
    if facts is None:
        raise QueueError(_NOT_ON_FILE)
    lock_day(visit.day)
    db.session.refresh(visit)
    if visit.client_id is not None:
        raise QueueError(_HAS_FILE)
    if not visit.is_open or visit.day != local_today():
        raise QueueError(_REFUSED)
    other = open_visit_of(client_id, visit.day)
    if other is not None:
        raise QueueError(
            _l(
                "Diese Person ist heute schon mit ihrer Akte angemeldet (Nummer %(ticket)s).",
                ticket=ticket_label(other.ticket),
            )
        )
    values: dict = {"client_id": client_id, "updated_at": utcnow(), "version": Visit.version + 1}
    if visit.case_manager_id is None and visit.team_id is None:
        values["case_manager_id"] = facts.case_manager_id
    carried = carried_from_file(facts)
    if not visit.language:
        values["language"] = carried["language"]
    if not visit.interpreter and carried["interpreter"]:
        values["interpreter"] = carried["interpreter"]
    changed = _rows_changed(update(Visit).where(Visit.id == visit.id, Visit.client_id.is_(None)).values(**values))
    if changed != 1:
        raise QueueError(_MOVED_ON)
    db.session.refresh(visit)
    return visit


def eligible(user, day: date):
    """Waiting visits `user` may call: those asking for them, and "next free" ones for anyone or
    for their district team."""
    return eligible_by(user.id, user.team_id, day)


def eligible_by(user_id, team_id, day):
    """eligible() from the user's id and team (each a value or a bound parameter). Without a team,
    "next free" visits for anyone only (team_id = NULL is never true)."""
    anyone = and_(Visit.case_manager_id.is_(None), or_(Visit.team_id.is_(None), Visit.team_id == team_id))
    return and_(Visit.day == day, Visit.state == WAITING, or_(Visit.case_manager_id == user_id, anyone))


def capacities(visit: Visit, user) -> set[str]:
    """In which capacity `user` may act on this visit: at the desk, as the one who serves, both.
    Only today's visits move: an older day's queue is history."""
    found: set[str] = set()
    if visit.day != local_today():
        return found
    if has_permission("reception.desk", user):
        found.add("desk")
    if has_permission("reception.queue_own", user):
        if visit.state == WAITING:
            if visit.case_manager_id == user.id or (
                visit.case_manager_id is None and visit.team_id in (None, user.team_id)
            ):
                found.add("own")
        elif visit.called_by_id == user.id or (has_permission("team.read", user) and leads(user, visit)):
            found.add("own")
    return found


def in_scope(visit: Visit, user) -> bool:
    """Whether `user` may see and act on this visit at all (any other is 404): a visit of today,
    for the desk any; for case managers one asking for them or called by them, or a "next free"
    one for anyone or their team; for a team lead also every visit of their own team."""
    if visit.day != local_today():
        return False
    if has_permission("reception.desk", user) or user.id in (visit.case_manager_id, visit.called_by_id):
        return True
    next_free = visit.case_manager_id is None and (visit.team_id is None or visit.team_id == user.team_id)
    if next_free and has_permission("reception.queue_own", user):
        return True
    return has_permission("team.read", user) and leads(user, visit)


def leads(user, visit: Visit) -> bool:
    """A team lead steps in for visits of their own team only."""
    teams = {visit.team_id, getattr(visit.case_manager, "team_id", None), getattr(visit.called_by, "team_id", None)}
    return user.team_id is not None and user.team_id in teams


def allowed_targets(visit: Visit, user) -> list[str]:
    mine = capacities(visit, user)
    return [to for (frm, to), who in TRANSITIONS.items() if frm == visit.state and who & mine]


def change_state(visit: Visit, to: str, user, *, seen: str | None = None, room: str = "") -> Visit:
    """Move a visit along the state machine, with its timestamp; refuses what TRANSITIONS does
    not allow. `seen` is the state the user's screen showed: if it moved on meanwhile, nothing
    happens (two people pressing at once)."""
    lock_day(visit.day)
    db.session.refresh(visit)
    if seen is not None and seen != visit.state:
        raise QueueError(_MOVED_ON)
    if not TRANSITIONS.get((visit.state, to), frozenset()) & capacities(visit, user):
        raise QueueError(_REFUSED)
    now = utcnow()
    values: dict = {"state": to, "updated_at": now, "version": Visit.version + 1}
    if to == CALLED:
        values.update(called_at=now, called_by_id=user.id, room=room)
    elif to == IN_CONSULTATION:
        values.update(started_at=now)
    elif to in (DONE, LEFT, NO_SHOW):
        values.update(ended_at=now)
    elif to == WAITING:
        values.update(called_at=None, called_by_id=None, room="", ended_at=None)
    changed = _rows_changed(update(Visit).where(Visit.id == visit.id, Visit.state == visit.state).values(**values))
    if changed != 1:
        raise QueueError(_MOVED_ON)
    db.session.refresh(visit)
    return visit


def call_next(user, room: str) -> Visit | None:
    """Call the person `user` may take who is first in the queue (crisis, urgent, then the longest
    waiting); None when nobody is waiting for them.
    A candidate someone else called a moment earlier is skipped, not called twice."""
    day = local_today()
    lock_day(day)
    candidates = db.session.scalars(select(Visit.id).where(eligible(user, day)).order_by(*QUEUE_ORDER).limit(20)).all()
    now = utcnow()
    for visit_id in candidates:
        changed = _rows_changed(
            update(Visit)
            .where(Visit.id == visit_id, Visit.state == WAITING)
            .values(
                state=CALLED, called_at=now, called_by_id=user.id, room=room, updated_at=now, version=Visit.version + 1
            )
        )
        if changed == 1:
            return db.session.get(Visit, visit_id, populate_existing=True)
    return None


def update_details(visit: Visit, user, values: dict, expected_version: int) -> bool:
    """Reassign or correct a visit at the desk; False when someone changed it meanwhile."""
    lock_day(visit.day)
    changed = _rows_changed(
        update(Visit)
        .where(Visit.id == visit.id, Visit.version == expected_version)
        .values(**values, updated_at=utcnow(), version=Visit.version + 1)
    )
    db.session.refresh(visit)
    return changed == 1


def last_room(user) -> str:
    """The room this colleague called people into last time: the call form starts with it."""
    return (
        db.session.scalar(
            select(Visit.room)
            .where(Visit.called_by_id == user.id, Visit.room != "")
            .order_by(Visit.called_at.desc())
            .limit(1)
        )
        or ""
    )
