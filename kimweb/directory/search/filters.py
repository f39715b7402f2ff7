"""The search's filters as the URL carries them, and the services that pass them (from the filter sets)."""

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from ...auth.models import Team
from ...extensions import db
from ...fields import clean, parse_id, parse_page, search_words
from ...textfold import fold_words
from ..choices import KIM_LANGUAGES, LANGUAGE_ALIASES, LANGUAGE_MODES, LANGUAGES, LISTED_STATUSES
from .filter_sets import FilterSets
from .vocabulary import stem, surface

OPENING_FILTERS = ("jetzt", "jetzt-oder-unbekannt", "heute")


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


def _language_words() -> dict[str, str]:
    """Query words that name a language (German or English, as a surface word and its stem) -> code.
    Only the languages the directory is searched for most; German is everyone's default, never a filter."""
    words: dict[str, str] = {}
    for name, code in LANGUAGE_ALIASES.items():
        if code in KIM_LANGUAGES and code not in ("de", "sgn") and " " not in name and len(name) > 3:
            words[surface(name)] = code
            words.setdefault(stem(surface(name)), code)
    return words


LANGUAGE_WORDS = _language_words()
NOW_WORDS = ("heute", "jetzt", "now", "today")
TODAY_WORDS = ("heute", "today")
OPEN_WORDS = ("offen", "geoffnet", "open")


def words_as_filters(words: list[str], filters: Filters) -> tuple[list[str], Filters, list[str]]:
    """Query words that are filters ("Arabisch", "auf Ukrainisch", "jetzt offen") set as the filter; returns
    the words left (a language word stays, see language_word), the filters and which filters the words set."""
    left: list[str] = []
    understood: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        code = LANGUAGE_WORDS.get(word) or LANGUAGE_WORDS.get(stem(word))
        pair = words[i : i + 2]
        if code and filters.sprache in ("", code):
            if not filters.sprache:
                filters, understood = replace(filters, sprache=code), [*understood, "sprache"]
                # Kept as a word too: find() lets it match the services in that language or naming it.
                left.append(word)
        elif len(pair) == 2 and pair[0] in NOW_WORDS and pair[1] in OPEN_WORDS:
            if not filters.geoeffnet:
                # "heute offen": open now or later today; "jetzt offen": open now.
                opening = "heute" if pair[0] in TODAY_WORDS else "jetzt"
                filters, understood = replace(filters, geoeffnet=opening), [*understood, "geoeffnet"]
            i += 1
        else:
            left.append(word)
        i += 1
    return left, filters, understood


def language_word(word: str) -> str | None:
    return LANGUAGE_WORDS.get(word) or LANGUAGE_WORDS.get(stem(word))


def query_without_filter_words(text: str) -> str:
    """The query as typed, without the words that set a filter (for the link that drops that filter)."""
    kept: list[str] = []
    for raw in text.split():
        words = [surface(w) for w in fold_words(raw)]
        if any(w in LANGUAGE_WORDS or stem(w) in LANGUAGE_WORDS or w in NOW_WORDS or w in OPEN_WORDS for w in words):
            # "auf Arabisch", "in Tigrinya": the little word before goes with it.
            if kept and fold_words(kept[-1]) in (["auf"], ["in"], ["on"]):
                kept.pop()
            continue
        kept.append(raw)
    return " ".join(kept)


def dropped(filters: Filters) -> list[tuple[str, Filters]]:
    """Each active filter (but the text) and the filters without it: what the empty result offers to drop."""
    found = []
    for name, without in (
        ("sprache", replace(filters, sprache="", modus="", seite=1)),
        ("bereich", replace(filters, bereich="", seite=1)),
        ("bezirk", replace(filters, bezirk=None, seite=1)),
        ("geoeffnet", replace(filters, geoeffnet="", seite=1)),
        ("sprechstunde", replace(filters, sprechstunde=False, seite=1)),
        ("aufnahme", replace(filters, aufnahme=False, seite=1)),
    ):
        if getattr(filters, name):
            found.append((name, without))
    return found


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
    elif filters.geoeffnet == "heute":
        found &= known.open_today(moment)
    if filters.sprechstunde:
        found &= known.open_now(moment, attending="walk_in")
    if filters.aufnahme:
        found &= known.accepting
    return found


def district_choices() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.kind == "district").order_by(Team.sort_order)))
