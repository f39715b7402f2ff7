"""Documents of a case file: upload (one or many files, linked to a note, consent or referral, or as
a new version), the document's page, viewing and downloading (every time audited), soft delete."""

from pathlib import Path

from flask import abort, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..auth.models import User
from ..clients.access import client_or_404, is_responsible, part_or_404
from ..clients.casework_models import Consent
from ..clients.models import Client
from ..extensions import db
from ..fields import parse_id
from ..htmx import is_htmx
from ..notes.access import can_read as can_read_note
from ..notes.access import note_or_404
from ..notes.models import NoteLetter
from ..referrals.models import Referral
from ..security import requires
from ..textfold import fold
from ..timeutil import local_today, utcnow
from . import reading, uploads
from .access import can_read, document_or_404
from .blueprint import bp
from .checks import Refused, clean_filename
from .forms import DeleteForm, UploadForm
from .letter_hints import hint
from .models import TEXT_PENDING, Document, DocumentType
from .queries import max_megabytes, types_for_upload
from .storage import store

# What a stored file may do when the browser shows it: nothing but be shown, and only inside kimweb.
FILE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
LINKS = (("note_id", "note"), ("consent_id", "consent"), ("referral_id", "referral"), ("previous_id", "previous"))
ACCESSES_SHOWN = 50


def _type_choices(form: UploadForm) -> None:
    form.type_id.choices = [SelectChoice("", _("– bitte wählen –"))] + [
        SelectChoice(str(t.id), t.label) for t in types_for_upload()
    ]


def _linked(client: Client, form: UploadForm) -> dict:
    """The records the upload belongs to, each checked to be of this file (else 404)."""
    found: dict = {}
    for field, arg in LINKS:
        raw = getattr(form, field).data or request.args.get(arg, "")
        if not raw:
            continue
        record_id = parse_id(str(raw))
        if record_id is None:
            abort(404)
        getattr(form, field).data = str(record_id)
        if field == "note_id":
            note = note_or_404(client, record_id)
            if note.deleted or not can_read_note(note, client):
                abort(404)
            found["note"] = note
        elif field == "consent_id":
            found["consent"] = part_or_404(Consent, record_id, client)
        elif field == "referral_id":
            found["referral"] = part_or_404(Referral, record_id, client)
        else:
            found["previous"] = document_or_404(client, record_id)
    return found


def _has_newer(document: Document) -> bool:
    newer = aliased(Document)
    return bool(db.session.scalar(select(exists().where(newer.previous_id == document.id, newer.deleted_at.is_(None)))))


def _upload_page(client: Client, form: UploadForm, linked: dict, status: int = 200):
    return (
        render_template("documents/upload.html", client=client, form=form, linked=linked, max_mb=max_megabytes()),
        status,
    )


