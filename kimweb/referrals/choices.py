"""The words of referrals: urgency, how the client gets there, the states and their order."""

from flask_babel import lazy_gettext as _l

URGENCY = {
    "normal": _l("normal"),
    "soon": _l("bald (innerhalb von 2 Wochen)"),
    "urgent": _l("dringend (diese Woche)"),
}

# How the contact is made; whether data is passed on is asked separately (data_scope).
CHANNELS = {
    "phone": _l("Telefonat mit der Stelle"),
    "email": _l("E-Mail an die Stelle"),
    "letter": _l("Brief / Überleitungsbogen"),
    "accompanied": _l("begleiteter Termin"),
    "alone": _l("Person geht allein hin (mit Handzettel)"),
}

# Disclosures that no referral made: data passed on in a case conference (kimweb/notes).
DISCLOSURE_CHANNELS = {**CHANNELS, "conference": _l("Fallkonferenz")}

STATUSES = {
    "planned": _l("geplant"),
    "sent": _l("übermittelt"),
    "appointment": _l("Termin vereinbart"),
    "accepted": _l("angenommen"),
    "declined": _l("abgelehnt"),
    "done": _l("erledigt"),
    "cancelled": _l("abgebrochen"),
    "no_response": _l("keine Rückmeldung"),
}
OPEN_STATUSES = ("planned", "sent", "appointment", "accepted")
CLOSED_STATUSES = ("declined", "done", "cancelled", "no_response")
# The agency knows of the client from these on: it joins the client's involved agencies.
INVOLVING = ("sent", "appointment", "accepted")

# Where each state may go. "no_response" can still turn into an answer that came late.
TRANSITIONS = {
    "planned": ("sent", "appointment", "cancelled"),
    "sent": ("appointment", "accepted", "declined", "done", "no_response", "cancelled"),
    "appointment": ("appointment", "accepted", "declined", "done", "no_response", "cancelled"),
    "accepted": ("appointment", "declined", "done", "cancelled"),
    "no_response": ("appointment", "accepted", "declined", "done", "cancelled"),
    "declined": (),
    "done": (),
    "cancelled": (),
}
# The note a state asks for, and whether it must be given.
NOTE_LABELS = {
    "declined": (_l("Grund der Ablehnung"), True),
    "done": (_l("Ergebnis"), True),
    "cancelled": (_l("Grund des Abbruchs"), True),
}
FOLLOW_UP_DAYS = 14
