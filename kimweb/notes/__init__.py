"""Contact notes: every contact with or about a client on one shared timeline."""

from flask import Blueprint

from ..timeutil import local_today, to_local
from .choices import KINDS, LETTER_STATUSES
from .text import linkify

bp = Blueprint("notes", __name__)


@bp.errorhandler(403)
def _hide_existence(_error):
    # As for client files: who may not work with notes learns nothing about them.
    from ..errors import error_response

    return error_response(404)


# The case file (clients blueprint) renders the timeline too: these are app-wide.
bp.add_app_template_filter(linkify, "linkify")
bp.add_app_template_filter(lambda code: KINDS.get(code, code), "note_kind")
bp.add_app_template_filter(lambda code: LETTER_STATUSES.get(code, code), "letter_status")
bp.add_app_template_filter(lambda moment: to_local(moment).strftime("%H:%M") if moment else "", "clock")
bp.add_app_template_global(lambda: LETTER_STATUSES, "letter_statuses")
bp.add_app_template_global(local_today, "today_local")


@bp.app_template_global("notes_timeline")
def _notes_timeline(client):
    """The timeline's first page, filter choices, draft and open deadlines, for the case file."""
    from .views import timeline_context

    return timeline_context(client)


@bp.app_template_global("letter_deadlines")
def _letter_deadlines(client):
    """Open deadlines from letters of this file, for the case file's header."""
    from .letters import open_deadlines

    return open_deadlines(client, limit=5)


from . import views, views_assist, views_write  # noqa: E402,F401
from .panel import register as _register_panel  # noqa: E402

_register_panel()
