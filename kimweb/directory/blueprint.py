"""The directory's blueprint, under /wegweiser, with its CLI group `flask directory`."""

from flask import Blueprint

bp = Blueprint("directory", __name__, url_prefix="/wegweiser", cli_group="directory")
