"""Appointments: the week of a case manager, expected arrivals at reception, interpreters booked,
a calendar feed without names, and the figures kept / cancelled / missed."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..contributions import CLIENT_DUE, CLIENT_FILE, Part, contribute
from ..home.panels import register_panel
from ..signals import appointment_date_set, visit_checked_in
from . import views_appointment, views_interpreters, views_reception, views_stats, views_week  # noqa: F401  (routes)
from .blueprint import bp
from .cli import group
from .queries import due_appointments, expected_today, file_context, todays_panel
from .schedule import DEFAULT_SETTINGS
from .service import from_other_feature, link_on_check_in


def _expected_panel() -> dict:
    return {"rows": expected_today()}


def init_app(app: Flask) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        app.config.setdefault(key, value)
    app.register_blueprint(bp)
    app.cli.add_command(group)
    contribute(
        app,
        Part(
            CLIENT_FILE, "appointments", file_context, "appointments/_file_section.html", order=55, label=_l("Termine")
        ),
    )
    contribute(app, Part(CLIENT_DUE, "appointments", due_appointments, permission="appointment.read"))
    register_panel(app, "appointments/_today_panel.html", "appointment.read", todays_panel, order=8)
    register_panel(app, "appointments/_expected_panel.html", "appointment.expected", _expected_panel, order=6)
    visit_checked_in.connect(link_on_check_in)
    appointment_date_set.connect(from_other_feature)
