"""The search state each process holds (postings, synonyms, filter sets) and when it reloads: the index generation."""

import threading
import uuid
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, String, event, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from ...extensions import Model, db
from ...lifeareas import LifeArea
from ..models import (
    Location,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
)
from ..upkeep_models import SearchToken, Synonym
from .filter_sets import FilterSets, load_filter_sets
from .postings import Postings, load_postings
from .vocabulary import stem, surface

INDEX = "directory"

# Writes to these change what a search snapshot holds: they move the index generation on, and every process reloads.
WATCHED = (
    Service,
    ServiceArea,
    ServiceAtLocation,
    Location,
    Schedule,
    ScheduleException,
    ServiceLanguage,
    LifeArea,
    Synonym,
)


class SearchState(Model):
    """One row per search index; the generation changes whenever the index does."""

    __tablename__ = "search_state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    generation: Mapped[str] = mapped_column(String(32))


def changed(connection=None) -> None:
    """Mark the index as changed (call inside the writing transaction; during a flush, with its connection)."""
    # A random value, not a counter: every test database starts from the same template value.
    generation = uuid.uuid4().hex
    executor = connection if connection is not None else db.session
    statement = update(SearchState).where(SearchState.name == INDEX).values(generation=generation)
    result = cast(CursorResult[Any], executor.execute(statement))
    if not result.rowcount:
        executor.execute(insert(SearchState).values(name=INDEX, generation=generation))


@event.listens_for(Session, "after_flush")
def _snapshot_changed(session, _context):
    if any(isinstance(obj, WATCHED) for obj in (*session.new, *session.dirty, *session.deleted)):
        changed(session.connection())


@dataclass(frozen=True)
class Snapshot:
    """The search index, the synonyms and the filter sets, as of one index generation."""

    index: Postings
    synonyms: dict[str, list[str]]
    filter_sets: FilterSets

    @property
    def phrases(self) -> list[str]:
        """Synonym terms of two words ("deutsch lernen"): the query keeps them together."""
        return [term for term in self.synonyms if " " in term]


def synonyms() -> dict[str, list[str]]:
    """Both directions: ABH stands for auslanderbehorde, and the other way round. Keys in the search's
    surface form (umlauts reduced), also by stem, so "Ärztinnen" finds the synonyms of "Ärztin"."""
    table: dict[str, list[str]] = {}

    def key(text: str) -> str:
        return " ".join(surface(word) for word in text.split())

    for term, expansion in db.session.execute(select(Synonym.term, Synonym.expansion)):
        term, expansion = key(term), key(expansion)
        for one, other in ((term, expansion), (expansion, term)):
            for form in {one} if " " in one else {one, stem(one)}:
                if other not in table.setdefault(form, []):
                    table[form].append(other)
    return table


def _load() -> Snapshot:
    index = load_postings(
        SearchToken.token,
        SearchToken.service_id,
        SearchToken.weight,
        select(Service.id).order_by(Service.sort_key, Service.id),
    )
    return Snapshot(index, synonyms(), load_filter_sets(index))


_CACHE: dict[str, tuple[str, Snapshot]] = {}
_LOCK = threading.Lock()


def snapshot() -> Snapshot:
    """The snapshot of the index, kept per process (and database) until the index's generation moves on."""
    generation = db.session.scalar(select(SearchState.generation).where(SearchState.name == INDEX)) or ""
    key = str(db.engine.url)
    entry = _CACHE.get(key)
    if entry and entry[0] == generation:
        return entry[1]
    # One load per process at a time; the others wait for it rather than load the same rows again.
    with _LOCK:
        entry = _CACHE.get(key)
        if entry and entry[0] == generation:
            return entry[1]
        loaded = _load()
        _CACHE[key] = (generation, loaded)
        return loaded
