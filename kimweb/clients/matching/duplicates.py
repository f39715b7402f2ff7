"""Possible duplicates: clients on file that a typed-in person may be, and the pairs someone
ruled out as "not the same person"."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ...auth.models import Team, User
from ...extensions import db
from ...fields import MONTH
from ..models import Client, ClientDistinct, ClientNameKey
from .keys import query_keys
from .scoring import PersonQuery, PersonRecord, rank
from .stored_keys import others_of

# Ranking is done in Python; the key pre-filter keeps it to this many candidates, best first.
CANDIDATE_LIMIT = 300


@dataclass(frozen=True)
class Hint:
    """A possible duplicate, with what any colleague may see about it."""

    client_id: int
    family_name: str
    given_names: str
    birth_year: int | None
    district: str | None
    case_manager: str
    score: float


def likely_matches(query: PersonQuery, *, exclude: Iterable[int] = (), limit: int = 5) -> list[Hint]:
    keys = query_keys(query.family, query.given, query.other_spellings, query.birth_date)
    if not keys:
        return []
    hits = (
        select(ClientNameKey.client_id)
        .where(ClientNameKey.key.in_(sorted(keys)))
        .group_by(ClientNameKey.client_id)
        .order_by(func.count().desc(), ClientNameKey.client_id)
        .limit(CANDIDATE_LIMIT)
    )
    excluded = set(exclude)
    rows = db.session.execute(
        select(
            Client.id,
            Client.family_name,
            Client.given_names,
            Client.name_original,
            Client.other_spellings,
            Client.birth_date,
            Client.birth_date_approximate,
            Client.birth_date_precision,
        ).where(Client.id.in_(hits.scalar_subquery()))
    ).all()
    records = [
        PersonRecord(
            id=r.id,
            family=r.family_name,
            given=r.given_names,
            other_spellings=others_of(r.name_original, r.other_spellings),
            birth_date=r.birth_date,
            birth_date_approximate=r.birth_date_approximate,
            birth_month_only=r.birth_date_precision == MONTH,
        )
        for r in rows
        if r.id not in excluded
    ]
    ranked = rank(query, records)[:limit]
    if not ranked:
        return []
    shown = {
        r.id: r
        for r in db.session.execute(
            select(
                Client.id,
                Client.family_name,
                Client.given_names,
                Client.birth_date,
                Team.name.label("district"),
                User.display_name.label("case_manager"),
            )
            .join(User, User.id == Client.case_manager_id)
            .outerjoin(Team, Team.id == Client.district_id)
            .where(Client.id.in_([record.id for record, _ in ranked]))
        )
    }
    hints = []
    for record, value in ranked:
        row = shown[record.id]
        birth_year = row.birth_date.year if row.birth_date else None
        hints.append(Hint(row.id, row.family_name, row.given_names, birth_year, row.district, row.case_manager, value))
    return hints


def ruled_out(client_id: int) -> set[int]:
    """Clients someone decided are not the same person as this one."""
    pairs = db.session.execute(
        select(ClientDistinct.client_id, ClientDistinct.other_id).where(
            or_(ClientDistinct.client_id == client_id, ClientDistinct.other_id == client_id)
        )
    ).all()
    return {a if b == client_id else b for a, b in pairs}


def remember_distinct(client_id: int, others: Iterable[int], user_id: int) -> list[int]:
    """Store "not the same person" for each pair not stored yet; returns the ids stored."""
    known = ruled_out(client_id)
    stored = []
    for other in sorted(set(others) - known - {client_id}):
        low, high = sorted((client_id, other))
        db.session.add(ClientDistinct(client_id=low, other_id=high, decided_by_id=user_id))
        stored.append(other)
    return stored
