"""The Träger list: add, rename, take out of use (never delete: accounts and reports refer to it)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..auth.models import Traeger, User
from ..extensions import db
from ..security import requires
from .blueprint import bp
from .forms import TraegerForm


def _list_context(form: TraegerForm) -> dict:
    rows = db.session.execute(
        select(Traeger, func.count(User.id))
        .outerjoin(User, (User.traeger_id == Traeger.id) & User.active.is_(True))
        .group_by(Traeger.id)
        .order_by(Traeger.active.desc(), Traeger.sort_order, Traeger.name)
    ).all()
    return {"rows": rows, "form": form}


@bp.route("/traeger", methods=["GET", "POST"])
@requires("users.manage")
def traeger():
    form = TraegerForm()
    if form.validate_on_submit():
        highest = db.session.scalar(select(func.max(Traeger.sort_order))) or 0
        row = Traeger(name=form.name.data, active=True, sort_order=highest + 1)
        db.session.add(row)
        db.session.flush()
        audit.record("traeger.created", "traeger", row.id)
        db.session.commit()
        flash(_("Der Träger „%(name)s“ wurde angelegt.", name=row.name), "success")
        return redirect(url_for("admin.traeger"), code=303)
    return render_template("admin/traeger.html", **_list_context(form)), 422 if form.is_submitted() else 200


@bp.route("/traeger/<int:traeger_id>", methods=["GET", "POST"])
@requires("users.manage")
def traeger_edit(traeger_id: int):
    row = db.session.get(Traeger, traeger_id)
    if row is None:
        abort(404)
    form = TraegerForm(obj=row, traeger_id=row.id)
    if form.validate_on_submit():
        changes = [f for f in ("name", "active") if getattr(row, f) != getattr(form, f).data]
        row.name, row.active = form.name.data, bool(form.active.data)
        if changes:
            audit.record("traeger.changed", "traeger", row.id, detail="fields=" + ",".join(changes))
            db.session.commit()
            flash(_("Der Träger wurde gespeichert."), "success")
        return redirect(url_for("admin.traeger"), code=303)
    return render_template("admin/traeger_form.html", form=form, row=row), 422 if form.is_submitted() else 200
