"""The clients blueprint (no prefix: the file list lives under /klienten/, intake under /aufnahme),
with its template helpers and its CLI group `flask clients`."""

from flask import Blueprint

from ..security import hide_forbidden
from .choices import LABELS
from .consent_scope import kind_labels, purpose_labels

bp = Blueprint("clients", __name__, cli_group=None)
hide_forbidden(bp)


@bp.context_processor
def _labels():
    return {"labels": LABELS}


@bp.app_template_filter("data_kinds")
def _data_kinds(scope: str | None, health: bool = False) -> str:
    """Kinds of data as words, e.g. on consents, referrals and the disclosure log."""
    return ", ".join(kind_labels(scope, health))


@bp.app_template_filter("consent_purposes")
def _consent_purposes(value: str | None) -> str:
    return ", ".join(purpose_labels(value))