@bp.route("/klienten/<int:client_id>/dokumente/neu", methods=["GET", "POST"])
@requires("client.read", "document.write")
def upload(client_id: int):
    client = client_or_404(client_id)
    if client.closed:
        abort(404)
    form = UploadForm()
    _type_choices(form)
    linked = _linked(client, form)
    previous = linked.get("previous")
    if request.method == "GET" and previous is not None:
        form.type_id.data, form.title.data = str(previous.type_id), previous.title
        form.confidential.data = previous.confidential
    if not form.validate_on_submit():
        return _upload_page(client, form, linked, 422 if form.is_submitted() else 200)
    kind = db.session.get(DocumentType, int(form.type_id.data))
    if kind is None:
        abort(404)
    if kind.identity and not form.copy_reason.data:
        form.copy_reason.errors = [
            _(
                "Eine Kopie eines Ausweisdokuments bewahren Sie nur mit einem Grund auf. Sonst vermerken Sie "
                "bitte nur, dass Sie es gesehen haben."
            )
        ]
        return _upload_page(client, form, linked, 422)
    if previous is not None and _has_newer(previous):
        flash(
            _("Inzwischen hat jemand eine neuere Fassung hochgeladen. Bitte prüfen Sie, welche Sie ersetzen."), "error"
        )
        return _upload_page(client, form, linked, 409)
    stored, refused = [], []
    for upload_file in form.files.data:
        try:
            stored.append(uploads.take(upload_file))
        except Refused as error:
            refused.append(f"{clean_filename(upload_file.filename or '')}: {error}")
    if refused:
        _forget_unused([s.sha256 for s in stored])
        form.files.errors = refused + (
            [_("Es wurde nichts gespeichert. Bitte laden Sie die übrigen Dateien noch einmal hoch.")] if stored else []
        )
        return _upload_page(client, form, linked, 422)
    documents = [_create(client, form, kind, linked, item, len(stored)) for item in stored]
    db.session.commit()
    for document in documents:
        reading.schedule(document.id)
    flash(
        _("Das Dokument wurde gespeichert.")
        if len(documents) == 1
        else _("%(n)d Dokumente wurden gespeichert.", n=len(documents)),
        "success",
    )
    if len(documents) == 1:
        return redirect(url_for(".detail", client_id=client.id, document_id=documents[0].id), code=303)
    return redirect(
        url_for("clients.section", client_id=client.id, name="documents", _anchor="section-documents"), code=303
    )


def _create(client: Client, form: UploadForm, kind: DocumentType, linked: dict, item, count: int) -> Document:
    stem = Path(item.filename).stem
    title = form.title.data or stem
    if form.title.data and count > 1:
        title = f"{form.title.data}: {stem}"[:200]
    previous = linked.get("previous")
    document = Document(
        client_id=client.id,
        type_id=kind.id,
        title=title,
        document_date=form.document_date.data,
        valid_until=form.valid_until.data,
        confidential=bool(form.confidential.data),
        copy_reason=form.copy_reason.data if kind.identity else None,
        filename=item.filename,
        media_type=item.media_type,
        size=item.size,
        sha256=item.sha256,
        uploaded_by_id=current_user.id,
        previous_id=previous.id if previous is not None else None,
        note_id=linked["note"].id if "note" in linked else None,
        consent_id=linked["consent"].id if "consent" in linked else None,
        referral_id=linked["referral"].id if "referral" in linked else None,
        text_status=TEXT_PENDING,
        search_text=fold(title),
    )
    db.session.add(document)
    db.session.flush()
    links = ",".join(f"{name}={record.id}" for name, record in sorted(linked.items()))
    detail = f"client={client.id}; type={kind.id}; media={item.media_type}; size={item.size}"
    audit.record("document.uploaded", "document", document.id, detail=detail + (f"; {links}" if links else ""))
    if kind.identity:
        audit.record("document.id_copy_kept", "document", document.id, detail=f"client={client.id}")
    return document


def _forget_unused(keys: list[str]) -> None:
    """Files of a refused batch that no document uses: nothing stays behind."""
    storage = store()
    for key in keys:
        if not db.session.scalar(select(exists().where(Document.sha256 == key))):
            storage.remove(key)


@bp.route("/klienten/<int:client_id>/dokumente/<int:document_id>")
@requires("client.read", "document.read")
def detail(client_id: int, document_id: int):
    client = client_or_404(client_id)
    document = document_or_404(client, document_id)
    audit.record("document.viewed", "document", document.id, detail=f"client={client.id}")
    _read_if_forgotten(document)
    letter = db.session.get(NoteLetter, document.note_id) if document.note_id else None
    return render_template(
        "documents/detail.html",
        client=client,
        document=document,
        versions=_versions(document, client),
        newer=_has_newer(document),
        letter=letter,
        hint=hint(document.text, local_today()) if letter is not None else None,
        accesses=_accesses(document) if is_responsible(client) else None,
        ocr=reading.ocr_available(),
        may_change=_may_change(document, client),
    )


def _versions(document: Document, client: Client) -> list[Document]:
    """Earlier versions, newest first (readable and not deleted ones)."""
    found, seen = [], {document.id}
    current = document.previous
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if not current.deleted and can_read(current, client):
            found.append(current)
        current = current.previous
    return found


