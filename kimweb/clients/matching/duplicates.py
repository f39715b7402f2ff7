"""Possible duplicates: clients on file that a typed-in person may be, and the pairs someone
ruled out as "not the same person"."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, func, literal, or_, select, union_all

from ...auth.models import Team, User
from ...database import chunks
from ...extensions import db
from ...fields import MONTH
from ..models import Client, ClientDistinct, ClientNameKey
from .keys import query_keys
from .scoring import PersonQuery, PersonRecord, rank
from .stored_keys import others_of

# Ranking is done in Python; the key pre-filter keeps it to this many candidates, best first.
CANDIDATE_LIMIT = 300
# Bound parameters per statement of likely_matches_many (keys, about 30 per person, or ids):
# below the 999 that SQLite before 3.32 allows.
PARAMETERS_PER_STATEMENT = 900


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


def _candidates(keys: set[str]):
    """The ids of the clients sharing most keys with a query, CANDIDATE_LIMIT at most."""
    return (
        select(ClientNameKey.client_id)
        .where(ClientNameKey.key.in_(sorted(keys)))
        .group_by(ClientNameKey.client_id)
        .order_by(func.count().desc(), ClientNameKey.client_id)
        .limit(CANDIDATE_LIMIT)
    )


_RECORD_COLUMNS = (
    Client.id,
    Client.family_name,
    Client.given_names,
    Client.name_original,
    Client.other_spellings,
    Client.birth_date,
    Client.birth_date_approximate,
    Client.birth_date_precision,
)


def _record(row) -> PersonRecord:
    return PersonRecord(
        id=row.id,
        family=row.family_name,
        given=row.given_names,
        other_spellings=others_of(row.name_original, row.other_spellings),
        birth_date=row.birth_date,
        birth_date_approximate=row.birth_date_approximate,
        birth_month_only=row.birth_date_precision == MONTH,
    )


def _hints(found: list[list[tuple[PersonRecord, float]]]) -> list[list[Hint]]:
    """The ranked candidates of each query as hints, read together."""
    shown = {}
    for chunk in chunks(sorted({record.id for ranked in found for record, _ in ranked}), PARAMETERS_PER_STATEMENT):
        for row in db.session.execute(
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
            .where(Client.id.in_(chunk))
        ):
            shown[row.id] = row
    hints: list[list[Hint]] = []
    for ranked in found:
        hints.append([])
        for record, value in ranked:
            row = shown[record.id]
            birth_year = row.birth_date.year if row.birth_date else None
            hints[-1].append(
                Hint(row.id, row.family_name, row.given_names, birth_year, row.district, row.case_manager, value)
            )
    return hints


def likely_matches(query: PersonQuery, *, exclude: Iterable[int] = (), limit: int = 5) -> list[Hint]:
    keys = query_keys(query.family, query.given, query.other_spellings, query.birth_date)
    if not keys:
        return []
    excluded = set(exclude)
    rows = db.session.execute(
        select(*_RECORD_COLUMNS).where(Client.id.in_(_candidates(keys).scalar_subquery())).order_by(Client.id)
    ).all()
    records = [_record(r) for r in rows if r.id not in excluded]
    ranked = rank(query, records, limit=limit)
    return _hints([ranked])[0] if ranked else []


def likely_matches_many(queries: Sequence[PersonQuery], *, limit: int = 5) -> list[list[Hint]]:
    """likely_matches() for each of many people (a list to import), finding exactly the same,
    in a few statements instead of two per person: the candidates of some thirty people at a
    time (a UNION ALL of their lookups), each client on file read and its names prepared once
    however many people it is a candidate for, and each pair of spellings scored once (lists
    and files repeat names)."""
    keys = [query_keys(q.family, q.given, q.other_spellings, q.birth_date) for q in queries]
    candidates: list[list[int]] = [[] for _ in queries]
    for chunk in _by_parameters([n for n, wanted in enumerate(keys) if wanted], keys):
        parts = []
        for n in chunk:
            found = _candidates(keys[n]).subquery()
            parts.append(select(literal(n, Integer).label("n"), found.c.client_id))
        statement = union_all(*parts) if len(parts) > 1 else parts[0]
        for n, client_id in db.session.execute(statement):
            candidates[n].append(client_id)
    records: dict[int, PersonRecord] = {}
    for ids in chunks(sorted({client_id for found in candidates for client_id in found}), PARAMETERS_PER_STATEMENT):
        records.update(
            (r.id, _record(r)) for r in db.session.execute(select(*_RECORD_COLUMNS).where(Client.id.in_(ids)))
        )
    memo: dict[tuple, float] = {}
    ranked = []
    for query, found in zip(queries, candidates, strict=True):
        # (sorted by id as likely_matches reads them, so that equal scores keep the same order)
        ranked.append(rank(query, [records[i] for i in sorted(found) if i in records], limit=limit, names_memo=memo))
    return _hints(ranked)


def _by_parameters(numbers: list[int], keys: list[set[str]]):
    """The people in groups whose keys, together, fit one statement (at least one person each)."""
    group: list[int] = []
    size = 0
    for n in numbers:
        # A person's keys, their number (the literal n) and their lookup's LIMIT are bound.
        needed = len(keys[n]) + 2
        if group and size + needed > PARAMETERS_PER_STATEMENT:
            yield group
            group, size = [], 0
        group.append(n)
        size += needed
    if group:
        yield group


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
