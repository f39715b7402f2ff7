"""The fixed vocabularies of client files: codes are stored, German labels are shown."""

from flask_babel import LazyString, get_locale
from flask_babel import lazy_gettext as _l

from ..deadlines.rules import ALERT_RULES
from ..directory.choices import LANGUAGE_LABELS

GENDERS = {
    "female": _l("weiblich"),
    "male": _l("männlich"),
    "diverse": _l("divers"),
    "none": _l("keine Angabe"),
}

ACCESS_ROUTES = {
    "walk_in": _l("offene Sprechstunde / ohne Termin"),
    "referred": _l("vermittelt durch eine Stelle"),
    "self": _l("selbst gemeldet (Telefon, E-Mail)"),
    "outreach": _l("aufsuchend angesprochen"),
}

RELATIONS = {
    "spouse": _l("Ehe-/Lebenspartner/in"),
    "child": _l("Kind"),
    "parent": _l("Elternteil"),
    "sibling": _l("Geschwister"),
    "other": _l("andere Person"),
}

# ISO 3166-1 alpha-2 codes; "XXA" (stateless) and "XXX" (not clarified) as in German passports.
# The German names the office uses; other languages take CLDR's names (through Babel).
_NATIONALITIES_DE = {
    "TR": "Türkei",
    "SY": "Syrien",
    "UA": "Ukraine",
    "IT": "Italien",
    "PL": "Polen",
    "BA": "Bosnien und Herzegowina",
    "RO": "Rumänien",
    "BG": "Bulgarien",
    "IQ": "Irak",
    "AF": "Afghanistan",
    "ER": "Eritrea",
    "IR": "Iran",
    "RU": "Russland",
    "RS": "Serbien",
    "XK": "Kosovo",
    "MK": "Nordmazedonien",
    "AL": "Albanien",
    "GR": "Griechenland",
    "HR": "Kroatien",
    "MA": "Marokko",
    "TN": "Tunesien",
    "DZ": "Algerien",
    "EG": "Ägypten",
    "LB": "Libanon",
    "PS": "Palästinensische Gebiete",
    "YE": "Jemen",
    "SD": "Sudan",
    "SO": "Somalia",
    "ET": "Äthiopien",
    "NG": "Nigeria",
    "GH": "Ghana",
    "GN": "Guinea",
    "CM": "Kamerun",
    "CD": "Kongo (Dem. Rep.)",
    "PK": "Pakistan",
    "IN": "Indien",
    "VN": "Vietnam",
    "CN": "China",
    "GE": "Georgien",
    "AM": "Armenien",
    "AZ": "Aserbaidschan",
    "MD": "Moldau",
    "BY": "Belarus",
    "KZ": "Kasachstan",
    "PT": "Portugal",
    "ES": "Spanien",
    "HU": "Ungarn",
    "SK": "Slowakei",
    "CZ": "Tschechien",
    "LT": "Litauen",
    "LV": "Lettland",
    "NL": "Niederlande",
    "FR": "Frankreich",
    "DE": "Deutschland",
    "XXA": _l("staatenlos"),
    "XXX": _l("ungeklärt"),
}


def nationality_name(code: str) -> str:
    """A nationality's name in the user's language (German outside a request)."""
    locale = get_locale()
    if locale is not None and locale.language != "de" and code in locale.territories:
        return locale.territories[code]
    return str(_NATIONALITIES_DE.get(code, code))


NATIONALITIES = {code: LazyString(nationality_name, code) for code in _NATIONALITIES_DE}

# Status types offered in the form. Keys are read by kimweb.deadlines.status_kind, which maps
# the sub-types ("duldung_60b", "fiktion_81_4") to their kind.
STATUS_TYPES = {
    "visum": _l("Visum"),
    "aufenthaltserlaubnis": _l("Aufenthaltserlaubnis"),
    "chancen_aufenthalt": _l("Aufenthaltserlaubnis § 104c (Chancen-Aufenthalt)"),
    "blaue_karte": _l("Blaue Karte EU"),
    "niederlassungserlaubnis": _l("Niederlassungserlaubnis"),
    "daueraufenthalt_eu": _l("Daueraufenthalt-EU"),
    "aufenthaltsgestattung": _l("Aufenthaltsgestattung"),
    "duldung_60a": _l("Duldung § 60a"),
    "duldung_60b": _l("Duldung § 60b (ungeklärte Identität)"),
    "duldung_60c": _l("Duldung § 60c (Ausbildung)"),
    "duldung_60d": _l("Duldung § 60d (Beschäftigung)"),
    "fiktion_81_3": _l("Fiktionsbescheinigung § 81 Abs. 3"),
    "fiktion_81_4": _l("Fiktionsbescheinigung § 81 Abs. 4"),
    "freizuegigkeit_eu": _l("Freizügigkeit EU"),
    "aufenthaltskarte": _l("Aufenthaltskarte"),
    "eingebuergert": _l("eingebürgert"),
    "unbekannt": _l("unbekannt"),
}

