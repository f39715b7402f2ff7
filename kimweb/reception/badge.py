"""The header badge "N warten auf Sie" on every page for colleagues who call people in."""

from dataclasses import dataclass

from flask_login import current_user

from ..security import has_permission
from ..timeutil import local_today
from . import polling
from .queue import waiting_count


@dataclass(frozen=True)
class Badge:
    count: int
    etag: str


def badge_state(count: int) -> str:
    return polling.cheap_state("w", count)


def waiting_badge() -> Badge | None:
    """None for everyone who does not call people in (the template then shows nothing)."""
    if not current_user.is_authenticated or not has_permission("reception.queue_own"):
        return None
    count = waiting_count(current_user, local_today())
    return Badge(count, polling.etag(badge_state(count), str(count)))
