"""Start-page panel for the desk: today's queue at a glance."""

from ..timeutil import local_today
from .queue import day_counts


def desk_context() -> dict:
    return {"counts": day_counts(local_today())}
