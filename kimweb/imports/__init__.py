"""Importing the office's existing Excel lists (go-live): upload, map columns, preview with
duplicate decisions, import in one transaction, report, undo within 14 days; and the same from
the command line (`flask clients import-table`)."""

from flask import Flask

from . import cli, views_batches, views_wizard  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    cli.init_app(app)
