"""The reception desk: walk-in check-in, the waiting queue, "who is waiting for me", the
waiting-room screen and its keys, and visit statistics."""

from flask import Blueprint

bp = Blueprint("reception", __name__)


@bp.app_context_processor
def _badge():
    from .badge import waiting_badge

    return {"waiting_badge": waiting_badge}


@bp.context_processor
def _labels():
    from .choices import ACTION_LABELS, STATE_LABELS

    return {"action_labels": ACTION_LABELS, "state_labels": STATE_LABELS}


from . import views_desk, views_mine, views_queue, views_screen, views_stats  # noqa: E402,F401
from .panel import register as _register_panel  # noqa: E402

_register_panel()
