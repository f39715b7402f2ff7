"""Search as you type: ranking the query within the filtered services, one page of result rows."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from flask_babel import get_locale
from sqlalchemy import literal, select, union_all

from ...auth.models import Team
from ...extensions import db
from ...timeutil import local_today
from .. import hours
from ..choices import language_name
from ..models import Location, Organization, Service, ServiceArea, ServiceAtLocation
from . import postings
from .filters import Filters, allowed, dropped, language_word, words_as_filters
from .state import Snapshot, snapshot
from .vocabulary import expand, search_words

PAGE_SIZE = 20
CLOSEST = 5
STALE_AFTER = timedelta(days=365)


@dataclass
class Hours:
    """What open_state needs of a service, loaded without the ORM for speed."""

    status: str
    status_until: date | None
    schedules: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)


@dataclass
class ResultRow:
    service: object  # a row: id, name, status, capacity, wait_days, organization_name, ...
    now: hours.OpenState
    languages: list[tuple[str, str]]
    districts: list[str]
    stale: bool


@dataclass
class Results:
    rows: list[ResultRow] = field(default_factory=list)
    total: int = 0
    page: int = 1
    # The filters as applied: with those the query's words set ("auf Arabisch" -> sprache=ar).
    filters: Filters | None = None
    understood: list[str] = field(default_factory=list)
    # When nothing is found: (filter name, filters without it, how many that finds), and the closest matches.
    without: list[tuple[str, Filters, int]] = field(default_factory=list)
    closest: list[ResultRow] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


class _Verified(Protocol):
    @property
    def last_verified_on(self) -> date | None: ...


def is_stale(service: _Verified, today: date) -> bool:
    return service.last_verified_on is None or service.last_verified_on < today - STALE_AFTER


def word_levels(current: Snapshot, word: str) -> dict[int, int]:
    """Score -> documents for one query word: the word itself (forms, prefixes, typos, synonyms) or, for a
    compound, all of its parts ("Kitaplatz": Kita and Platz; "Flüchtlingsberatung": Beratung für Flüchtlinge)."""
    vocabulary = current.index.vocabulary
    levels = postings.word_levels(current.index, expand(word, vocabulary, current.synonyms))
    parts = vocabulary.split(word) if " " not in word else []
    if parts:
        part_levels = [
            postings.word_levels(current.index, expand(part, vocabulary, current.synonyms)) for part in parts
        ]
        if all(part_levels):
            levels = postings.best_of(levels, postings.all_of(part_levels))
    return levels


def find(filters: Filters, moment: datetime | None = None) -> Results:
    current = snapshot()
    words = search_words(filters.q, phrases=current.phrases) if filters.q else []
    words, filters, understood = words_as_filters(words, filters)
    levels, plain = [], []
    for word in words:
        own = word_levels(current, word)
        if "sprache" in understood and language_word(word) == filters.sprache:
            # "Beratung Tigrinya": services in Tigrinya, and those whose text names it (a contact for it).
            speaking = current.filter_sets.language(filters.sprache, filters.modus)
            levels.append(postings.best_of({postings.LANGUAGE_SCORE: speaking}, own))
        else:
            levels.append(own)
            plain.append(own)
    # A language the words named is applied through the word (above), not as a filter on its own.
    text_filters = replace(filters, sprache="", modus="") if "sprache" in understood else filters
    ranked = postings.combine(levels, allowed(current.filter_sets, text_filters, moment)) if all(levels) else {}
    positions, total = postings.page(ranked, (filters.seite - 1) * PAGE_SIZE, PAGE_SIZE)
    found = Results(
        rows=result_rows(current, positions, moment),
        total=total,
        page=filters.seite,
        filters=filters,
        understood=understood,
    )
    if not total and (words or filters.active):
        _explain_empty(current, found, filters, (levels, plain, "sprache" in understood), moment)
    return found


def _explain_empty(current: Snapshot, found: Results, filters: Filters, words, moment) -> None:
    """Which filter removed the results (and what dropping it finds), and the services closest to the query:
    those that match most of its words."""
    levels, plain, language_from_words = words
    for name, without in dropped(filters):
        if language_from_words:
            # Dropping the language the words named drops its word; any other filter keeps it.
            use, without_filters = (plain, without) if name == "sprache" else (levels, replace(without, sprache=""))
        else:
            use, without_filters = levels, without
        if not all(use):
            continue
        passing = allowed(current.filter_sets, without_filters, moment)
        count = sum(bits.bit_count() for bits in postings.combine(use, passing).values())
        if count:
            found.without.append((name, without, count))
    matched = [word for word in levels if word]
    if matched and not found.without:
        totals: dict[int, int] = {}
        for word in matched:
            totals = postings.best_of(totals, word)
        listed = allowed(
            current.filter_sets,
            replace(filters, sprache="", geoeffnet="", sprechstunde=False, aufnahme=False, bezirk=None, bereich=""),
            moment,
        )
        ranked = {score: bits & listed for score, bits in totals.items() if bits & listed}
        positions, _ = postings.page(ranked, 0, CLOSEST)
        found.closest = result_rows(current, positions, moment)


def result_rows(current: Snapshot, positions: list[int], moment: datetime | None = None) -> list[ResultRow]:
    """The page's rows: names, status and checks from the database; hours and languages from the snapshot."""
    if not positions:
        return []
    today = local_today()
    locale = str(get_locale() or "de")
    service_ids = [current.index.ids[p] for p in positions]
    services = {
        r.id: r
        for r in db.session.execute(
            select(
                Service.id,
                Service.name,
                Service.status,
                Service.status_until,
                Service.capacity,
                Service.wait_days,
                Service.last_verified_on,
                Service.alert,
                Organization.name.label("organization_name"),
                Organization.alternate_name.label("organization_alternate_name"),
            )
            .join(Organization)
            .where(Service.id.in_(service_ids))
        )
    }
    districts = _districts(service_ids)
    known = current.filter_sets
    rows = []
    for position, service_id in zip(positions, service_ids, strict=True):
        service = services.get(service_id)
        if service is None:  # deleted since the snapshot was loaded
            continue
        timetable = Hours(
            service.status, service.status_until, known.schedules(position), known.exceptions_of(position)
        )
        rows.append(
            ResultRow(
                service,
                hours.open_state(timetable, moment),
                [(code, language_name(code, locale)) for code in known.spoken.get(position, ())],
                districts.get(service_id, []),
                is_stale(service, today),
            )
        )
    return rows


def _districts(service_ids: list[int]) -> dict[int, list[str]]:
    named = (
        select(ServiceArea.service_id, Team.name, Team.sort_order, literal(False).label("located"))
        .join(Team, Team.id == ServiceArea.district_id)
        .where(ServiceArea.service_id.in_(service_ids))
    )
    located = (
        select(ServiceAtLocation.service_id, Team.name, Team.sort_order, literal(True))
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .join(Team, Team.id == Location.district_id)
        .where(ServiceAtLocation.service_id.in_(service_ids))
    )
    found: dict[tuple[int, bool], list[str]] = {}
    # One query for both kinds: a round trip costs more than the rows.
    both = union_all(named, located).subquery()
    for service_id, name, is_located in db.session.execute(
        select(both.c.service_id, both.c.name, both.c.located).order_by(both.c.sort_order)
    ):
        if name not in found.setdefault((service_id, bool(is_located)), []):
            found[service_id, bool(is_located)].append(name)
    # Districts named for the service first; otherwise where its locations are.
    return {i: found.get((i, False)) or found.get((i, True), []) for i in service_ids}
