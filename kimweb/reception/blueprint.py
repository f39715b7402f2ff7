"""The reception blueprint and what its templates (and the page header's badge) use."""

from flask import Blueprint

from .. import htmx
from .badge import waiting_badge
from .choices import ACTION_LABELS, PRIORITY_LABELS, STATE_LABELS

bp = Blueprint("reception", __name__)


@bp.app_context_processor
def _badge():
    """The header badge for whole pages (base.html), counted here so the template only shows it;
    fragments have no header and skip the query."""
    return {"waiting_badge": None if htmx.is_partial() else waiting_badge()}


@bp.context_processor
def _labels():
    return {"action_labels": ACTION_LABELS, "state_labels": STATE_LABELS, "priority_labels": PRIORITY_LABELS}
