"""The appointments blueprint (no prefix: the week under /termine/, a file's appointments under
/klienten/<id>/termine/, reception's list under /empfang/erwartet, interpreters under
/dolmetschen/) and its template filters."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..reception.choices import language_label
from ..security import hide_forbidden
from ..timeutil import to_local
from .choices import INTERPRETER_KINDS, INTERPRETER_SOURCES, KINDS, PLACES, REQUEST_STATES, STATES

WEEKDAYS = (_l("Montag"), _l("Dienstag"), _l("Mittwoch"), _l("Donnerstag"), _l("Freitag"), _l("Samstag"), _l("Sonntag"))

bp = Blueprint("appointments", __name__)
hide_forbidden(bp)

bp.add_app_template_filter(lambda code: KINDS.get(code, code), "appointment_kind")
bp.add_app_template_filter(lambda code: PLACES.get(code, code), "appointment_place")
bp.add_app_template_filter(lambda code: STATES.get(code, code), "appointment_state")
bp.add_app_template_filter(lambda code: INTERPRETER_KINDS.get(code, code), "interpreter_kind")
bp.add_app_template_filter(lambda code: REQUEST_STATES.get(code, code), "interpreter_request_state")
bp.add_app_template_filter(lambda code: INTERPRETER_SOURCES.get(code, code), "interpreter_source")
bp.add_app_template_filter(language_label, "language_name")


@bp.app_template_filter("clock")
def _clock(moment) -> str:
    """A stored UTC moment as Berlin wall-clock time, HH:MM."""
    return to_local(moment).strftime("%H:%M") if moment else ""


@bp.app_template_filter("weekday")
def _weekday(day) -> str:
    return str(WEEKDAYS[day.weekday()])
