"""Logging in and out, one's own password and language."""

from flask import Flask

from . import views_account, views_login  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
