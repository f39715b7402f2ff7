"""The office's texts per language (the privacy information): the newest version of each, and
how a language is written (direction, lang attribute)."""

from sqlalchemy import func, select

from ..extensions import db
from .models import OfficeText

PRIVACY_KEY = "privacy_info"
# Scripts written right to left (language subtags): Arabic, Farsi/Dari, Pashto, Sorani, Urdu, Hebrew...
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb", "ur", "he", "yi", "dv", "sd", "ug"})
LANGUAGE_NAMES = {"de": "Deutsch", "de-x-ls": "Leichte Sprache", "en": "English"}


def direction(code: str) -> str:
    return "rtl" if code.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def lang_attribute(code: str) -> str:
    """The HTML lang of a text: private-use variants (de-x-ls) are their language."""
    return code.split("-x-")[0]


def current_texts(key: str) -> list[OfficeText]:
    newest = (
        select(OfficeText.language, func.max(OfficeText.number).label("number"))
        .where(OfficeText.key == key)
        .group_by(OfficeText.language)
        .subquery()
    )
    query = select(OfficeText).join(
        newest, (OfficeText.language == newest.c.language) & (OfficeText.number == newest.c.number)
    )
    return sorted(
        db.session.scalars(query.where(OfficeText.key == key)), key=lambda t: (t.language != "de", t.language)
    )


def text_for(key: str, language: str) -> OfficeText | None:
    return db.session.scalar(
        select(OfficeText)
        .where(OfficeText.key == key, OfficeText.language == language)
        .order_by(OfficeText.number.desc())
        .limit(1)
    )
