"""Reading the queue for screens: rows for the board and the case manager's list, counts for
badges, called tickets for the waiting room. Who may see a visit's reason is decided here."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from ..clients.access import visibility
from ..clients.models import Client
from ..extensions import db
from ..fields import parse_id
from ..security import has_permission
from ..textfold import fold_words
from ..timeutil import to_local, utcnow
from .choices import (
    CHILD_INTERPRETS,
    INTERPRETER_KINDS,
    INTERPRETER_NEEDED,
    PRIORITY_LABELS,
    PRIORITY_SIGNS,
    STATE_LABELS,
    language_label,
)
from .models import CALLED, IN_CONSULTATION, NORMAL, OPEN_STATES, WAITING, Visit
from .visits import QUEUE_ORDER, eligible, eligible_by, in_scope, ticket_label

NEXT_FREE_LABEL = _l("nächste freie Fachkraft")


def row_id(raw) -> int | None:
    """An id from a form or query string; anything else (or too long for an INTEGER column) is None."""
    return parse_id(None if raw is None else str(raw))


def visit_or_404(visit_id: int, user=None) -> Visit:
    """The visit if `user` (default: the current user) may act on it (visits.in_scope: today's, of
    their own reach); any other answers 404 like one that does not exist."""
    visit = db.session.get(Visit, visit_id) if visit_id < 2**31 else None
    if visit is None or not in_scope(visit, user or current_user):
        abort(404)
    return visit


def may_see_reason(visit: Visit, user) -> bool:
    """The concern is for the desk that noted it and the colleague it is meant for, nobody else."""
    return has_permission("reception.desk", user) or user.id in (visit.case_manager_id, visit.called_by_id)


def minutes_between(start: datetime, end: datetime | None) -> int:
    return max(0, int(((end or utcnow()) - start).total_seconds() // 60))


@dataclass(frozen=True)
class VisitRow:
    visit: Visit
    ticket: str
    name: str
    wanted: str
    language: str
    interpreter: str
    child_interprets: bool
    interpreter_to_arrange: bool
    show_reason: bool
    state_label: str
    waited: int  # minutes from check-in until called (or until now while waiting)
    since: str  # check-in time, HH:MM in Berlin
    wanted_to: str  # "zu Sabine Müller", "zur nächsten freien Fachkraft": for sentences
    priority_label: str  # "" for normal
    priority_sign: str


def _team_label(visit: Visit) -> str:
    """A district team is a Sozialraum; the KI (kind "central") is not one and keeps its name."""
    assert visit.team is not None
    if visit.team.kind == "district":
        return str(_l("Sozialraum %(name)s", name=visit.team.name))
    return visit.team.name


def _wanted(visit: Visit) -> str:
    if visit.case_manager is not None:
        return visit.case_manager.display_name
    if visit.team is not None:
        return _team_label(visit)
    return str(NEXT_FREE_LABEL)


def _wanted_to(visit: Visit) -> str:
    if visit.case_manager is not None:
        return str(_l("zu %(name)s", name=visit.case_manager.display_name))
    if visit.team is not None:
        if visit.team.kind == "district":
            return str(_l("zum Sozialraum %(name)s", name=visit.team.name))
        return str(_l("zum Team %(name)s", name=visit.team.name))
    return str(_l("zur nächsten freien Fachkraft"))


def visit_rows(condition, user, order=QUEUE_ORDER) -> list[VisitRow]:
    rows = db.session.execute(
        select(Visit, Client.family_name, Client.given_names)
        .outerjoin(Client, Client.id == Visit.client_id)
        .options(joinedload(Visit.case_manager), joinedload(Visit.team), joinedload(Visit.life_area))
        .where(condition)
        .order_by(*order)
    ).all()
    return [_row(visit, family, given, user) for visit, family, given in rows]


def _row(visit: Visit, family: str | None, given: str | None, user) -> VisitRow:
    family, given = (family, given) if visit.client_id else (visit.family_name, visit.given_names)
    name = f"{family}, {given}" if given else (family or "")
    return VisitRow(
        visit=visit,
        ticket=ticket_label(visit.ticket),
        name=name,
        wanted=_wanted(visit),
        language=language_label(visit.language),
        interpreter=str(INTERPRETER_KINDS.get(visit.interpreter, "")),
        child_interprets=visit.interpreter == CHILD_INTERPRETS,
        interpreter_to_arrange=visit.interpreter == INTERPRETER_NEEDED,
        show_reason=may_see_reason(visit, user),
        state_label=str(STATE_LABELS.get(visit.state, visit.state)),
        waited=minutes_between(visit.checked_in_at, visit.called_at),
        since=to_local(visit.checked_in_at).strftime("%H:%M"),
        wanted_to=_wanted_to(visit),
        priority_label="" if visit.priority == NORMAL else str(PRIORITY_LABELS.get(visit.priority, "")),
        priority_sign=PRIORITY_SIGNS.get(visit.priority, ""),
    )


def one_row(visit: Visit, user) -> VisitRow:
    return visit_rows(Visit.id == visit.id, user)[0]


def day_counts(day: date) -> dict[str, int]:
    return dict(
        db.session.execute(select(Visit.state, func.count()).where(Visit.day == day).group_by(Visit.state)).all()
    )


# The badge's count, on every page of those who call people in: built once (building it costs
# more than running it), the reader, their team and the day as bound parameters.
_WAITING_COUNT = (
    select(func.count())
    .select_from(Visit)
    .where(eligible_by(bindparam("user_id"), bindparam("team_id"), bindparam("day")))
)


def waiting_count(user, day: date) -> int:
    """The badge: how many people are waiting whom `user` may call."""
    parameters = {"user_id": user.id, "team_id": user.team_id, "day": day}
    return db.session.scalar(_WAITING_COUNT, parameters) or 0


def board_rows(day: date, user) -> tuple[list[VisitRow], list[VisitRow]]:
    """Today's open visits (the queue) and the closed ones (for corrections), each in order."""
    open_rows = visit_rows((Visit.day == day) & Visit.state.in_(OPEN_STATES), user)
    closed = visit_rows(
        (Visit.day == day) & Visit.state.not_in(OPEN_STATES), user, order=(Visit.ended_at.desc(), Visit.ticket.desc())
    )
    return open_rows, closed


