"""Life areas (Handlungsfelder): the configurable list that needs, goals, referrals and services share."""

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


class LifeArea(Model):
    __tablename__ = "life_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(default=0)

    def __str__(self) -> str:
        return self.label


def all_life_areas() -> list[LifeArea]:
    return list(db.session.scalars(select(LifeArea).order_by(LifeArea.sort_order, LifeArea.label)))
