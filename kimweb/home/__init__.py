"""The start page per role and the health check. Other features add start-page panels through
home.panels.register_panel() in their init_app()."""

from flask import Flask

from . import views_start  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
