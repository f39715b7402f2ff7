"""A client's stored search columns and name keys: computing and refreshing them, rekeying every
client after the spelling rules change, and the list-search condition that reads them."""

from datetime import date
from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, or_, select, update

from ...extensions import db
from ...textfold import fold, fold_words
from ..models import Client, ClientNameKey
from .keys import name_keys, word_keys


def others_of(name_original: str | None, other_spellings: str | None) -> tuple[str, ...]:
    """A client's other spellings as matching takes them: the original-script name and one per line."""
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
    table = cast(Table, Client.__table__)
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
