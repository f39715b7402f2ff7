"""The case file page, its section fragments, phases (closing, reopening) and deputies."""

from datetime import date
from typing import cast

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import CursorResult, delete, select
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..auth.models import User
from ..contributions import CLIENT_FILE, contributed_sections, section_part
from ..extensions import db
from ..htmx import is_partial
from ..security import has_permission, requires, roles_with
from ..signals import file_closing
from ..timeutil import local_today
from .access import client_or_404, is_responsible
from .blueprint import bp
from .choices import CLOSED_PHASE, RETENTION_YEARS
from .forms import case_manager_choices
from .glance import deputies, due_context, glance_context
from .models import ClientDeputy, PhaseEntry
from .section_forms import DeputyForm, PhaseForm, VersionForm
from .sections import SECTION_LABELS, SECTIONS
from .views_common import conflict, form_response, record_change, render_section, saved, section_page_context


def _nav(client) -> list[tuple[str, str]]:
    """The file's sections (its own and the contributed ones), as (name, label), for the tabs."""
    own = [(name, str(label)) for name, label in SECTION_LABELS.items() if name != "openings" or is_responsible(client)]
    contributed = [(part.key, str(part.label or part.key)) for part in contributed_sections(CLIENT_FILE)]
    return own[:6] + contributed + own[6:]


@bp.route("/klienten/<int:client_id>")
@requires("client.read")
def file(client_id: int):
    """The first screen: who, what is due, the life areas, who is involved, the latest contacts.
    Everything else is a section opened on demand (section())."""
    client = client_or_404(client_id)  # the read is audited there
    reassign_choices = case_manager_choices(current_user.team_id) if has_permission("client.reassign") else []
    return render_template(
        "clients/file.html",
        reassign_choices=reassign_choices,
        responsible=is_responsible(client),
        sections=_nav(client),
        **glance_context(client),
    )


@bp.route("/klienten/<int:client_id>/abschnitt/<name>")
@requires("client.read")
def section(client_id: int, name: str):
    """One section: a fragment for htmx (with the header's due list out of band), or a page of its
    own (a link opened in a new tab, the back button, printing)."""
    client = client_or_404(client_id)
    part = None if name in SECTIONS else section_part(CLIENT_FILE, name)
    if name not in SECTIONS and part is None:
        abort(404)
    if is_partial():
        return render_section(client, name)
    return render_template(
        "clients/section_page.html",
        name=name,
        section_template=SECTIONS[name][0] if part is None else part.template,
        **{
            "deputies": deputies(client),
            **section_page_context(client, name),
            **due_context(client),
            "reassign_choices": [],
            "sections": _nav(client),
        },
    )


@bp.route("/klienten/<int:client_id>/uebersicht")
@requires("client.read")
def summary(client_id: int):
    """The case summary (Fallübersicht) for handover, supervision or a change of Träger: the first
    screen and the plan on A4."""
    client = client_or_404(client_id)
    audit.record("client.summary_viewed", "client", client.id)
    today = local_today()
    return render_template(
        "clients/summary.html",
        responsible=is_responsible(client),
        **glance_context(client),
        **SECTIONS["plan"][1](client, today),
    )


@bp.route("/klienten/<int:client_id>/uebersicht/gedruckt", methods=["POST"])
@requires("client.read")
def summary_printed(client_id: int):
    """The print button: printing a file's summary is audited (it leaves the screen on paper)."""
    client = client_or_404(client_id)
    if not VersionForm().validate_on_submit():
        abort(400)
    audit.record("client.summary_printed", "client", client.id)
    db.session.commit()
    if is_partial():
        return "", 204
    return redirect(url_for("clients.summary", client_id=client.id), code=303)


