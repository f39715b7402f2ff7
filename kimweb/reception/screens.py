"""Waiting-room screen keys: made at random, shown once, stored as a hash, revocable."""

import hashlib
import secrets

from sqlalchemy import select

from ..extensions import db
from ..timeutil import utcnow
from .models import ScreenKey


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(label: str, user) -> tuple[ScreenKey, str]:
    """A new screen key; the plain key is returned this once and never stored."""
    key = secrets.token_urlsafe(24)
    screen = ScreenKey(label=label, key_hash=hash_key(key), created_by_id=getattr(user, "id", None))
    db.session.add(screen)
    db.session.flush()
    return screen, key


def active_screen(key: str) -> ScreenKey | None:
    if not key or len(key) > 200:
        return None
    return db.session.scalar(
        select(ScreenKey).where(ScreenKey.key_hash == hash_key(key), ScreenKey.revoked_at.is_(None))
    )


def revoke(screen: ScreenKey, user) -> None:
    screen.revoked_at = utcnow()
    screen.revoked_by_id = user.id
