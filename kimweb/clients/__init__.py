"""Clients: intake, the case file, and everything in it."""

from flask import Blueprint

bp = Blueprint("clients", __name__)


@bp.errorhandler(403)
def _hide_existence(_error):
    # Whoever may not work with client files learns nothing about them, not even that the
    # area exists: the same 404 as for a file they may not open.
    from ..errors import error_response

    return error_response(404)


@bp.context_processor
def _labels():
    from .choices import LABELS

    return {"labels": LABELS}


from . import (  # noqa: E402,F401
    cli, views_file, views_intake, views_list, views_network, views_plan, views_sections, views_status,
)
from .panel import register as _register_panel  # noqa: E402

_register_panel()
