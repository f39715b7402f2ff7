"""The administration's list of document types (seeded by the migration; never deleted, only
taken out of the choice, so old documents keep their type)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..extensions import db
from ..security import requires
from .blueprint import bp
from .forms import TypeForm
from .models import DocumentType


@bp.route("/admin/dokumentarten")
@requires("document.types")
def types():
    found = db.session.scalars(select(DocumentType).order_by(DocumentType.sort_order, DocumentType.label)).all()
    return render_template("documents/types.html", types=found)


@bp.route("/admin/dokumentarten/neu", methods=["GET", "POST"], defaults={"type_id": None})
@bp.route("/admin/dokumentarten/<int:type_id>", methods=["GET", "POST"])
@requires("document.types")
def type_edit(type_id: int | None):
    kind = db.session.get(DocumentType, type_id) if type_id is not None else DocumentType()
    if kind is None:
        abort(404)
    form = TypeForm(obj=kind if type_id is not None else None)
    if type_id is not None and not form.is_submitted():
        form.data_scope.set_joined(kind.data_scope)
    if form.validate_on_submit():
        same = db.session.scalar(
            select(DocumentType.id).where(
                func.lower(DocumentType.label) == form.label.data.lower(), DocumentType.id != (type_id or 0)
            )
        )
        if same:
            form.label.errors = [_("Diese Bezeichnung gibt es schon.")]
        else:
            kind.label, kind.health, kind.identity = form.label.data, form.health.data, form.identity.data
            kind.data_scope, kind.active = form.data_scope.joined, form.active.data
            kind.sort_order = form.sort_order.data if form.sort_order.data is not None else 100
            db.session.add(kind)
            db.session.flush()
            audit.record(
                "document_type.saved",
                "document_type",
                kind.id,
                detail=f"health={kind.health}; identity={kind.identity}; active={kind.active}",
            )
            db.session.commit()
            flash(_("Die Dokumentart wurde gespeichert."), "success")
            return redirect(url_for(".types"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("documents/type_form.html", form=form, kind=kind if type_id else None), status
