"""The lists of appointments: kinds, places, states, interpreting; editable data, not logic."""

from flask_babel import lazy_gettext as _l

KINDS = {
    "office": _l("Beratung im Büro"),
    "home_visit": _l("Hausbesuch"),
    "accompaniment": _l("Begleitung zu einer Behörde"),
    "remote": _l("Telefon/Video"),
    "case_conference": _l("Fallkonferenz"),
}

PLACES = {
    "room": _l("Raum im Büro"),
    "home": _l("bei der Person zu Hause"),
    "location": _l("Ort aus dem Wegweiser"),
    "none": _l("kein Ort (Telefon/Video)"),
}

PLANNED, CONFIRMED, CANCELLED, KEPT, MISSED, MISSED_UNCONFIRMED = (
    "planned",
    "confirmed",
    "cancelled",
    "kept",
    "missed",
    "missed_unconfirmed",
)
STATES = {
    PLANNED: _l("geplant"),
    CONFIRMED: _l("bestätigt"),
    CANCELLED: _l("abgesagt"),
    KEPT: _l("wahrgenommen"),
    MISSED: _l("nicht erschienen"),
    MISSED_UNCONFIRMED: _l("nicht erschienen?"),
}
# Still ahead, or not yet settled: these count as booked for conflicts and reception.
ACTIVE_STATES = (PLANNED, CONFIRMED)
# The steps a case manager takes by hand from each state (cancelling has its own form).
TRANSITIONS = {
    PLANNED: (CONFIRMED, KEPT, MISSED),
    CONFIRMED: (KEPT, MISSED),
    MISSED_UNCONFIRMED: (MISSED, KEPT),
    MISSED: (KEPT,),
    KEPT: (),
    CANCELLED: (),
}

INTERPRETER_KINDS = {
    "pool": _l("Ehrenamtlicher Sprachmittlerpool"),
    "professional": _l("Dolmetscher/in (beauftragt)"),
    "phone": _l("Telefondolmetschen"),
}
# The volunteer pool is not used for conversations with legal consequences.
VOLUNTEER_KINDS = ("pool",)

REQUEST_STATES = {
    "requested": _l("angefragt"),
    "confirmed": _l("zugesagt"),
    "declined": _l("abgesagt"),
}

INTERPRETER_SOURCES = {
    "pool": _l("Sprachmittlerpool (ehrenamtlich)"),
    "agency": _l("Dolmetschdienst / Agentur"),
}

# How a client appears in the calendar feed (never by name).
FEED_LABELS = {
    "initials": _l("Initialen (z. B. „M. A.“)"),
    "case_number": _l("Fallnummer"),
}