def _retention_until(closed_on: date) -> date:
    try:
        return closed_on.replace(year=closed_on.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return closed_on.replace(year=closed_on.year + RETENTION_YEARS, day=28)


@bp.route("/klienten/<int:client_id>/phase", methods=["GET", "POST"])
@requires("client.write")
def phase(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    if client.closed:
        abort(404)
    form = PhaseForm()
    if request.method == "GET":
        form.phase.data = str(client.phase)
        form.entered_on.data = local_today()
        form.version.data = str(client.phase)
    template = "clients/forms/_phase.html"
    if not form.validate_on_submit():
        return form_response(template, client, "phase", 422 if form.is_submitted() else 200, form=form)
    if form.version.stale(client.phase):
        form.version.data = str(client.phase)
        return conflict(template, client, "phase", form=form)
    new_phase = int(form.phase.data)
    closing = new_phase == CLOSED_PHASE
    db.session.add(
        PhaseEntry(
            client_id=client.id,
            phase=new_phase,
            entered_on=form.entered_on.data,
            entered_by_id=current_user.id,
            closure_reason=form.closure_reason.data if closing else None,
        )
    )
    old = client.phase
    client.phase, client.phase_since = new_phase, form.entered_on.data
    client.closure_reason = form.closure_reason.data if closing else None
    client.retention_until = _retention_until(form.entered_on.data) if closing else None
    record_change(
        client,
        "phase_changed",
        phase=f"{old}->{new_phase}",
        **({"reason": form.closure_reason.data} if closing else {}),
    )
    if closing:
        # Other features close what they keep open for this file (referrals), in this transaction.
        file_closing.send(client, today=local_today())
    db.session.commit()
    message = _("Die Akte ist abgeschlossen.") if closing else _("Die Phase wurde geändert.")
    if closing and is_partial():
        # Closing changes the header and which sections can be edited: reload the whole file.
        flash(message, "success")
        return _reload_file(client)
    return saved(client, "phase", message)


@bp.route("/klienten/<int:client_id>/wiedereroeffnen", methods=["POST"])
@requires("client.write")
def reopen(client_id: int):
    client = client_or_404(client_id, lock=True)
    if not client.closed or not is_responsible(client):
        abort(404)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    previous = db.session.scalar(
        select(PhaseEntry.phase)
        .where(PhaseEntry.client_id == client.id, PhaseEntry.phase != CLOSED_PHASE)
        .order_by(PhaseEntry.entered_at.desc(), PhaseEntry.id.desc())
        .limit(1)
    )
    today = local_today()
    client.phase, client.phase_since = previous if previous is not None else 5, today
    client.closure_reason, client.retention_until = None, None
    db.session.add(
        PhaseEntry(
            client_id=client.id, phase=client.phase, entered_on=today, entered_by_id=current_user.id, reopened=True
        )
    )
    record_change(client, "reopened", phase=f"{CLOSED_PHASE}->{client.phase}")
    db.session.commit()
    flash(_("Die Akte ist wieder geöffnet."), "success")
    return redirect(url_for("clients.file", client_id=client.id), code=303)


def _reload_file(client):
    # htmx would follow a 303 inside its request and swap a whole page into the section;
    # HX-Redirect makes the browser load the file instead.
    response = make_response("", 204)
    response.headers["HX-Redirect"] = url_for("clients.file", client_id=client.id)
    return response


def _deputy_choices(client) -> list:
    taken = set(db.session.scalars(select(ClientDeputy.user_id).where(ClientDeputy.client_id == client.id)))
    users = db.session.scalars(
        select(User)
        .where(User.active.is_(True), User.role.in_(roles_with("client.read")), User.id != client.case_manager_id)
        .order_by(User.display_name)
    )
    return [SelectChoice("", _("– bitte wählen –"))] + [
        SelectChoice(str(u.id), f"{u.display_name} ({u.team.name if u.team else '–'})")
        for u in users
        if u.id not in taken
    ]


@bp.route("/klienten/<int:client_id>/vertretung", methods=["GET", "POST"])
@requires("client.write")
def deputy_add(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    if not is_responsible(client):
        abort(404)
    form = DeputyForm()
    form.user_id.choices = _deputy_choices(client)
    template = "clients/forms/_deputy.html"
    if form.validate_on_submit() and form.user_id.data:
        user_id = int(form.user_id.data)
        db.session.add(ClientDeputy(client_id=client.id, user_id=user_id, added_by_id=current_user.id))
        record_change(client, "deputy_added", user=user_id)
        db.session.commit()
        return saved(client, "deputies", _("Die Vertretung wurde eingetragen."))
    if form.is_submitted() and not form.user_id.errors:
        form.user_id.errors = [_("Bitte wählen Sie eine Kollegin oder einen Kollegen.")]
    return form_response(template, client, "deputies", 422 if form.is_submitted() else 200, form=form)


@bp.route("/klienten/<int:client_id>/vertretung/<int:user_id>/entfernen", methods=["POST"])
@requires("client.write")
def deputy_remove(client_id: int, user_id: int):
    client = client_or_404(client_id, lock=True)
    if not is_responsible(client):
        abort(404)
    # A DML statement's result is a CursorResult, which Session.execute() is not typed to return.
    removed = cast(
        CursorResult,
        db.session.execute(
            delete(ClientDeputy).where(ClientDeputy.client_id == client.id, ClientDeputy.user_id == user_id)
        ),
    ).rowcount
    if not removed:
        abort(404)
    record_change(client, "deputy_removed", user=user_id)
    db.session.commit()
    return saved(client, "deputies", _("Die Vertretung wurde beendet."))
