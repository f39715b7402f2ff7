"""The directory's blueprint, under /wegweiser, with the labels and the filter its templates use."""

from datetime import timedelta

from flask import Blueprint
from flask_babel import get_locale
from flask_babel import gettext as _

from ..timeutil import local_today
from .choices import (
    ATTENDING,
    CAPACITY,
    INTAKE_MODES,
    LANGUAGE_MODES,
    LANGUAGES,
    REFERRAL_CHANNELS,
    SERVICE_STATUS,
    VERIFY_METHODS,
    WEEKDAYS,
    WEEKDAYS_SHORT,
    language_name,
    language_options,
)
from .search.filters import query_without_filter_words

bp = Blueprint("directory", __name__, url_prefix="/wegweiser")

LABELS = {
    "status": SERVICE_STATUS,
    "intake": INTAKE_MODES,
    "capacity": CAPACITY,
    "attending": ATTENDING,
    "modes": LANGUAGE_MODES,
    "languages": LANGUAGES,
    "channels": REFERRAL_CHANNELS,
    "methods": VERIFY_METHODS,
    "weekdays": WEEKDAYS,
}


def _language_name(code: str) -> str:
    return language_name(code, str(get_locale() or "de"))


@bp.app_context_processor
def _directory_labels():
    return {
        "directory_labels": LABELS,
        "language_name": _language_name,
        "language_options": language_options,
        "query_without_filter_words": query_without_filter_words,
    }


@bp.app_template_filter("opening_label")
def opening_label(moment) -> str:
    day, today = moment.date(), local_today()
    if day == today:
        when = _("heute")
    elif day == today + timedelta(days=1):
        when = _("morgen")
    else:
        when = f"{WEEKDAYS_SHORT[day.isoweekday()]} {day:%d.%m.}"
    return f"{when} {moment:%H:%M}"
