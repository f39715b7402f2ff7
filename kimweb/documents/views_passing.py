"""Passing documents on with a referral: only what the client's consent covers (the documents'
kinds of data, health data named separately), recorded in the file's disclosure log."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..clients import consent_scope
from ..clients.access import client_or_404, part_or_404
from ..extensions import db
from ..referrals.models import Disclosure, Referral
from ..security import requires
from ..timeutil import local_today
from .access import can_read
from .blueprint import bp
from .forms import PassOnForm
from .models import Document, disclosure_document
from .queries import current_versions


def passed_on(client) -> dict[int, list[str]]:
    """For the file's disclosure log: disclosure id -> the documents that went with it (a
    confidential document the user may not read by its type only)."""
    rows = db.session.execute(
        select(disclosure_document.c.disclosure_id, Document)
        .join(Document, Document.id == disclosure_document.c.document_id)
        .where(Document.client_id == client.id)
        .options(selectinload(Document.type))
        .order_by(Document.id)
    ).all()
    found: dict[int, list[str]] = {}
    for disclosure_id, document in rows:
        found.setdefault(disclosure_id, []).append(
            document.title if can_read(document, client) else document.type.label
        )
    return found


@bp.route("/klienten/<int:client_id>/vermittlungen/<int:referral_id>/dokumente", methods=["GET", "POST"])
@requires("client.read", "document.read", "referral.write")
def pass_on(client_id: int, referral_id: int):
    client = client_or_404(client_id)
    referral = part_or_404(Referral, referral_id, client)
    if client.closed or not referral.is_open or referral.organization_id is None:
        abort(404)
    documents = {
        d.id: d
        for d in db.session.scalars(current_versions(client.id).options(selectinload(Document.type)))
        if can_read(d, client)
    }
    form = PassOnForm()
    form.document_ids.choices = [SelectChoice(str(i), d.title) for i, d in documents.items()]
    context = {"client": client, "referral": referral, "form": form, "documents": documents, "check": None}
    if not form.validate_on_submit():
        return render_template("documents/pass_on.html", **context), 422 if form.is_submitted() else 200
    chosen = [documents[int(i)] for i in form.document_ids.data or ()]
    if not chosen:
        form.document_ids.errors = [_("Bitte wählen Sie mindestens ein Dokument.")]
        return render_template("documents/pass_on.html", **context), 422
    scope = {code for d in chosen for code in consent_scope.codes(d.type.data_scope)}
    health = any(d.type.health for d in chosen)
    today = local_today()
    check = consent_scope.check(
        client.id, referral.organization_id, referral.organization_name, "referral", scope, health, today
    )
    if not check.covered:
        context["check"] = check
        return render_template("documents/pass_on.html", **context), 422
    disclosure = Disclosure(
        client_id=client.id,
        referral_id=referral.id,
        organization_id=referral.organization_id,
        organization_name=referral.organization_name,
        data_scope=" ".join(sorted(scope)),
        health_data=health,
        channel=referral.channel,
        consent_id=check.consent.id if check.consent else None,
        disclosed_on=today,
        disclosed_by_id=current_user.id,
    )
    db.session.add(disclosure)
    db.session.flush()
    db.session.execute(
        insert(disclosure_document), [{"disclosure_id": disclosure.id, "document_id": d.id} for d in chosen]
    )
    for document in chosen:
        audit.record(
            "document.passed_on",
            "document",
            document.id,
            detail=f"client={client.id}; referral={referral.id}; disclosure={disclosure.id}",
        )
    db.session.commit()
    flash(
        _(
            "Weitergabe an %(agency)s eingetragen: %(n)d Dokument(e).",
            agency=referral.organization_name,
            n=len(chosen),
        ),
        "success",
    )
    return redirect(url_for("referrals.detail", client_id=client.id, referral_id=referral.id), code=303)
