"""Parts of one feature's page that other features contribute: the case file shows the notes
timeline and the referrals, the directory's service page shows referral figures, the intake form
takes over what reception knows about a walk-in.

Each feature registers its parts in its init_app(); the page's view builds every part's context
before rendering, so templates never query the database and the page's feature never imports
the contributing one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

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
# What is due in a file (data-only parts). Subject: the Client; each part's context: a list of
# DueItems, which the case file's first screen, its header and the case summary merge, soonest
# first (letters, documents, appointments... add theirs without the file knowing them).
CLIENT_DUE = "client_due"


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
    # A section's name in the case file's list of sections (loaded on demand); None: the key.
    label: Any = None
    # A data part that only sections read (not the first screen): built when a section opens.
    sections_only: bool = False


@dataclass(frozen=True)
class DueItem:
    """Something due in a file: shown in its header and its first screen, soonest first."""

    due: date
    kind: str  # what it is, in words ("Frist", "Wiedervorlage", "Gültigkeit"...)
    label: str  # what exactly (an agency, a title); never confidential content
    url: str  # where to deal with it
    severity: str = ""  # overdue / urgent / soon / info; "" lets the file decide by date
    detail: str = ""  # said after the date, e.g. "gültig bis 31.12.2026"


def contribute(app: Flask, part: Part) -> None:
    app.extensions.setdefault(_KEY, {})[(part.page, part.key)] = part


def _registered(page: str) -> list[Part]:
    return sorted(
        (
            part
            for (name, _key), part in current_app.extensions.get(_KEY, {}).items()
            if name == page and (part.permission is None or has_permission(part.permission))
        ),
        key=lambda part: part.order,
    )


def parts_for(page: str, subject: object, *, sections: bool = True) -> dict:
    """The page's template context: `parts` (each part's context by key) and `contributed_sections`
    (the parts with a template, in order), for the current user. sections=False builds only the
    data parts (the sections' contexts are built when a section is opened: section_part())."""
    registered = _registered(page)
    return {
        "parts": {part.key: part.context(subject) for part in registered if sections or not part.template},
        "contributed_sections": [part for part in registered if part.template],
    }


def first_screen_parts(page: str, subject: object) -> dict:
    """The data parts a page's first screen reads (not those only its sections read)."""
    return {part.key: part.context(subject) for part in _registered(page) if not (part.template or part.sections_only)}


def contributed_sections(page: str) -> list[Part]:
    """The sections contributed to `page` that the current user may see, without their contexts."""
    return [part for part in _registered(page) if part.template]


def section_part(page: str, key: str) -> Part | None:
    """The contributed section `key` of `page`, if the current user may see it."""
    return next((part for part in _registered(page) if part.key == key and part.template), None)


def due_items(subject: object) -> list[DueItem]:
    """Every contributed DueItem of a file, soonest first."""
    items = [item for part in _registered(CLIENT_DUE) for item in cast(list[DueItem], part.context(subject))]
    return sorted(items, key=lambda item: item.due)
