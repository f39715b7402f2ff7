"""What every template may use: date filters, permission checks and the navigation by role."""

from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_babel import format_date as babel_date
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from .lifeareas import area_title
from .security import ROLE_LABELS, has_permission
from .timeutil import format_date, format_datetime, format_time


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    permission: str
    # Active also on pages below this prefix (e.g. /admin/users/3).
    prefix: str


def nav_items() -> list[NavItem]:
    items = [
        NavItem("home.index", _l("Start"), "start.view", "/"),
        NavItem("clients.caseload", _l("Meine Fälle"), "client.read", "/klienten/"),
        NavItem("clients.intake", _l("Neue Person"), "client.create", "/aufnahme"),
        NavItem("appointments.this_week", _l("Meine Woche"), "appointment.read", "/termine/"),
        NavItem("reception.desk", _l("Empfang"), "reception.desk", "/empfang/anmeldung"),
        NavItem("appointments.expected", _l("Erwartet heute"), "appointment.expected", "/empfang/erwartet"),
        NavItem("reception.board", _l("Warteschlange"), "reception.board", "/empfang/warteschlange"),
        NavItem("reception.mine", _l("Wartende"), "reception.queue_own", "/empfang/fuer-mich"),
        NavItem("referrals.overview", _l("Vermittlungen"), "referral.write", "/vermittlungen/"),
        NavItem("reports.index", _l("Berichte"), "report.read", "/berichte/"),
        NavItem("reports.team", _l("Team"), "team.read", "/berichte/team"),
        NavItem("notes.team_search", _l("Notizsuche"), "notes.search_team", "/notizen/teamsuche"),
        NavItem("imports.start", _l("Listen-Import"), "import.run", "/import/"),
        NavItem("directory.search", _l("Wegweiser"), "directory.read", "/wegweiser"),
        NavItem("appointments.interpreters", _l("Dolmetschen"), "interpreter.read", "/dolmetschen/"),
        NavItem("privacy.retention_list", _l("Aufbewahrung"), "privacy.retention", "/datenschutz/aufbewahrung"),
        NavItem("privacy.audit_search", _l("Datenschutz"), "privacy.dpo", "/datenschutz/"),
        NavItem("admin.users", _l("Benutzer"), "users.manage", "/admin/benutzer"),
        NavItem("documents.types", _l("Dokumentarten"), "document.types", "/admin/dokumentarten"),
        NavItem("reception.screens", _l("Bildschirme"), "reception.screens", "/empfang/bildschirme"),
        NavItem("auth.account", _l("Mein Konto"), "account.own", "/konto"),
    ]
    return [i for i in items if i.endpoint in current_app.view_functions and has_permission(i.permission)]


def is_current(item: NavItem) -> bool:
    if item.prefix == "/":
        return request.path == "/"
    return request.path.startswith(item.prefix)


def register(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale() or "de")
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["weekday"] = lambda day: babel_date(day, "EEEE")
    app.jinja_env.filters["life_area"] = area_title
    app.jinja_env.filters["time"] = format_time
    app.jinja_env.globals.update(
        has_permission=has_permission, nav_items=nav_items, is_current=is_current, role_labels=ROLE_LABELS
    )
