"""Start-page panels: each feature registers, in its init_app(), what its users need to see first thing."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from ..security import has_permission

_KEY = "kimweb.start_panels"


@dataclass(frozen=True)
class StartPanel:
    # A template that renders one <section class="panel">; it receives `panel` (the context dict).
    template: str
    permission: str
    context: Callable[[], dict]
    order: int = 50


def register_panel(app: Flask, template: str, permission: str, context: Callable[[], dict], order: int = 50) -> None:
    panels: dict[str, StartPanel] = app.extensions.setdefault(_KEY, {})
    panels[template] = StartPanel(template, permission, context, order)


def panels_for_current_user() -> list[tuple[StartPanel, dict]]:
    panels = sorted(current_app.extensions.get(_KEY, {}).values(), key=lambda p: p.order)
    return [(p, p.context()) for p in panels if has_permission(p.permission)]


_START_KEY = "kimweb.start_pages"


def register_start_page(app: Flask, role: str, endpoint: str) -> None:
    """A feature's page replaces the start page for one role (reception starts at the desk)."""
    app.extensions.setdefault(_START_KEY, {})[role] = endpoint


def start_page_for(user) -> str | None:
    """The endpoint that is this user's start page instead of the panels, if any."""
    return current_app.extensions.get(_START_KEY, {}).get(getattr(user, "role", None))
