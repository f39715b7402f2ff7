"""A person's rights on the file: restriction (Art. 18), legal hold, erasure (Art. 17). The team
lead decides; every step is audited."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..clients.access import client_or_404, is_responsible
from ..clients.models import Client
from ..extensions import db
from ..security import requires
from ..timeutil import utcnow
from . import retention
from .blueprint import bp
from .forms import ErasureForm, HoldForm, LiftForm, RestrictionForm
from .models import PrivacyHold, PrivacyRestriction
from .panel import file_context


def _responsible_client(client_id: int) -> Client:
    client = client_or_404(client_id, lock=True)
    if not is_responsible(client):
        abort(404)
    return client


def _back(client: Client):
    return redirect(
        url_for("clients.section", client_id=client.id, name="privacy", _anchor="section-privacy"), code=303
    )


def _invalid(client: Client, **forms):
    context = file_context(client)
    context.update(forms)
    return render_template("privacy/rights.html", client=client, privacy=context), 422


@bp.route("/klienten/<int:client_id>/datenschutz/einschraenkung", methods=["POST"])
@requires("privacy.restrict")
def restriction(client_id: int):
    client = _responsible_client(client_id)
    current = db.session.scalar(
        select(PrivacyRestriction).where(
            PrivacyRestriction.client_id == client.id, PrivacyRestriction.lifted_at.is_(None)
        )
    )
    if LiftForm().lift.data == "1" and current is not None:
        current.lifted_at, current.lifted_by_id = utcnow(), current_user.id
        client.restricted = False
        audit.record("client.restriction_lifted", "client", client.id)
        db.session.commit()
        flash(_("Die Einschränkung ist aufgehoben."), "success")
        return _back(client)
    form = RestrictionForm()
    if current is not None:
        return _back(client)
    if not form.validate_on_submit():
        return _invalid(client, restriction_form=form)
    db.session.add(PrivacyRestriction(client_id=client.id, reason=form.reason.data, set_by_id=current_user.id))
    client.restricted = True
    audit.record("client.restricted", "client", client.id)
    db.session.commit()
    flash(
        _("Die Verarbeitung ist eingeschränkt: Die Akte ist schreibgeschützt und nur für die Teamleitung sichtbar."),
        "success",
    )
    return _back(client)


@bp.route("/klienten/<int:client_id>/datenschutz/sperre", methods=["POST"])
@requires("privacy.retention")
def hold(client_id: int):
    client = _responsible_client(client_id)
    current = retention.active_hold(client.id)
    if LiftForm().lift.data == "1" and current is not None:
        current.lifted_at, current.lifted_by_id = utcnow(), current_user.id
        audit.record("client.hold_lifted", "client", client.id)
        db.session.commit()
        flash(_("Die Aufbewahrungssperre ist aufgehoben."), "success")
        return _back(client)
    form = HoldForm()
    if not form.validate_on_submit():
        return _invalid(client, hold_form=form)
    db.session.add(
        PrivacyHold(client_id=client.id, reason=form.reason.data, until=form.until.data, set_by_id=current_user.id)
    )
    audit.record("client.hold_set", "client", client.id, detail=f"until: {form.until.data.isoformat()}")
    db.session.commit()
    flash(_("Die Aufbewahrungssperre ist gesetzt."), "success")
    return _back(client)


@bp.route("/klienten/<int:client_id>/datenschutz/loeschung", methods=["POST"])
@requires("privacy.erase")
def erasure(client_id: int):
    client = _responsible_client(client_id)
    form = ErasureForm()
    if not form.validate_on_submit():
        return _invalid(client, erasure_form=form)
    done = retention.erase(client, form.reason_code.data, current_user._get_current_object())
    db.session.commit()
    if done.anonymised_at is None:
        flash(
            _("Eine Aufbewahrungssperre gilt: Die Löschung ist vorgemerkt und wird nach ihrem Ende ausgeführt."), "info"
        )
        return _back(client)
    flash(_("Die Akte ist anonymisiert."), "success")
    return redirect(url_for("clients.caseload"), code=303)
