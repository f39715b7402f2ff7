"""Login throttling per account and per address, counted from the login_attempt table so that
every worker process sees the same numbers.

A login checks the password outside any write transaction (argon2 is slow on purpose, and on
SQLite a write transaction holds the one write lock). So that parallel guesses cannot slip past the
limit, the count is checked again in the write transaction that records the attempt, and these
transactions run one at a time: IMMEDIATE on SQLite, an advisory lock on PostgreSQL. A guess whose
attempt would pass the limit is answered "locked", never "right" or "wrong"."""

import math

from flask import current_app, render_template
from flask_babel import gettext as _
from sqlalchemy import func, select, text

from .. import audit
from ..database import allow_writes_from_now
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


# Any fixed number: the key of PostgreSQL's advisory lock that orders login writes.
LOGIN_LOCK_KEY = 4_716_110


def begin_login_write() -> None:
    """End the login's read transaction and begin the one that writes: from here on recheck the
    throttle, then record the attempt; the lock is held until the commit."""
    db.session.rollback()
    allow_writes_from_now()
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOGIN_LOCK_KEY})


def refuse_locked(form, locked: int):
    """The login form's 429 answer, inside the login's write transaction (begin_login_write)."""
    audit.record("login.throttled", "user", None, outcome="refused")
    db.session.commit()
    form.password.errors = [
        _(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in %(n)d Minuten erneut "
            "oder wenden Sie sich an die Administration.",
            n=locked,
        )
    ]
    return render_template("auth/login.html", form=form), 429
