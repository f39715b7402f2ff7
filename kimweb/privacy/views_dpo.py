"""The data-protection officer's pages: the audit trail, the registers, the record of processing
activities (Art. 30) as a page and as PDF."""

from flask import make_response, render_template, request
from flask_babel import gettext as _

from .. import audit
from ..extensions import db
from ..security import requires
from . import registers
from .blueprint import bp
from .forms import AuditSearchForm
from .subject_access import pdf_available, pdf_bytes


@bp.route("/datenschutz/protokoll", methods=["GET", "POST"])
@requires("privacy.dpo")
def audit_search():
    """A POST: a case number typed here is personal data and stays out of URLs and logs."""
    form = AuditSearchForm()
    events = None
    if request.method == "POST" and form.validate():
        client_id = registers.person_id(form.person.data)
        if form.person.data and client_id is None:
            form.person.errors = [_("Keine Akte mit dieser Nummer.")]
        else:
            events = registers.search_audit(client_id, form.user.data, form.action.data, form.start.data, form.end.data)
            audit.record("audit.searched", "client" if client_id else None, client_id)
            db.session.commit()
    status = 422 if form.errors else 200
    return render_template("privacy/audit_search.html", form=form, events=events), status


@bp.route("/datenschutz/register")
@requires("privacy.dpo")
def register_list():
    return render_template("privacy/registers.html", registers=registers.registers())


@bp.route("/datenschutz/verzeichnis")
@requires("privacy.dpo")
def processing_record():
    record = registers.processing_record()
    if request.args.get("format") == "pdf" and pdf_available():
        html = render_template("privacy/processing_record.html", record=record, printable=True)
        response = make_response(pdf_bytes(html))
        response.mimetype = "application/pdf"
        response.headers["Content-Disposition"] = "attachment; filename=verarbeitungsverzeichnis.pdf"
        return response
    return render_template("privacy/processing_record.html", record=record, printable=False, pdf=pdf_available())
