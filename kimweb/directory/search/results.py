"""Search as you type: ranking the query within the filtered services, one page of result rows."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from sqlalchemy import literal, select, union_all

from ...auth.models import Team
from ...extensions import db
from ...timeutil import local_today
from .. import hours
from ..choices import LANGUAGES
from ..models import Location, Organization, Service, ServiceArea, ServiceAtLocation
from . import postings
from .filters import Filters, allowed
from .state import Snapshot, snapshot
from .vocabulary import expand, query_words

PAGE_SIZE = 20
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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


class _Verified(Protocol):
    @property
    def last_verified_on(self) -> date | None: ...


def is_stale(service: _Verified, today: date) -> bool:
    return service.last_verified_on is None or service.last_verified_on < today - STALE_AFTER


def find(filters: Filters, moment: datetime | None = None) -> Results:
    current = snapshot()
    words = []
    if filters.q:
        for word in query_words(filters.q):
            expanded = expand(word, current.index.vocabulary, current.synonyms)
            if not expanded:
                return Results(page=filters.seite)
            words.append(postings.word_levels(current.index, expanded))
    ranked = postings.combine(words, allowed(current.filter_sets, filters, moment))
    positions, total = postings.page(ranked, (filters.seite - 1) * PAGE_SIZE, PAGE_SIZE)
    return Results(rows=result_rows(current, positions, moment), total=total, page=filters.seite)


def result_rows(current: Snapshot, positions: list[int], moment: datetime | None = None) -> list[ResultRow]:
    """The page's rows: names, status and checks from the database; hours and languages from the snapshot."""
    if not positions:
        return []
    today = local_today()
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
                [(code, LANGUAGES.get(code, code)) for code in known.spoken.get(position, ())],
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