def mine_rows(day: date, user) -> tuple[list[VisitRow], list[VisitRow], list[VisitRow]]:
    """Whom `user` may call, whom they have called or are talking to, and whom they saw today."""
    waiting = visit_rows(eligible(user, day), user)
    current = visit_rows(
        (Visit.day == day) & (Visit.called_by_id == user.id) & Visit.state.in_((CALLED, IN_CONSULTATION)),
        user,
        order=(Visit.called_at,),
    )
    finished = visit_rows(
        (Visit.day == day) & (Visit.called_by_id == user.id) & Visit.state.not_in(OPEN_STATES),
        user,
        order=(Visit.ended_at.desc(), Visit.ticket.desc()),
    )
    return waiting, current, finished


def _same_person(typed: list[str], noted: list[str]) -> bool:
    """Every typed word is a word of the noted name (the last one may be its start, while typing):
    "Kovalenko" finds "Kovalenko, Olena"; "Olena Kovalenko" finds it in either order."""
    *whole, last = typed
    return all(word in noted for word in whole) and any(word.startswith(last) for word in noted)


def openable_files(rows: list[VisitRow], user) -> set[int]:
    """The clients of these rows whose file `user` may open (the scoped helper decides): only
    those get a link to the file."""
    ids = {r.visit.client_id for r in rows if r.visit.client_id is not None}
    if not ids or not has_permission("client.read", user):
        return set()
    return set(db.session.scalars(select(Client.id).where(visibility(user), Client.id.in_(ids))))


def waiting_walk_ins(day: date, family: str, given: str, user) -> list[VisitRow]:
    """Today's open visits "ohne Akte" whose noted name fits what the desk typed: the same person
    must not be queued twice. The day's walk-ins are few; they are compared here, folded."""
    typed = fold_words(f"{family} {given}")
    if not typed:
        return []
    rows = visit_rows((Visit.day == day) & Visit.state.in_(OPEN_STATES) & Visit.client_id.is_(None), user)
    return [r for r in rows if _same_person(typed, fold_words(f"{r.visit.family_name} {r.visit.given_names}"))]


@dataclass(frozen=True)
class Called:
    ticket: str
    room: str


def called_tickets(day: date, limit: int = 8) -> list[Called]:
    """For the waiting room: numbers called and not yet in consultation, newest first; no names."""
    rows = db.session.execute(
        select(Visit.ticket, Visit.room)
        .where(Visit.day == day, Visit.state == CALLED)
        .order_by(Visit.called_at.desc(), Visit.ticket.desc())
        .limit(limit)
    ).all()
    return [Called(ticket_label(t), room) for t, room in rows]


def live_summary(counts: dict[str, int]) -> str:
    return str(
        _l(
            "%(waiting)d warten · %(called)d aufgerufen · %(talking)d im Gespräch",
            waiting=counts.get(WAITING, 0),
            called=counts.get(CALLED, 0),
            talking=counts.get(IN_CONSULTATION, 0),
        )
    )
