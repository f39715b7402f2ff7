"""Helpers while a note is written or edited (htmx): drafts saved while typing, the deadline
suggestion for a letter, the consent check for a case conference."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..clients.access import client_or_404
from ..extensions import db
from ..fields import DateInputError, parse_date
from ..htmx import is_partial
from ..security import requires
from ..timeutil import local_today
from . import conferences, drafts, letters
from .access import can_change, note_or_404
from .blueprint import bp
from .forms import NoteForm
from .views_write import _form_choices


@bp.route("/klienten/<int:client_id>/notizen/entwurf", methods=["POST"])
@requires("client.read", "notes.write")
def draft_save(client_id: int):
    """Autosave while typing (htmx, debounced), or the "Entwurf speichern" button without JavaScript.
    Locked like an edit's draft (see _edited_note)."""
    client = client_or_404(client_id, lock=True)
    if client.closed:
        abort(404)
    draft = drafts.save(current_user.id, client.id, request.form)
    db.session.commit()
    if is_partial():
        return render_template("notes/_draft_status.html", draft=draft)
    flash(_("Der Entwurf wurde gespeichert.") if draft else _("Ein leerer Entwurf wird nicht gespeichert."), "info")
    return redirect(url_for("notes.new", client_id=client.id), code=303)


@bp.route("/klienten/<int:client_id>/notizen/entwurf/verwerfen", methods=["POST"])
@requires("client.read", "notes.write")
def draft_discard(client_id: int):
    client = client_or_404(client_id)
    drafts.discard(current_user.id, client.id)
    db.session.commit()
    flash(_("Der Entwurf wurde verworfen."), "success")
    return redirect(url_for("notes.new", client_id=client.id), code=303)


def _edited_note(client_id: int, note_id: int):
    """The file and a note the user may edit (its author, not deleted, file open), else 404. The
    file's row is locked: two tabs saving the first draft at the same moment would otherwise both
    insert one (on PostgreSQL; SQLite serialises writes anyway) and the second would fail."""
    client = client_or_404(client_id, lock=True)
    note = note_or_404(client, note_id)
    if not can_change(note) or client.closed:
        abort(404)
    return client, note


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/entwurf", methods=["POST"])
@requires("client.read", "notes.write")
def edit_draft_save(client_id: int, note_id: int):
    """Autosave of an edit while typing (htmx, debounced), or "Entwurf speichern" without JavaScript."""
    client, note = _edited_note(client_id, note_id)
    draft = drafts.save(current_user.id, client.id, request.form, note)
    db.session.commit()
    if is_partial():
        return render_template("notes/_draft_status.html", draft=draft)
    flash(_("Der Entwurf wurde gespeichert.") if draft else _("Ein leerer Entwurf wird nicht gespeichert."), "info")
    return redirect(url_for("notes.edit", client_id=client.id, note_id=note.id), code=303)


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/entwurf/verwerfen", methods=["POST"])
@requires("client.read", "notes.write")
def edit_draft_discard(client_id: int, note_id: int):
    """Back to the note as it is saved."""
    client, note = _edited_note(client_id, note_id)
    drafts.discard(current_user.id, client.id, note.id)
    db.session.commit()
    flash(_("Der Entwurf wurde verworfen; Sie sehen die gespeicherte Fassung."), "success")
    return redirect(url_for("notes.edit", client_id=client.id, note_id=note.id), code=303)


@bp.route("/klienten/<int:client_id>/notizen/fristvorschlag", methods=["POST"])
@requires("client.read", "notes.write")
def deadline_suggestion(client_id: int):
    """The suggested deadline for the decision and service day in the form (htmx, while filling it in)."""
    client_or_404(client_id)
    try:
        served = parse_date(request.form.get("letter_served_on"), local_today())
    except DateInputError:
        served = None
    found = letters.suggestion(
        request.form.get("letter_decision_kind"),
        served and served.value,
        bool(request.form.get("letter_remedy_missing")),
    )
    return render_template("notes/_deadline_suggestion_body.html", suggestion=found)


@bp.route("/klienten/<int:client_id>/notizen/einwilligungen", methods=["POST"])
@requires("client.read", "notes.write")
def consent_check(client_id: int):
    """While a case conference is written (htmx): the participating agencies without consent."""
    client = client_or_404(client_id)
    form = NoteForm()
    _form_choices(form)
    missing: list = []
    if form.kind.data == "case_conference":
        known = {c.value for c in form.organization_ids.choices}
        ids = [int(i) for i in form.organization_ids.data or () if i in known]
        missing = conferences.agencies_without_consent(client, ids, local_today())
    return render_template("notes/_consent_check_body.html", form=form, missing=missing)
