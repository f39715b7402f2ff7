"""Login throttling per account and per address, counted from the login_attempt table so that
every worker process sees the same numbers."""

import math

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..timeutil import utcnow
from .models import LoginAttempt


def minutes_locked(username: str, remote_addr: str) -> int:
    """0 if a login may be tried now, else the minutes until the oldest counted failure expires."""
    config = current_app.config
    window = config["LOGIN_WINDOW"]
    now = utcnow()
    since = now - window
    longest = 0
    for column, value, limit in (
        (LoginAttempt.username, username, config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
        (LoginAttempt.remote_addr, remote_addr, config["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
    ):
        count, oldest = db.session.execute(
            select(func.count(), func.min(LoginAttempt.at)).where(
                column == value, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False)
            )
        ).one()
        if count >= limit and oldest is not None:
            remaining = (oldest + window - now).total_seconds() / 60
            longest = max(longest, max(1, math.ceil(remaining)))
    return longest


def note_attempt(username: str, remote_addr: str, succeeded: bool) -> None:
    db.session.add(LoginAttempt(username=username, remote_addr=remote_addr, succeeded=succeeded))
