"""Life areas (Handlungsfelder): the configurable list that needs, goals, referrals and services share."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import Model, db

# Seeded by migration 0002; editable data from then on. (code, label, sort order)
DEFAULT_LIFE_AREAS = (
    ("aufenthalt", "Aufenthalt/Ausländerrecht", 1),
    ("sprache", "Sprache", 2),
    ("arbeit", "Arbeit/Ausbildung/Anerkennung", 3),
    ("existenz", "Existenzsicherung/Leistungen", 4),
    ("wohnen", "Wohnen", 5),
    ("gesundheit", "Gesundheit", 6),
    ("bildung", "Bildung (Kita, Schule)", 7),
    ("familie", "Familie/Kinder- und Jugendhilfe", 8),
    ("teilhabe", "Soziale Teilhabe/Orientierung", 9),
)


# The default labels in the user's language. The label stays data (German, as stored and indexed
# for search); an area an admin renamed or added shows its own label in every language.
_TITLES = {
    "Aufenthalt/Ausländerrecht": _l("Aufenthalt/Ausländerrecht"),
    "Sprache": _l("Sprache"),
    "Arbeit/Ausbildung/Anerkennung": _l("Arbeit/Ausbildung/Anerkennung"),
    "Existenzsicherung/Leistungen": _l("Existenzsicherung/Leistungen"),
    "Wohnen": _l("Wohnen"),
    "Gesundheit": _l("Gesundheit"),
    "Bildung (Kita, Schule)": _l("Bildung (Kita, Schule)"),
    "Familie/Kinder- und Jugendhilfe": _l("Familie/Kinder- und Jugendhilfe"),
    "Soziale Teilhabe/Orientierung": _l("Soziale Teilhabe/Orientierung"),
}


def area_title(label: str | None) -> str:
    """A life area's name as shown: the default ones translated, others as stored."""
    found = _TITLES.get(label or "")
    return str(found) if found is not None else (label or "")


class LifeArea(Model):
    __tablename__ = "life_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(default=0)

    @property
    def title(self) -> str:
        """The name shown to the user (translated where it is a default one)."""
        return area_title(self.label)

    def __str__(self) -> str:
        return self.title


def all_life_areas() -> list[LifeArea]:
    return list(db.session.scalars(select(LifeArea).order_by(LifeArea.sort_order, LifeArea.label)))
