"""Start-page panels: open letter deadlines of one's own files; drafts (notes begun and not saved,
e.g. when a session expired), offered again after the next login; the team leads' note search."""

from flask_login import current_user
from sqlalchemy import select

from ..clients.access import visibility
from ..clients.models import Client
from ..extensions import db
from ..timeutil import local_today
from .letters import open_deadlines
from .models import NoteDraft


def drafts_context() -> dict:
    rows = db.session.execute(
        select(NoteDraft, Client)
        .join(Client, Client.id == NoteDraft.client_id)
        .where(NoteDraft.user_id == current_user.id, visibility(current_user))
        .order_by(NoteDraft.saved_at.desc())
        .limit(20)
    ).all()
    return {"drafts": rows}


def deadlines_context() -> dict:
    return {"letters": open_deadlines(), "today": local_today()}
