"""Meine Fälle: the caseload with search as you type, filters, sorting, pages; reassigning by the team lead."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ..database import reads_only
from ..extensions import db
from ..fields import parse_ids, parse_page
from ..htmx import render
from ..security import has_permission, requires
from ..timeutil import local_today
from .access import client_or_404
from .assignments import reassign as reassign_file
from .blueprint import bp
from .caseload import CaseloadForm, search
from .forms import case_manager_choices
from .section_forms import ReassignForm
from .views_common import record_change

MAX_REASSIGN = 200


def _reassign_form() -> ReassignForm | None:
    if not has_permission("client.reassign"):
        return None
    form = ReassignForm(formdata=None)
    form.case_manager_id.choices = case_manager_choices(current_user.team_id)
    return form


@bp.route("/klienten/", methods=["GET", "POST"])
@reads_only
@requires("client.read")
def caseload():
    """GET takes filters from links (never a name); POST also takes the search words, which
    therefore stay out of URLs, browser history and access logs."""
    if request.method == "POST":
        formdata = request.form
    else:
        formdata = MultiDict((k, v) for k, v in request.args.items(multi=True) if k != "q")
    form = CaseloadForm(formdata, team_lead=has_permission("team.read"), team_id=current_user.team_id)
    page_text = formdata.get("seite", "1")
    page = search(form, current_user, local_today(), parse_page(page_text))
    context = {"form": form, "page": page, "reassign": _reassign_form(), "today": local_today()}
    return render("clients/caseload.html", "clients/_caseload_results.html", **context)


@bp.route("/klienten/zuweisen", methods=["POST"])
@requires("client.reassign")
def reassign():
    form = ReassignForm()
    form.case_manager_id.choices = case_manager_choices(current_user.team_id)
    ids = parse_ids(request.form.getlist("client_id"), MAX_REASSIGN + 1)
    back = request.form.get("back")
    if not ids or len(ids) > MAX_REASSIGN:
        flash(gettext("Bitte wählen Sie mindestens einen Fall (höchstens %(max)d).", max=MAX_REASSIGN), "error")
        return redirect(url_for("clients.caseload"), code=303)
    if not form.validate_on_submit():
        flash(gettext("Bitte wählen Sie, wer die Fälle übernimmt."), "error")
        return redirect(url_for("clients.caseload"), code=303)
    new_manager = int(form.case_manager_id.data)
    clients = [client_or_404(i, lock=True) for i in ids]
    moved = 0
    today = local_today()
    for client in clients:
        old_manager = client.case_manager_id
        if reassign_file(client, new_manager, by_id=current_user.id, on=today, reason=form.reason.data):
            record_change(client, "reassigned", old=old_manager, new=new_manager)
            moved += 1
    db.session.commit()
    flash(ngettext("%(num)d Fall wurde neu zugewiesen.", "%(num)d Fälle wurden neu zugewiesen.", moved), "success")
    if back == "file" and len(clients) == 1:
        return redirect(url_for("clients.file", client_id=clients[0].id), code=303)
    return redirect(url_for("clients.caseload"), code=303)