EMPLOYMENT = {
    "": _l("nicht bekannt"),
    "yes": _l("erlaubt"),
    "permission": _l("nur mit Erlaubnis der Ausländerbehörde"),
    "no": _l("nicht erlaubt"),
}

NEEDS = {"none": _l("kein Bedarf"), "some": _l("Bedarf"), "urgent": _l("dringender Bedarf")}
PRIORITIES = {"": _l("–"), "1": _l("hoch"), "2": _l("mittel"), "3": _l("niedrig")}

GOAL_STATUSES = {
    "open": _l("offen"),
    "in_progress": _l("in Arbeit"),
    "done": _l("abgeschlossen"),
    "dropped": _l("verworfen"),
}
ATTAINMENT = {
    "": _l("noch nicht bewertet"),
    "achieved": _l("erreicht"),
    "partly": _l("teilweise erreicht"),
    "not_achieved": _l("nicht erreicht"),
}
RESPONSIBLE = {
    "client": _l("Klient/in"),
    "case_manager": _l("Fallmanagement"),
    "agency": _l("Stelle"),
}

# Who is involved without being an agency of the directory (InvolvedPerson.kind).
PERSON_KINDS = {
    "guardian": _l("Rechtliche Betreuung / Vormund"),
    "lawyer": _l("Rechtsanwältin / Rechtsanwalt"),
    "mentor": _l("Ehrenamtliche Begleitung"),
    "doctor": _l("Hausärztin / Hausarzt"),
    "other": _l("Andere Person"),
}

# The case management cycle of the domain file.
PHASES = {
    0: _l("0 · Zugang / Erstkontakt"),
    1: _l("1 · Klärung / Intake"),
    2: _l("2 · Assessment"),
    3: _l("3 · Hilfeplanung"),
    4: _l("4 · Umsetzung / Linking"),
    5: _l("5 · Monitoring"),
    6: _l("6 · Evaluation"),
    7: _l("7 · Abschluss"),
}
CLOSED_PHASE = 7

CLOSURE_REASONS = {
    "goals_met": _l("Ziele erreicht"),
    "handed_over": _l("an Regeldienste übergeben"),
    "client_ended": _l("von der Person beendet"),
    "moved_away": _l("weggezogen"),
    "no_contact": _l("kein Kontakt mehr"),
}
# Years a closed file is kept before it is anonymised (the retention job reads retention_until).
RETENTION_YEARS = 3


def labels_of(codes: str | None, table: dict) -> list[str]:
    """Labels for a space-separated code list, unknown codes shown as they are."""
    return [str(table.get(code, code)) for code in (codes or "").split()]


class Labels:
    """The vocabularies for templates (as `labels`), with lookups that tolerate unknown codes."""

    phases = PHASES
    closure = CLOSURE_REASONS
    genders = GENDERS
    relations = RELATIONS
    access = ACCESS_ROUTES
    employment = EMPLOYMENT
    needs = NEEDS
    priorities = PRIORITIES
    goal_status = GOAL_STATUSES
    attainment = ATTAINMENT
    responsible = RESPONSIBLE
    person_kinds = PERSON_KINDS

    @staticmethod
    def status_type(code: str) -> str:
        return str(STATUS_TYPES.get(code, code))

    @staticmethod
    def language(code: str | None) -> str:
        return "" if code is None else str(LANGUAGE_LABELS.get(code, code))

    @staticmethod
    def languages_of(codes: str | None) -> list[str]:
        return labels_of(codes, LANGUAGE_LABELS)

    @staticmethod
    def nationalities_of(codes: str | None) -> list[str]:
        return labels_of(codes, NATIONALITIES)

    @staticmethod
    def alert(kind: str) -> str:
        rule = ALERT_RULES.get(kind)
        return str(rule.label) if rule else kind


LABELS = Labels()