def _accesses(document: Document):
    return db.session.execute(
        select(audit.AuditEvent.at, audit.AuditEvent.action, User.display_name, audit.AuditEvent.username)
        .outerjoin(User, User.id == audit.AuditEvent.user_id)
        .where(audit.AuditEvent.object_type == "document", audit.AuditEvent.object_id == str(document.id))
        .order_by(audit.AuditEvent.at.desc(), audit.AuditEvent.id.desc())
        .limit(ACCESSES_SHOWN)
    ).all()


def _may_change(document: Document, client: Client) -> bool:
    return not client.closed and (current_user.id == document.uploaded_by_id or is_responsible(client))


def _read_if_forgotten(document: Document) -> None:
    """A document whose reader died with its process (or never started) is read again."""
    if document.text_status == TEXT_PENDING and document.id in reading.stale_pending(document.client_id):
        reading.schedule(document.id)


@bp.route("/klienten/<int:client_id>/dokumente/<int:document_id>/text")
@requires("client.read", "document.read")
def text_status(client_id: int, document_id: int):
    """The document's text, or "Text wird gelesen …" while it is read (htmx polls this)."""
    client = client_or_404(client_id)
    document = document_or_404(client, document_id)
    _read_if_forgotten(document)
    if is_htmx() and document.text_status != TEXT_PENDING:
        # Read now: the whole page again, with the text, the preview and what the text proposes.
        response = make_response("", 200)
        response.headers["HX-Refresh"] = "true"
        return response
    return render_template("documents/_text.html", client=client, document=document, ocr=reading.ocr_available())


def _send(client_id: int, document_id: int, disposition: str):
    client = client_or_404(client_id)
    document = document_or_404(client, document_id)
    path = store().path(document.sha256)
    action = "document.downloaded" if disposition == "attachment" else "document.opened"
    if not path.is_file():
        audit.record(action, "document", document.id, outcome="missing", detail=f"client={client.id}")
        abort(404, _("Die Datei fehlt im Dokumentenspeicher. Bitte wenden Sie sich an die Administration."))
    audit.record(action, "document", document.id, detail=f"client={client.id}")
    media_type = document.media_type + ("; charset=utf-8" if document.media_type == "text/plain" else "")
    response = send_file(path, mimetype=media_type, conditional=False, etag=False, max_age=0)
    response.headers["Content-Disposition"] = uploads.content_disposition(disposition, document.filename)
    response.headers["Content-Security-Policy"] = FILE_CSP
    return response


@bp.route("/klienten/<int:client_id>/dokumente/<int:document_id>/ansehen")
@requires("client.read", "document.read")
def view_file(client_id: int, document_id: int):
    client = client_or_404(client_id)
    if not document_or_404(client, document_id).inline:
        return _send(client_id, document_id, "attachment")
    return _send(client_id, document_id, "inline")


@bp.route("/klienten/<int:client_id>/dokumente/<int:document_id>/herunterladen")
@requires("client.read", "document.read")
def download(client_id: int, document_id: int):
    return _send(client_id, document_id, "attachment")


@bp.route("/klienten/<int:client_id>/dokumente/<int:document_id>/loeschen", methods=["GET", "POST"])
@requires("client.read", "document.write")
def delete(client_id: int, document_id: int):
    client = client_or_404(client_id)
    document = document_or_404(client, document_id)
    if not _may_change(document, client):
        abort(404)
    form = DeleteForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("documents/delete.html", client=client, document=document, form=form), status
    document.deleted_at, document.deleted_by_id = utcnow(), current_user.id
    document.delete_reason = form.reason.data
    audit.record("document.deleted", "document", document.id, detail=f"client={client.id}")
    db.session.commit()
    flash(_("Das Dokument wurde gelöscht."), "success")
    return redirect(
        url_for("clients.section", client_id=client.id, name="documents", _anchor="section-documents"), code=303
    )
