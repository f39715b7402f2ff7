"""The team lead's overview: per case manager the open files and what needs attention, each count
a link to the caseload filtered the same way; and handing all of a colleague's open files to
another with a reason and a confirmation step (audited)."""

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField

from .. import audit
from ..auth.models import User
from ..clients.access import visibility
from ..clients.assignments import reassign
from ..clients.choices import CLOSED_PHASE
from ..clients.forms import case_manager_choices
from ..clients.models import Client
from ..extensions import db
from ..fields import ChoiceField, text
from ..security import requires, roles_with
from ..timeutil import local_today
from .blueprint import bp
from .watches import WATCHES

MAX_HANDOVER = 500


@dataclass
class ManagerRow:
    user_id: int
    name: str
    open_files: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def overview_rows(user, today) -> list[ManagerRow]:
    """Per case manager of the files the user may see: open files and each watch's count."""
    base = [visibility(user), Client.phase < CLOSED_PHASE]
    rows: dict[int, ManagerRow] = {}
    managers = db.session.scalars(
        select(User).where(User.team_id == user.team_id, User.active.is_(True)).order_by(User.display_name)
    )
    for manager in managers:
        if manager.role in roles_with("client.read"):
            rows[manager.id] = ManagerRow(manager.id, manager.display_name)
    names = dict(db.session.execute(select(User.id, User.display_name)).all())
    # One pass over the open files counts them all, each watch as a filtered count.
    watch_counts = [func.count().filter(watch.condition(today)) for watch in WATCHES]
    for manager_id, open_files, *counts in db.session.execute(
        select(Client.case_manager_id, func.count(), *watch_counts).where(*base).group_by(Client.case_manager_id)
    ):
        row = rows.setdefault(manager_id, ManagerRow(manager_id, names.get(manager_id, "?")))
        row.open_files = open_files
        row.counts.update({watch.key: count for watch, count in zip(WATCHES, counts, strict=True) if count})
    return sorted(rows.values(), key=lambda r: r.name)


@bp.route("/team")
@requires("team.read")
def team():
    today = local_today()
    rows = overview_rows(current_user, today)
    return render_template("reports/team.html", rows=rows, watches=WATCHES, today=today)


class HandoverForm(FlaskForm):
    to = ChoiceField(_l("Übergeben an"), choices=[])
    reason = text(_l("Grund der Übergabe"), 500, required=_l("Bitte geben Sie einen Grund an."))
    confirmed = BooleanField(_l("Übergabe bestätigt"))


def _open_files_of(manager_id: int) -> list[Client]:
    query = select(Client).where(
        visibility(current_user), Client.phase < CLOSED_PHASE, Client.case_manager_id == manager_id
    )
    return list(db.session.scalars(query.order_by(Client.id).limit(MAX_HANDOVER + 1)))


@bp.route("/team/<int:user_id>/uebergeben", methods=["GET", "POST"])
@requires("team.read", "client.reassign")
def handover(user_id: int):
    manager = db.session.get(User, user_id)
    if manager is None or manager.team_id != current_user.team_id:
        abort(404)
    form = HandoverForm()
    form.to.choices = [c for c in case_manager_choices(current_user.team_id) if c.value != str(user_id)]
    files = _open_files_of(user_id)
    if len(files) > MAX_HANDOVER:
        flash(
            _("Mehr als %(max)d Fälle: bitte übergeben Sie sie in der Fallliste in Teilen.", max=MAX_HANDOVER), "error"
        )
        return redirect(url_for("reports.team"), code=303)
    context = {"manager": manager, "files": files, "form": form}
    if not form.validate_on_submit():
        return render_template("reports/handover.html", **context), 422 if form.is_submitted() else 200
    new_manager = db.session.get(User, int(form.to.data))
    if new_manager is None:
        abort(404)
    if not form.confirmed.data:
        # The confirmation step: the same form again, with the number and the receiver spelled out.
        return render_template("reports/handover.html", confirm=True, receiver=new_manager, **context)
    today = local_today()
    moved = 0
    for client in files:
        if reassign(client, new_manager.id, by_id=current_user.id, on=today, reason=form.reason.data):
            audit.record(
                "client.reassigned", "client", client.id, detail=f"old={user_id}; new={new_manager.id}; bulk=1"
            )
            moved += 1
    audit.record("team.handover", "user", user_id, detail=f"to={new_manager.id}; files={moved}")
    db.session.commit()
    flash(ngettext("%(num)d Fall wurde übergeben.", "%(num)d Fälle wurden übergeben.", moved), "success")
    return redirect(url_for("reports.team"), code=303)
