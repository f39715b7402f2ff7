"""Drafts of a note while it is written or edited: saved while typing (htmx) or with a button, discarded."""

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import htmx
from ..clients.access import client_or_404
from ..extensions import db
from ..security import requires
from . import drafts
from .access import can_change, note_or_404
from .blueprint import bp


def _saved(draft: drafts.NoteDraft | None, form_url: str):
    """Commit and answer. The answer shows what was saved from the values in hand: once committed,
    the draft may already be gone again (the note's save, a moment later, removes it), and reading
    it back would fail although it was saved."""
    status = SimpleNamespace(saved_at=draft.saved_at) if draft is not None else None
    db.session.commit()
    if htmx.is_partial():
        return render_template("notes/_draft_status.html", draft=status)
    flash(_("Der Entwurf wurde gespeichert.") if status else _("Ein leerer Entwurf wird nicht gespeichert."), "info")
    return redirect(form_url, code=303)


@bp.route("/klienten/<int:client_id>/notizen/entwurf", methods=["POST"])
@requires("client.read", "notes.write")
def draft_save(client_id: int):
    """Autosave while typing (htmx, debounced), or the "Entwurf speichern" button without JavaScript.
    Locked like an edit's draft (see _edited_note)."""
    client = client_or_404(client_id, lock=True)
    if client.closed:
        abort(404)
    draft = drafts.save(current_user.id, client.id, request.form)
    return _saved(draft, url_for("notes.new", client_id=client.id))


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
    return _saved(draft, url_for("notes.edit", client_id=client.id, note_id=note.id))


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/entwurf/verwerfen", methods=["POST"])
@requires("client.read", "notes.write")
def edit_draft_discard(client_id: int, note_id: int):
    """Back to the note as it is saved."""
    client, note = _edited_note(client_id, note_id)
    drafts.discard(current_user.id, client.id, note.id)
    db.session.commit()
    flash(_("Der Entwurf wurde verworfen; Sie sehen die gespeicherte Fassung."), "success")
    return redirect(url_for("notes.edit", client_id=client.id, note_id=note.id), code=303)
