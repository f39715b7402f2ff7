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


@bp.app_template_filter("data_kinds")
def _data_kinds(scope: str | None, health: bool = False) -> str:
    """Kinds of data as words, e.g. on consents, referrals and the disclosure log."""
    from .consent_scope import kind_labels

    return ", ".join(kind_labels(scope, health))


@bp.app_template_filter("consent_purposes")
def _consent_purposes(value: str | None) -> str:
    from .consent_scope import purpose_labels

    return ", ".join(purpose_labels(value))


from . import (  # noqa: E402,F401
    cli,
    views_file,
    views_intake,
    views_list,
    views_network,
    views_plan,
    views_sections,
    views_status,
)
from .panel import register as _register_panel  # noqa: E402

_register_panel()
