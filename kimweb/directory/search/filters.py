"""The search's filters as the URL carries them, and the services that pass them (from the filter sets)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...auth.models import Team
from ...extensions import db
from ...fields import clean, parse_id, parse_page, search_words
from ..choices import LANGUAGE_MODES, LANGUAGES, LISTED_STATUSES
from .filter_sets import FilterSets

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
            q=search_words(args.get("q")),
            bereich=clean(args.get("bereich") or "")[:40],
            sprache=args.get("sprache") if args.get("sprache") in LANGUAGES else "",
            modus=args.get("modus") if args.get("modus") in LANGUAGE_MODES else "",
            bezirk=parse_id(district),
            geoeffnet=args.get("geoeffnet") if args.get("geoeffnet") in OPENING_FILTERS else "",
            sprechstunde=flag("sprechstunde"),
            aufnahme=flag("aufnahme"),
            alle=flag("alle"),
            seite=parse_page(page, 10_000),
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


def allowed(known: FilterSets, filters: Filters, moment: datetime | None = None) -> int:
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


def district_choices() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.kind == "district").order_by(Team.sort_order)))
