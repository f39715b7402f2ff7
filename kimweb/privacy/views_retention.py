"""The team lead's retention page: closed files past their retention date, confirmed one by one
or in bulk; files under a legal hold are shown apart and never offered."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from ..clients.access import client_or_404, visibility
from ..extensions import db
from ..fields import parse_ids
from ..security import requires
from . import retention
from .blueprint import bp


@bp.route("/datenschutz/aufbewahrung")
@requires("privacy.retention")
def retention_list():
    scope = visibility()
    return render_template("privacy/retention.html", due=retention.due_files(scope), held=retention.held_files(scope))


@bp.route("/datenschutz/aufbewahrung", methods=["POST"])
@requires("privacy.retention")
def retention_confirm():
    due = {person.id for person in retention.due_files(visibility())}
    chosen = [
        client_id for client_id in parse_ids(request.form.getlist("client_id"), limit=len(due)) if client_id in due
    ]
    for client_id in chosen:
        retention.erase(client_or_404(client_id), "retention", current_user._get_current_object())
    db.session.commit()
    flash(ngettext("%(num)d Akte anonymisiert.", "%(num)d Akten anonymisiert.", len(chosen)), "success")
    return redirect(url_for("privacy.retention_list"), code=303)
