"""Suggesting the Sozialraum from postcode and street (table postcode_district, seeded by 0003)."""

import re

from sqlalchemy import select

from ..auth.models import Team
from ..extensions import db
from ..textfold import fold
from .models import PostcodeDistrict

_HOUSE_NUMBER = re.compile(r"\s\d.*$")


def street_key(street: str | None) -> str:
    """ "Vestische Str. 12a" and "Vestische Straße" give the same key: "vestischestrasse"."""
    words = _HOUSE_NUMBER.sub("", f" {fold(street)}").split()
    if words and words[-1] == "str":
        words[-1] = "strasse"
    return "".join(words)


def suggest_district(postcode: str | None, street: str | None) -> Team | None:
    """The district of the street if the postcode is split, else of the whole postcode."""
    postcode = (postcode or "").strip()
    if not postcode:
        return None
    rows = {
        row.street: row.team_id
        for row in db.session.scalars(select(PostcodeDistrict).where(PostcodeDistrict.postcode == postcode))
    }
    key = street_key(street)
    team_id = next((team for prefix, team in rows.items() if prefix and key.startswith(prefix)), None)
    team_id = team_id or rows.get("")
    return db.session.get(Team, team_id) if team_id else None
