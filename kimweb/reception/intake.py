"""From walk-in to case file: what the intake form can take over from a visit, and linking the
visit to the file once it exists. The clients intake never calls this module: init_app plugs it
in as an INTAKE contribution (the prefill) and a client_created receiver (the link)."""

from flask_login import current_user
from sqlalchemy import update

from ..extensions import db
from ..security import has_permission
from ..timeutil import local_today, utcnow
from .models import Visit
from .queue import row_id
from .visits import leads, lock_day


def _walk_in_for(visit_id, user) -> Visit | None:
    """The visit, if it is today's walk-in without a file that `user` called or was asked for (a
    team lead may take over those of their own team). Any other day's or district's is None."""
    wanted = row_id(visit_id)
    visit = db.session.get(Visit, wanted) if wanted is not None else None
    if visit is None or visit.client_id is not None or visit.day != local_today():
        return None
    if user.id in (visit.case_manager_id, visit.called_by_id):
        return visit
    # A team lead steps in for walk-ins of their own team only, like in the queue.
    return visit if has_permission("team.read", user) and leads(user, visit) else None


def intake_prefill(visit_id, user) -> dict:
    """Field values for the intake form (IntakeForm names), or {} when there is nothing to take over."""
    visit = _walk_in_for(visit_id, user)
    if visit is None:
        return {}
    return {
        "family_name": visit.family_name,
        "given_names": visit.given_names,
        "languages": [visit.language] if visit.language else [],
        "interpreter_needed": bool(visit.interpreter),
        "interpreter_language": visit.language if visit.interpreter else "",
        "access_route": "walk_in",
    }


def link_new_client(visit_id, client_id: int, user) -> bool:
    """Attach the walk-in's visit to the file just created (in the intake's transaction)."""
    visit = _walk_in_for(visit_id, user)
    if visit is None:
        return False
    lock_day(visit.day)
    db.session.execute(
        update(Visit)
        .where(Visit.id == visit.id, Visit.client_id.is_(None))
        .values(client_id=client_id, updated_at=utcnow(), version=Visit.version + 1)
    )
    return True


def prefill_for_intake(visit_id) -> dict:
    """The INTAKE contribution: the walk-in's details for the current user's intake form."""
    return intake_prefill(visit_id, current_user)


def link_on_client_created(client, *, visit, user, **_extra) -> None:
    """The client_created receiver: a file made from a walk-in ("Akte anlegen") gets its visit."""
    link_new_client(visit, client.id, user)
