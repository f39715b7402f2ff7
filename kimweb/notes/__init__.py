"""Contact notes: every contact with or about a client on one shared timeline."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..contributions import CLIENT_DUE, CLIENT_FILE, FOLLOW_UPS, Part, contribute
from ..home.panels import register_panel
from . import cli, views_drafts, views_note, views_timeline  # noqa: F401  (the routes join the blueprint)
from .access import sealed_follow_ups
from .blueprint import bp
from .file_parts import due_letters, latest_contacts
from .panel import deadlines_context, drafts_context
from .views_timeline import timeline_context


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    cli.init_app(app)
    register_panel(app, "notes/_deadlines_panel.html", "client.read", deadlines_context, order=12)
    register_panel(app, "notes/_drafts_panel.html", "notes.write", drafts_context, order=15)
    register_panel(app, "notes/_team_search_panel.html", "notes.search_team", dict, order=16)
    contribute(
        app,
        Part(CLIENT_FILE, "notes", timeline_context, "notes/_timeline_section.html", order=70, label=_l("Notizen")),
    )
    contribute(app, Part(CLIENT_FILE, "latest_contacts", latest_contacts))
    contribute(app, Part(CLIENT_DUE, "letters", due_letters))
    contribute(app, Part(FOLLOW_UPS, "confidential_notes", sealed_follow_ups))
