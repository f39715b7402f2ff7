"""The kinds of contact a note records and the states of a letter (codes stored, German labels shown)."""

from flask_babel import lazy_gettext as _l

KINDS = {
    "in_person": _l("Persönliches Gespräch"),
    "phone": _l("Telefonat"),
    "home_visit": _l("Hausbesuch"),
    "email": _l("E-Mail"),
    "letter_in": _l("Brief eingegangen"),
    "letter_out": _l("Brief versandt"),
    "case_conference": _l("Fallkonferenz"),
    "accompaniment": _l("Begleitung zu einem Amt"),
    "other": _l("Sonstiges"),
}

LETTER_KINDS = frozenset({"letter_in", "letter_out"})

LETTER_STATUSES = {
    "open": _l("offen"),
    "answered": _l("beantwortet"),
    "appealed": _l("Widerspruch/Klage eingelegt"),
    "done": _l("erledigt"),
}
