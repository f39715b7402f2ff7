"""Start-page panels: each feature registers what its users need to see first thing."""

from collections.abc import Callable
from dataclasses import dataclass

from ..security import has_permission


@dataclass(frozen=True)
class StartPanel:
    # A template that renders one <section class="panel">; it receives `panel` (the context dict).
    template: str
    permission: str
    context: Callable[[], dict]
    order: int = 50


PANELS: list[StartPanel] = []


def register_panel(template: str, permission: str, context: Callable[[], dict], order: int = 50) -> None:
    if not any(p.template == template for p in PANELS):
        PANELS.append(StartPanel(template, permission, context, order))


def panels_for_current_user() -> list[tuple[StartPanel, dict]]:
    return [(p, p.context()) for p in sorted(PANELS, key=lambda p: p.order) if has_permission(p.permission)]
