"""The notes blueprint and the template filters the case file's timeline uses."""

from flask import Blueprint

from ..security import hide_forbidden
from ..timeutil import local_today, to_local
from .choices import KINDS, LETTER_STATUSES
from .search_keys import marked, snippet, why
from .text import linkify

bp = Blueprint("notes", __name__)
hide_forbidden(bp)

# The case file (clients blueprint) renders the timeline too: these are app-wide.
bp.add_app_template_filter(linkify, "linkify")
bp.add_app_template_filter(lambda code: KINDS.get(code, code), "note_kind")
bp.add_app_template_filter(lambda code: LETTER_STATUSES.get(code, code), "letter_status")
bp.add_app_template_filter(lambda moment: to_local(moment).strftime("%H:%M") if moment else "", "clock")
bp.add_app_template_global(lambda: LETTER_STATUSES, "letter_statuses")
bp.add_app_template_global(local_today, "today_local")
# Search hits: the matching words marked (escaped first), and where a note matched.
bp.add_app_template_filter(marked, "mark_hits")
bp.add_app_template_filter(snippet, "hit_snippet")
bp.add_app_template_global(why, "hit_places")
