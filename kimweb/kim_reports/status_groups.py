"""Residence status types in the groups the KIM reports count, ranked by how secure they are:
the KIM goal "Verstetigung" is a move up (Duldung -> Aufenthaltserlaubnis, befristet ->
unbefristet, Einbürgerung)."""

from flask_babel import lazy_gettext as _l

GROUPS = {
    "gestattung": _l("Aufenthaltsgestattung"),
    "duldung": _l("Duldung"),
    "fiktion": _l("Fiktionsbescheinigung"),
    "befristet": _l("befristeter Aufenthaltstitel"),
    "eu": _l("EU-Freizügigkeit"),
    "unbefristet": _l("unbefristeter Aufenthaltstitel"),
    "eingebuergert": _l("eingebürgert"),
    "unbekannt": _l("unbekannt / nicht erfasst"),
}

_OF_TYPE = {
    "aufenthaltsgestattung": "gestattung",
    "duldung_60a": "duldung",
    "duldung_60b": "duldung",
    "duldung_60c": "duldung",
    "duldung_60d": "duldung",
    "fiktion_81_3": "fiktion",
    "fiktion_81_4": "fiktion",
    "visum": "befristet",
    "aufenthaltserlaubnis": "befristet",
    "chancen_aufenthalt": "befristet",
    "blaue_karte": "befristet",
    "freizuegigkeit_eu": "eu",
    "aufenthaltskarte": "eu",
    "niederlassungserlaubnis": "unbefristet",
    "daueraufenthalt_eu": "unbefristet",
    "eingebuergert": "eingebuergert",
}

# How secure a group is; groups without a rank (Fiktion, EU, unknown) never count as a move.
RANK = {"gestattung": 1, "duldung": 1, "befristet": 2, "unbefristet": 3, "eingebuergert": 4}

IMPROVEMENTS = {
    ("duldung", "befristet"): _l("Duldung → Aufenthaltserlaubnis"),
    ("gestattung", "befristet"): _l("Gestattung → Aufenthaltserlaubnis"),
    ("duldung", "unbefristet"): _l("Duldung → unbefristeter Titel"),
    ("gestattung", "unbefristet"): _l("Gestattung → unbefristeter Titel"),
    ("befristet", "unbefristet"): _l("befristet → unbefristet"),
}
NATURALISED = _l("Einbürgerung")


def status_group(status_type: str | None) -> str:
    return _OF_TYPE.get(status_type or "", "unbekannt")


def improvement(before: str, after: str) -> str | None:
    """The kind of improvement from one group to another, or None if it is none."""
    if before not in RANK or after not in RANK or RANK[after] <= RANK[before]:
        return None
    if after == "eingebuergert":
        return "naturalised"
    return f"{before}>{after}"


def improvement_label(key: str) -> str:
    if key == "naturalised":
        return str(NATURALISED)
    before, after = key.split(">")
    return str(IMPROVEMENTS[(before, after)])
