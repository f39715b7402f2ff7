"""Parts of one feature's page that other features contribute: the case file shows the notes
timeline and the referrals, the directory's service page shows referral figures, the intake form
takes over what reception knows about a walk-in.

Each feature registers its parts in its init_app(); the page's view builds every part's context
before rendering, so templates never query the database and the page's feature never imports
the contributing one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from .security import has_permission

_KEY = "kimweb.contributions"

# The pages that take contributions; the subject passed to a part's context builder.
CLIENT_FILE = "client_file"  # the Client
SERVICE_PAGE = "service_page"  # the directory Service
# The intake form's starting values: each part's context is a dict of IntakeForm field values,
# merged in order. Subject: the visit reference the intake page was opened with (may be None).
INTAKE = "intake"
NOTE_SEARCH = "note_search"  # (the Client, or None for all the user's files; the query)
# Follow-ups about to be listed anywhere (data-only parts). Subject: the list of FollowUps; each
# part's context: the ids among them whose title the current user may not read (e.g. made from a
# confidential note), see kimweb/clients/followups.py.
FOLLOW_UPS = "follow_ups"


@dataclass(frozen=True)
class Part:
    page: str
    # The name under which the part's context reaches the page's templates: parts[key].
    key: str
    context: Callable[[Any], object]
    # A section rendered by the page in `order`; None: data only (e.g. for the file's header).
    template: str | None = None
    order: int = 50
    # Shown only to users with this permission (None: whoever may see the page).
    permission: str | None = None


def contribute(app: Flask, part: Part) -> None:
    app.extensions.setdefault(_KEY, {})[(part.page, part.key)] = part


def parts_for(page: str, subject: object) -> dict:
    """The page's template context: `parts` (each part's context by key) and `contributed_sections`
    (the parts with a template, in order), for the current user."""
    registered = sorted(
        (
            part
            for (name, _key), part in current_app.extensions.get(_KEY, {}).items()
            if name == page and (part.permission is None or has_permission(part.permission))
        ),
        key=lambda part: part.order,
    )
    return {
        "parts": {part.key: part.context(subject) for part in registered},
        "contributed_sections": [part for part in registered if part.template],
    }
