"""Writing a letter in the case file: choose a template and an agency, edit the filled text, save
(letter note + PDF document), download as PDF or DOCX. Every client comes through client_or_404;
every letter produced is audited."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..clients.access import client_or_404, part_or_404
from ..clients.forms import organization_choices
from ..database import reads_only
from ..directory.models import Organization
from ..documents.models import Document
from ..documents.storage import store
from ..documents.uploads import content_disposition
from ..extensions import db
from ..fields import parse_id
from ..security import requires
from ..timeutil import local_today
from . import compose, output, sandbox
from .blueprint import bp
from .forms import LetterForm, StartForm
from .models import Letter, LetterTemplateVersion
from .queries import templates

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _start_form(**kwargs) -> StartForm:
    form = StartForm(**kwargs)
    form.template_id.choices = [SelectChoice("", _("– bitte wählen –"))] + [
        SelectChoice(str(t.id), t.current.title) for t in templates()
    ]
    form.organization_id.choices = organization_choices()
    return form


def _open_file(client_id: int, lock: bool = False):
    client = client_or_404(client_id, lock=lock)
    if client.closed:
        abort(404)
    return client


def _start_page(client, form, status: int = 200, problem: str | None = None):
    return render_template(
        "letters/new.html", client=client, form=form, problem=problem, pdf_missing=not output.pdf_available()
    ), status


@bp.route("/klienten/<int:client_id>/briefe/neu")
@requires("client.read", "letter.write")
def new(client_id: int):
    client = _open_file(client_id)
    form = _start_form(formdata=None)
    return _start_page(client, form)


@bp.route("/klienten/<int:client_id>/briefe/entwurf", methods=["POST"])
@reads_only
@requires("client.read", "letter.write")
def draft(client_id: int):
    """Fill the chosen template: a POST, because what is typed (file numbers) stays out of URLs."""
    client = _open_file(client_id)
    form = _start_form()
    if not form.validate_on_submit():
        return _start_page(client, form, 422)
    template = next((t for t in templates() if str(t.id) == form.template_id.data), None)
    organization = db.session.get(Organization, int(form.organization_id.data))
    if template is None or organization is None:
        abort(404)
    version, today = template.current, local_today()
    try:
        filled = compose.fill(version, client, organization, today, form.filled())
    except sandbox.TemplateRefused as refused:
        return _start_page(client, form, 422, problem=str(refused))
    letter_form = LetterForm(formdata=None)
    letter_form.template_version_id.data, letter_form.organization_id.data = str(version.id), str(organization.id)
    letter_form.address.data, letter_form.subject.data, letter_form.body.data = (
        filled.address,
        filled.subject,
        filled.body,
    )
    letter_form.deadline.data = compose.deadline_for(version, today)
    return _edit_page(client, letter_form, version, organization)


def _edit_page(client, form, version, organization, status: int = 200, blocked=None):
    return render_template(
        "letters/edit.html",
        client=client,
        form=form,
        version=version,
        organization=organization,
        blocked=blocked,
        pdf_missing=not output.pdf_available(),
        consent_args={
            "stelle": organization.id,
            "zweck": compose.PURPOSE,
            "daten": " ".join(sorted(sandbox.check(version.subject).scope | sandbox.check(version.body).scope)),
        },
    ), status


@bp.route("/klienten/<int:client_id>/briefe", methods=["POST"])
@requires("client.read", "letter.write")
def save(client_id: int):
    client = _open_file(client_id, lock=True)
    form = LetterForm()
    version = db.session.get(LetterTemplateVersion, parse_id(form.template_version_id.data) or 0)
    organization = db.session.get(Organization, parse_id(form.organization_id.data) or 0)
    if version is None or organization is None:
        flash(_("Vorlage oder Stelle gibt es nicht mehr. Bitte beginnen Sie den Brief neu."), "error")
        return _start_page(client, _start_form(formdata=None), 422)
    if not form.validate_on_submit():
        return _edit_page(client, form, version, organization, 422)
    draft = compose.Draft(form.address.data, form.subject.data, form.body.data)
    try:
        letter = compose.save(client, version, organization, draft, form.deadline.data, local_today())
    except compose.Refused as refused:
        db.session.rollback()
        client = _open_file(client_id)
        return _edit_page(client, form, version, organization, 422, blocked=refused.check)
    db.session.commit()
    flash(_("Der Brief wurde gespeichert und im Schriftverkehr eingetragen."), "success")
    if letter.document_id is None:
        flash(str(output.UNAVAILABLE), "error")
    return redirect(url_for("letters.detail", client_id=client.id, letter_id=letter.id), code=303)


def _letter(client, letter_id: int) -> Letter:
    return part_or_404(Letter, letter_id, client)


@bp.route("/klienten/<int:client_id>/briefe/<int:letter_id>")
@requires("client.read", "letter.write")
def detail(client_id: int, letter_id: int):
    client = client_or_404(client_id)
    letter = _letter(client, letter_id)
    audit.record("letter.viewed", "letter", letter.id, detail=f"client={client.id}")
    return render_template(
        "letters/detail.html",
        client=client,
        letter=letter,
        paragraphs=output.paragraphs(letter.body),
        pdf_missing=not output.pdf_available(),
    )


@bp.route("/klienten/<int:client_id>/briefe/<int:letter_id>/brief.pdf")
@requires("client.read", "letter.write")
def pdf(client_id: int, letter_id: int):
    client = client_or_404(client_id)
    letter = _letter(client, letter_id)
    try:
        data = _stored_pdf(letter) or output.pdf(letter, client)
    except output.PdfUnavailable as missing:
        abort(503, str(missing))
    audit.record("letter.downloaded", "letter", letter.id, detail=f"client={client.id}; format=pdf")
    return _download(data, "application/pdf", output.filename(letter, "pdf"))


def _stored_pdf(letter: Letter) -> bytes | None:
    """The PDF as saved with the letter (what was sent), while its document is in the file."""
    document = db.session.get(Document, letter.document_id) if letter.document_id else None
    storage = store()
    if document is None or document.deleted or not storage.exists(document.sha256):
        return None
    return storage.path(document.sha256).read_bytes()


@bp.route("/klienten/<int:client_id>/briefe/<int:letter_id>/brief.docx")
@requires("client.read", "letter.write")
def docx(client_id: int, letter_id: int):
    client = client_or_404(client_id)
    letter = _letter(client, letter_id)
    audit.record("letter.downloaded", "letter", letter.id, detail=f"client={client.id}; format=docx")
    return _download(output.docx(letter, client), DOCX_TYPE, output.filename(letter, "docx"))


def _download(data: bytes, media_type: str, filename: str) -> Response:
    response = Response(data, mimetype=media_type)
    response.headers["Content-Disposition"] = content_disposition("attachment", filename)
    return response
