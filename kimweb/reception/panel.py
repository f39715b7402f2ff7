"""Start-page panel for the desk: today's queue at a glance."""

from ..home.panels import register_panel
from ..timeutil import local_today
from .queue import day_counts


def desk_context() -> dict:
    return {"counts": day_counts(local_today())}


def register() -> None:
    register_panel("reception/_start_panel.html", "reception.desk", desk_context, order=5)
