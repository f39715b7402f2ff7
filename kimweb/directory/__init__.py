"""The referral directory (Wegweiser): agencies, services, locations; search, upkeep, HSDS exchange."""

from flask import Flask

from . import cli, edit_views, parts_views, transfer_views, upkeep_views, views  # noqa: F401  (routes, commands)
from .blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
