"""Finding clients by name: the stored lookup keys, duplicate hints, and name search in lists."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, delete, func, insert, or_, select, update

from ..auth.models import Team, User
from ..extensions import db
from ..textfold import fold, fold_words
from .matching import PersonQuery, PersonRecord, name_keys, query_keys, rank, word_keys
from .models import Client, ClientDistinct, ClientNameKey

# Ranking is done in Python; the key pre-filter keeps it to this many candidates, best first.
CANDIDATE_LIMIT = 300


def person_of(client: Client) -> PersonQuery:
    return PersonQuery(
        family=client.family_name,
        given=client.given_names,
        other_spellings=others_of(client.name_original, client.other_spellings),
        birth_date=client.birth_date,
        birth_date_approximate=client.birth_date_approximate,
    )


def others_of(name_original: str | None, other_spellings: str | None) -> tuple[str, ...]:
    lines = [name_original or ""] + (other_spellings or "").splitlines()
    return tuple(s.strip() for s in lines if s.strip())


# The columns of a client row that search_columns() computes.
SEARCH_COLUMNS = ("sort_name", "search_text", "search_keys")


def search_columns(family: str, given: str, others: tuple[str, ...], case_number: str) -> dict:
    """The search columns of a client row (also used by bulk seeding and `flask clients rekey`)."""
    keys = set()
    for text in (family, given, *others):
        keys |= word_keys(text)
    return {
        "sort_name": fold(f"{family} {given}")[:200],
        "search_text": f" {fold(' '.join([family, given, *others]))} {case_number.lower()} "[:2000],
        "search_keys": (" " + " ".join(sorted(keys)) + " ")[:600],
    }


def refresh_search(client: Client) -> None:
    """Recompute the search columns and lookup keys after names or birth date changed."""
    others = others_of(client.name_original, client.other_spellings)
    for name, value in search_columns(client.family_name, client.given_names, others, client.case_number).items():
        setattr(client, name, value)
    db.session.flush()
    db.session.execute(delete(ClientNameKey).where(ClientNameKey.client_id == client.id))
    stored = _key_rows(client.id, client.family_name, client.given_names, others, client.birth_date)
    if stored:
        db.session.execute(insert(ClientNameKey), stored)


def _key_rows(client_id: int, family: str, given: str, others: tuple[str, ...], birth_date: date | None) -> list[dict]:
    return [{"key": key, "client_id": client_id} for key in sorted(name_keys(family, given, others, birth_date))]


def rekey_all(batch: int = 1000) -> int:
    """Recompute every client's search columns and duplicate keys, `batch` clients per
    transaction (for when the spelling rules change); returns how many clients were done.

    Each batch's rows stay locked until it commits, so that an edit made meanwhile cannot be
    overwritten with keys of the old names. updated_at keeps telling when a person last changed
    the file."""
    table = Client.__table__
    store = (
        update(table)
        .where(table.c.id == bindparam("client_id"))
        .values(updated_at=table.c.updated_at, **{column: bindparam(f"new_{column}") for column in SEARCH_COLUMNS})
    )
    done, last_id = 0, 0
    while True:
        rows = db.session.execute(
            select(
                Client.id,
                Client.case_number,
                Client.family_name,
                Client.given_names,
                Client.name_original,
                Client.other_spellings,
                Client.birth_date,
            )
            .where(Client.id > last_id)
            .order_by(Client.id)
            .limit(batch)
            .with_for_update()
        ).all()
        if not rows:
            return done
        columns, keys = [], []
        for row in rows:
            others = others_of(row.name_original, row.other_spellings)
            values = search_columns(row.family_name, row.given_names, others, row.case_number)
            columns.append({"client_id": row.id, **{f"new_{column}": value for column, value in values.items()}})
            keys += _key_rows(row.id, row.family_name, row.given_names, others, row.birth_date)
        db.session.execute(store, columns)
        db.session.execute(delete(ClientNameKey).where(ClientNameKey.client_id.in_([row.id for row in rows])))
        if keys:
            db.session.execute(insert(ClientNameKey), keys)
        db.session.commit()
        done += len(rows)
        last_id = rows[-1].id


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
    return [
        Hint(
            record.id,
            shown[record.id].family_name,
            shown[record.id].given_names,
            shown[record.id].birth_date.year if shown[record.id].birth_date else None,
            shown[record.id].district,
            shown[record.id].case_manager,
            value,
        )
        for record, value in ranked
    ]


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


def name_condition(text: str):
    """A WHERE condition for list search: every typed word must appear in the names or case
    number (as typed, umlauts folded), or sound like a name word ("Mohamad" finds "Muhammad")."""
    conditions = []
    for word in fold_words(text)[:6]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        alternatives = [Client.search_text.like(f"%{escaped}%", escape="\\")]
        if len(word) >= 3 and not word.isdigit():
            alternatives += [Client.search_keys.like(f"% {key} %") for key in sorted(word_keys(word))]
        conditions.append(or_(*alternatives))
    return conditions
