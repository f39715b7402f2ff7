"""The referral directory (Wegweiser): agencies, services, locations; search, upkeep, HSDS exchange."""

from flask import Flask

from . import (  # noqa: F401  (the routes join the blueprint)
    cli,
    views_edit,
    views_parts,
    views_proposal,
    views_search,
    views_service,
    views_transfer,
    views_upkeep,
)
from .blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    cli.init_app(app)
