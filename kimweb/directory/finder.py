"""Search as you type: the query and filters from the URL, ranked and filtered in memory, and the result rows."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import literal, select, union_all

from .. import search, search_index
from ..auth.models import Team
from ..extensions import db
from ..timeutil import local_today
from . import hours
from .choices import LANGUAGE_MODES, LANGUAGES, LISTED_STATUSES
from .facts import Facts
from .facts import load as load_facts
from .index import INDEX
from .models import Location, Organization, Service, ServiceArea, ServiceAtLocation
from .upkeep_models import SearchToken, Synonym

PAGE_SIZE = 20
STALE_AFTER = timedelta(days=365)
OPENING_FILTERS = ("jetzt", "jetzt-oder-unbekannt")


@dataclass
class Filters:
    q: str = ""
    bereich: str = ""
    sprache: str = ""
    modus: str = ""
    bezirk: int | None = None
    geoeffnet: str = ""
    sprechstunde: bool = False
    aufnahme: bool = False
    alle: bool = False
    seite: int = 1

    @classmethod
    def from_args(cls, args) -> "Filters":
        """Whatever the URL holds: unknown values are dropped, never an error."""

        def flag(name):
            return args.get(name) in ("1", "on", "ja")

        district = args.get("bezirk", "")
        page = args.get("seite", "")
        return cls(
            q=(args.get("q") or "")[:200],
            bereich=(args.get("bereich") or "")[:40],
            sprache=args.get("sprache") if args.get("sprache") in LANGUAGES else "",
            modus=args.get("modus") if args.get("modus") in LANGUAGE_MODES else "",
            bezirk=int(district) if district.isdigit() and len(district) < 9 else None,
            geoeffnet=args.get("geoeffnet") if args.get("geoeffnet") in OPENING_FILTERS else "",
            sprechstunde=flag("sprechstunde"),
            aufnahme=flag("aufnahme"),
            alle=flag("alle"),
            seite=min(int(page), 10_000) if page.isdigit() and 0 < len(page) < 6 and int(page) > 0 else 1,
        )

    def args(self, **overrides) -> dict:
        """The non-empty filters as URL parameters (for links to other pages of the result)."""
        values = {
            "q": self.q,
            "bereich": self.bereich,
            "sprache": self.sprache,
            "modus": self.modus,
            "bezirk": self.bezirk,
            "geoeffnet": self.geoeffnet,
            "sprechstunde": "1" if self.sprechstunde else "",
            "aufnahme": "1" if self.aufnahme else "",
            "alle": "1" if self.alle else "",
            "seite": self.seite if self.seite > 1 else "",
        }
        values.update(overrides)
        return {k: v for k, v in values.items() if v not in ("", None)}

    @property
    def active(self) -> bool:
        return bool(
            self.q.strip()
            or self.bereich
            or self.sprache
            or self.bezirk
            or self.geoeffnet
            or self.sprechstunde
            or self.aufnahme
        )


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


def synonyms() -> dict[str, list[str]]:
    """Both directions: ABH stands for auslaenderbehoerde, and the other way round."""
    table: dict[str, list[str]] = {}
    for term, expansion in db.session.execute(select(Synonym.term, Synonym.expansion)):
        table.setdefault(term, []).append(expansion)
        table.setdefault(expansion, []).append(term)
    return table


def is_stale(service: Service, today: date) -> bool:
    return service.last_verified_on is None or service.last_verified_on < today - STALE_AFTER


@dataclass(frozen=True)
class Snapshot:
    """The search index, the synonyms and the filter facts, as of one index generation."""

    index: search_index.Postings
    synonyms: dict[str, list[str]]
    facts: Facts


def _load() -> Snapshot:
    index = search_index.load_postings(
        SearchToken.token,
        SearchToken.service_id,
        SearchToken.weight,
        select(Service.id).order_by(Service.sort_key, Service.id),
    )
    return Snapshot(index, synonyms(), load_facts(index))


def snapshot() -> Snapshot:
    return search_index.cached(INDEX, _load)


def find(filters: Filters, moment: datetime | None = None) -> Results:
    current = snapshot()
    words = []
    if filters.q:
        for word in search.query_words(filters.q):
            expanded = search.expand(word, current.index.vocabulary, current.synonyms)
            if not expanded:
                return Results(page=filters.seite)
            words.append(search_index.word_levels(current.index, expanded))
    ranked = search_index.combine(words, allowed(current.facts, filters, moment))
    positions, total = search_index.page(ranked, (filters.seite - 1) * PAGE_SIZE, PAGE_SIZE)
    return Results(rows=result_rows(current, positions, moment), total=total, page=filters.seite)


def allowed(known: Facts, filters: Filters, moment: datetime | None = None) -> int:
    """The services that pass the filters, as a bitset of the index."""
    found = known.everything
    if not filters.alle:
        found &= known.listed(LISTED_STATUSES)
    if filters.bereich:
        found &= known.life_areas.get(filters.bereich, 0)
    if filters.sprache:
        found &= known.language(filters.sprache, filters.modus)
    if filters.bezirk:
        found &= known.district(filters.bezirk)
    if filters.geoeffnet == "jetzt":
        found &= known.open_now(moment)
    elif filters.geoeffnet == "jetzt-oder-unbekannt":
        found &= known.open_now(moment) | known.unknown_now(moment)
    if filters.sprechstunde:
        found &= known.open_now(moment, attending="walk_in")
    if filters.aufnahme:
        found &= known.accepting
    return found


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
    known = current.facts
    rows = []
    for position, service_id in zip(positions, service_ids):
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


def district_choices() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.kind == "district").order_by(Team.sort_order)))
