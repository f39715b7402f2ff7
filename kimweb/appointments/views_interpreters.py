"""Interpreters: a request from an appointment (printable, or sent by e-mail, for the pool or
agency), its answer, the list of open requests, and the office's small list of interpreters with
their languages."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..clients.access import client_or_404
from ..extensions import db
from ..fields import parse_id
from ..security import has_permission, requires
from . import interpreting, request_text
from .blueprint import bp
from .forms import AnswerForm, InterpreterForm, RequestForm
from .models import Interpreter, InterpreterRequest
from .queries import appointment_of, open_requests


def _request_of(appointment, request_id: int) -> InterpreterRequest:
    """A request of this appointment (which came through the file's scoped load), else 404."""
    entry = db.session.get(InterpreterRequest, request_id)
    if entry is None or entry.appointment_id != appointment.id:
        abort(404)
    return entry


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>/dolmetschen", methods=["GET", "POST"])
@requires("interpreter.request")
def request_new(client_id: int, appointment_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    appointment = appointment_of(client, appointment_id)
    form = RequestForm()
    if request.method == "GET":
        form.language.data = appointment.interpreter_language or client.interpreter_language or ""
        form.kind.data = appointment.interpreter_kind or "pool"
        form.legal_consequences.data = appointment.legal_consequences
    warning = interpreting.notice_warning(appointment, form.kind.data or "")
    context = {"client": client, "appointment": appointment, "form": form, "warning": warning}
    if not form.validate_on_submit():
        return render_template("appointments/request_new.html", **context), 422 if form.is_submitted() else 200
    entry = interpreting.request_interpreter(
        appointment,
        form.language.data,
        form.kind.data,
        bool(form.legal_consequences.data),
        form.note.data,
        current_user,
    )
    if not appointment.interpreter_kind:
        appointment.interpreter_kind, appointment.interpreter_language = form.kind.data, form.language.data
        appointment.legal_consequences = bool(form.legal_consequences.data)
    db.session.commit()
    if warning:
        flash(warning, "error")
    flash(_("Die Anfrage ist gespeichert. Drucken oder senden Sie sie jetzt an den Pool bzw. die Agentur."), "success")
    return redirect(
        url_for("appointments.request_detail", client_id=client.id, appointment_id=appointment.id, request_id=entry.id),
        code=303,
    )


@bp.route(
    "/klienten/<int:client_id>/termine/<int:appointment_id>/dolmetschen/<int:request_id>", methods=["GET", "POST"]
)
@requires("interpreter.request")
def request_detail(client_id: int, appointment_id: int, request_id: int):
    """The request as the pool wants it (printable), and its answer: zugesagt mit Name, abgesagt."""
    client = client_or_404(client_id, lock=request.method == "POST")
    appointment = appointment_of(client, appointment_id)
    entry = _request_of(appointment, request_id)
    form = AnswerForm(interpreters=interpreting.interpreter_choices(entry.language))
    if request.method == "GET":
        form.version.data = str(entry.version)
        audit.record("interpreter.request_viewed", "interpreter_request", entry.id)
    context = {
        "client": client,
        "appointment": appointment,
        "entry": entry,
        "form": form,
        "warning": interpreting.notice_warning(appointment, entry.kind) if entry.state == "requested" else None,
        "heading": request_text.heading_line(entry),
        "facts": request_text.request_facts(entry),
        "mail_links": request_text.mail_links(entry),
        "source": request_text.SOURCE_FOR_KIND.get(entry.kind, "agency"),
    }
    if request.method == "GET":
        return render_template("appointments/request_detail.html", **context)
    if form.version.stale(entry.version):
        flash(_("Jemand anderes hat diese Anfrage inzwischen beantwortet. Bitte prüfen Sie den Stand."), "error")
        form.version.data = str(entry.version)
        return render_template("appointments/request_detail.html", **context), 409
    if not form.validate_on_submit():
        return render_template("appointments/request_detail.html", **context), 422
    interpreter_id = parse_id(form.interpreter_id.data)
    interpreter = db.session.get(Interpreter, interpreter_id) if interpreter_id else None
    interpreting.answer(entry, form.state.data, interpreter, form.interpreter_name.data, form.note.data)
    db.session.commit()
    flash(_("Die Antwort wurde gespeichert."), "success")
    return redirect(
        url_for("appointments.request_detail", client_id=client.id, appointment_id=appointment.id, request_id=entry.id),
        code=303,
    )


@bp.route("/dolmetschen/")
@requires("interpreter.read")
def interpreters():
    """Open interpreter requests (of files one may open) and the office's interpreters."""
    rows = open_requests(current_user) if has_permission("interpreter.request") else []
    warnings = {r.id: interpreting.notice_warning(r.appointment, r.kind) for r in rows}
    people = db.session.scalars(select(Interpreter).order_by(Interpreter.active.desc(), Interpreter.name)).all()
    return render_template("appointments/interpreters.html", requests=rows, warnings=warnings, people=people)


@bp.route("/dolmetschen/liste/neu", methods=["GET", "POST"])
@bp.route("/dolmetschen/liste/<int:interpreter_id>", methods=["GET", "POST"])
@requires("interpreter.manage")
def interpreter_edit(interpreter_id: int | None = None):
    interpreter = db.get_or_404(Interpreter, interpreter_id) if interpreter_id else None
    form = InterpreterForm()
    if request.method == "GET" and interpreter is not None:
        form.process(obj=interpreter)
        form.languages.set_joined(interpreter.languages)
        form.version.data = str(interpreter.version)
    if request.method == "GET":
        return render_template("appointments/interpreter_form.html", form=form, interpreter=interpreter)
    if interpreter is not None and form.version.stale(interpreter.version):
        flash(_("Jemand anderes hat diesen Eintrag inzwischen geändert. Ihre Eingaben sind noch da."), "error")
        form.version.data = str(interpreter.version)
        return render_template("appointments/interpreter_form.html", form=form, interpreter=interpreter), 409
    if not form.validate_on_submit():
        return render_template("appointments/interpreter_form.html", form=form, interpreter=interpreter), 422
    if interpreter is None:
        interpreter = Interpreter(name=form.name.data)
        db.session.add(interpreter)
    else:
        interpreter.version += 1
    interpreter.name, interpreter.source = form.name.data, form.source.data or "pool"
    interpreter.languages = form.languages.joined
    interpreter.phone, interpreter.email = form.phone.data or None, form.email.data or None
    interpreter.note, interpreter.active = form.note.data or None, bool(form.active.data)
    db.session.flush()
    audit.record("interpreter.saved", "interpreter", interpreter.id)
    db.session.commit()
    flash(_("Der Eintrag wurde gespeichert."), "success")
    return redirect(url_for("appointments.interpreters"), code=303)
