"""Clients: intake, the case file, and everything in it. Other features contribute parts of the
case file and the intake form's starting values (kimweb.contributions), and react to a file being
created or closed (kimweb.signals: client_created, file_closing); clients imports none of them."""

from flask import Flask

from ..home.panels import register_panel
from . import (  # noqa: F401  (the routes and commands join the blueprint; history's flush hook)
    cli,
    history,
    views_file,
    views_intake,
    views_list,
    views_network,
    views_plan,
    views_sections,
    views_status,
)
from .blueprint import bp
from .panel import due_context


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    register_panel(app, "clients/_start_panel.html", "client.read", due_context, order=10)
    cli.init_app(app)
