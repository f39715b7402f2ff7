"""Identity documents seen: "gesehen am … von …" with number and validity, instead of a copy."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..clients.access import client_or_404
from ..extensions import db
from ..security import requires
from ..timeutil import local_today
from .blueprint import bp
from .forms import SightingForm
from .models import IdSighting


@bp.route("/klienten/<int:client_id>/ausweise/neu", methods=["GET", "POST"])
@requires("client.read", "document.write")
def sighting(client_id: int):
    client = client_or_404(client_id)
    if client.closed:
        abort(404)
    form = SightingForm()
    if not form.is_submitted():
        form.seen_on.data = local_today()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("documents/sighting.html", client=client, form=form), status
    seen = IdSighting(
        client_id=client.id,
        kind=form.kind.data,
        number=form.number.data or None,
        valid_until=form.valid_until.data,
        seen_on=form.seen_on.data,
        seen_by_id=current_user.id,
        remark=form.remark.data or None,
    )
    db.session.add(seen)
    db.session.flush()
    audit.record("document.id_seen", "id_sighting", seen.id, detail=f"client={client.id}; kind={seen.kind}")
    db.session.commit()
    flash(_("Vermerkt: Ausweisdokument gesehen."), "success")
    return redirect(
        url_for("clients.section", client_id=client.id, name="documents", _anchor="section-documents"), code=303
    )
