"""The referral directory (Wegweiser): agencies, services, locations; search, upkeep, HSDS exchange."""

from flask import Blueprint

bp = Blueprint("directory", __name__, cli_group="directory")

from . import cli, edit_views, parts_views, transfer_views, upkeep_views, views  # noqa: E402,F401
