"""Residence status: new records, corrections (a new row, the old one marked superseded), and
confirming the computed deadlines."""

from datetime import date

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..deadlines import status_deadlines
from ..extensions import db
from ..security import requires
from ..timeutil import utcnow
from .access import client_or_404, part_or_404
from .blueprint import bp
from .casework_models import DeadlineConfirmation, ResidenceStatus
from .residence import refresh_deadlines
from .section_forms import STATUS_FIELDS, ConfirmDeadlineForm, StatusForm
from .views_common import conflict, form_response, record_change, saved

TEMPLATE = "clients/forms/_status.html"


def _values(form: StatusForm) -> dict:
    values = {name: getattr(form, name).data for name in STATUS_FIELDS}
    for name in ("legal_basis", "file_number", "notes"):
        values[name] = values[name] or None
    values["employment_permitted"] = values["employment_permitted"] or ""
    return values


def _filled(values: dict) -> list[str]:
    return [name for name, value in values.items() if value not in (None, "")]


@bp.route("/klienten/<int:client_id>/aufenthalt/neu", methods=["GET", "POST"])
@requires("client.write")
def status_add(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    form = StatusForm()
    if not form.validate_on_submit():
        return form_response(TEMPLATE, client, "status", 422 if form.is_submitted() else 200, form=form, record=None)
    values = _values(form)
    record = ResidenceStatus(client_id=client.id, created_by_id=current_user.id, **values)
    db.session.add(record)
    db.session.flush()
    refresh_deadlines(client.id)
    record_change(client, "status_added", _filled(values), status=record.id)
    db.session.commit()
    return saved(client, "status", _("Der Aufenthaltsstatus wurde eingetragen."))


@bp.route("/klienten/<int:client_id>/aufenthalt/<int:status_id>/korrektur", methods=["GET", "POST"])
@requires("client.write")
def status_correct(client_id: int, status_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    old = part_or_404(ResidenceStatus, status_id, client)
    form = StatusForm()
    if request.method == "GET":
        for name in STATUS_FIELDS:
            getattr(form, name).data = getattr(old, name)
        form.version.data = "0"
    if not form.validate_on_submit():
        return form_response(TEMPLATE, client, "status", 422 if form.is_submitted() else 200, form=form, record=old)
    if old.superseded_at is not None:
        # Someone corrected this record first: their correction stands, this one is a conflict.
        return conflict(TEMPLATE, client, "status", form=form, record=old)
    values = _values(form)
    changed = [name for name, value in values.items() if getattr(old, name) != value]
    record = ResidenceStatus(client_id=client.id, created_by_id=current_user.id, **values)
    db.session.add(record)
    db.session.flush()
    old.superseded_at, old.superseded_by_id = utcnow(), record.id
    refresh_deadlines(client.id)
    record_change(client, "status_corrected", changed, status=record.id, corrects=old.id)
    db.session.commit()
    return saved(client, "status", _("Die Korrektur wurde gespeichert; der alte Eintrag bleibt sichtbar."))


@bp.route("/klienten/<int:client_id>/aufenthalt/<int:status_id>/frist", methods=["POST"])
@requires("client.write")
def deadline_confirm(client_id: int, status_id: int):
    client = client_or_404(client_id, lock=True)
    record = part_or_404(ResidenceStatus, status_id, client)
    form = ConfirmDeadlineForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        due = date.fromisoformat(form.due.data or "")
    except ValueError:
        abort(400)
    if not any(d.kind == form.kind.data and d.due == due for d in status_deadlines(record)):
        abort(404)
    exists = db.session.scalar(
        select(DeadlineConfirmation.id).where(
            DeadlineConfirmation.status_id == record.id,
            DeadlineConfirmation.kind == form.kind.data,
            DeadlineConfirmation.due == due,
        )
    )
    if exists is None:
        db.session.add(
            DeadlineConfirmation(status_id=record.id, kind=form.kind.data, due=due, confirmed_by_id=current_user.id)
        )
        record_change(client, "deadline_confirmed", status=record.id, kind=form.kind.data)
        db.session.commit()
    return saved(client, "status", _("Die Frist ist als geprüft vermerkt."))
