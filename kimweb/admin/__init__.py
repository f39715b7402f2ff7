"""Administration: staff accounts (admins manage users and the directory, never case content)."""

from flask import Flask

from . import views_traeger, views_users  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
