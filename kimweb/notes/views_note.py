"""Writing a note: new, edit (a revision each time; a conference's agreements and their follow-ups kept in
step), soft delete with a reason, a letter's status; and what the form asks while it is filled in (htmx):
the deadline suggestion for a letter, the consent check for a case conference."""

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..clients.access import client_or_404
from ..clients.casework_models import FollowUp
from ..clients.forms import organization_choices
from ..clients.models import Client
from ..clients.section_forms import life_area_choices
from ..deadlines import non_working_day
from ..directory.models import Organization
from ..extensions import db
from ..fields import DateInputError, parse_date
from ..lifeareas import LifeArea
from ..security import requires
from ..timeutil import local_today, to_local, utcnow
from . import conferences, drafts, letters
from .access import can_change, can_read, note_or_404
from .blueprint import bp
from .forms import DeleteForm, NoteForm, StatusForm
from .models import ContactNote, snapshot
from .views_timeline import file_url


def _form_choices(form: NoteForm) -> None:
    agencies = organization_choices()
    form.organization_ids.choices = agencies[1:]
    form.letter_authority.choices = agencies
    form.life_area_ids.choices = life_area_choices()


def _apply(form: NoteForm, note: ContactNote) -> None:
    note.occurred_at = form.occurred_at()
    note.kind = form.kind.data
    note.duration_minutes = form.duration_minutes.data
    note.participants_text = form.participants_text.data or None
    note.text = form.text.data
    note.confidential = bool(form.confidential.data)
    org_ids = [int(i) for i in form.organization_ids.data or ()]
    area_ids = [int(i) for i in form.life_area_ids.data or ()]
    note.organizations = (
        list(db.session.scalars(select(Organization).where(Organization.id.in_(org_ids)))) if org_ids else []
    )
    note.life_areas = list(db.session.scalars(select(LifeArea).where(LifeArea.id.in_(area_ids)))) if area_ids else []


def _consents_checked(form: NoteForm, client: Client, missing: list) -> bool:
    """For a case conference: are all participating agencies covered by an active consent, or
    did the user state why going ahead is right? `missing` receives the agencies without one."""
    if form.kind.data != "case_conference":
        return True
    missing.extend(
        conferences.agencies_without_consent(client, [int(i) for i in form.organization_ids.data or ()], local_today())
    )
    if not missing:
        return True
    if form.consent_override.data and form.consent_override_reason.data:
        return True
    if form.consent_override.data:
        form.consent_override_reason.errors = [
            *form.consent_override_reason.errors,
            _("Bitte begründen Sie, warum ohne Einwilligung gespeichert wird."),
        ]
    return False


def _apply_conference(form: NoteForm, note: ContactNote, missing: list) -> None:
    conferences.apply_conference(
        note, form.conference_next_date.data, missing, form.consent_override_reason.data or None
    )


def _ids(name: str, values: list) -> str:
    ids = [getattr(v, "id", v) for v in values]
    return f"; {name}=" + ",".join(str(i) for i in ids) if ids else ""


def _form_page(template: str, client: Client, status: int = 200, **context):
    return render_template(template, client=client, **context), status


@bp.route("/klienten/<int:client_id>/notizen/neu", methods=["GET", "POST"])
@requires("client.read", "notes.write")
def new(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    if client.closed:
        abort(404)
    draft = drafts.find(current_user.id, client.id) if request.method == "GET" else None
    form = NoteForm(formdata=drafts.as_formdata(draft)) if draft else NoteForm()
    _form_choices(form)
    if request.method == "GET" and not draft:
        now = to_local(utcnow())
        form.occurred_on.data = local_today()
        form.occurred_time.data = now.time().replace(second=0, microsecond=0)
    if request.method == "GET":
        form.version.data = "0"
    missing: list = []
    if (
        not form.validate_on_submit()
        or letters.offer_suggestion(form)
        or letters.warn_non_working_deadline(form)
        or not _consents_checked(form, client, missing)
    ):
        return _form_page(
            "notes/form.html",
            client,
            422 if form.is_submitted() else 200,
            form=form,
            note=None,
            draft=draft,
            missing=missing,
        )
    note = ContactNote(client_id=client.id, author_id=current_user.id, created_at=utcnow(), updated_at=utcnow())
    _apply(form, note)
    letters.apply_letter(form, note)
    _apply_conference(form, note, missing)
    if note.kind == "case_conference":
        conferences.add_agreements(note, form.agreement_rows())
    if form.follow_up_title.data and form.follow_up_due.data:
        note.follow_up = FollowUp(
            client_id=client.id,
            title=form.follow_up_title.data,
            due_on=form.follow_up_due.data,
            assignee_id=current_user.id,
            created_by_id=current_user.id,
        )
    db.session.add(note)
    snapshot(note, "created", current_user.id)
    db.session.flush()
    conferences.announce_next_date(note, client)
    letters.announce_hearing(note, client)
    follow_ups = [f.id for f in [note.follow_up, *(a.follow_up for a in note.agreements)] if f is not None]
    audit.record(
        "note.created",
        "contact_note",
        note.id,
        detail=f"client={client.id}" + _ids("followups", follow_ups) + _ids("consent_override", missing),
    )
    client.updated_at = utcnow()
    drafts.discard(current_user.id, client.id)
    db.session.commit()
    flash(_("Die Notiz wurde gespeichert."), "success")
    return redirect(file_url(client, note), code=303)


def _changeable(client_id: int, note_id: int):
    """The file and a note the current user may edit or delete (its author, file still open);
    locked for the write on PostgreSQL. Anything else is 404."""
    client = client_or_404(client_id, lock=request.method == "POST")
    note = note_or_404(client, note_id, lock=request.method == "POST")
    if not can_change(note) or client.closed:
        abort(404)
    return client, note


def _fill_from_note(form: NoteForm, note: ContactNote) -> None:
    local = to_local(note.occurred_at)
    form.occurred_on.data, form.occurred_time.data = local.date(), local.time().replace(second=0)
    form.kind.data, form.duration_minutes.data = note.kind, note.duration_minutes
    form.participants_text.data, form.text.data = note.participants_text, note.text
    form.confidential.data = note.confidential
    form.organization_ids.data = [str(o.id) for o in note.organizations]
    form.life_area_ids.data = [str(a.id) for a in note.life_areas]
    if note.letter:
        letters.fill_form(form, note.letter)
    if note.conference:
        form.conference_next_date.data = note.conference.next_date
    form.version.data = str(note.version)


def _keep_confirmation(form: NoteForm, note: ContactNote) -> None:
    """A restored draft of an edit keeps the confirmation of a deadline that is confirmed on the
    note already (the draft does not store the tick: a new deadline is confirmed by a person)."""
    letter = note.letter
    if letter and letter.deadline_confirmed_at and form.is_letter and form.letter_deadline.data == letter.deadline:
        form.letter_deadline_confirmed.data = True


def _agreement_rows(form: NoteForm, note: ContactNote, from_note: bool) -> None:
    """The saved agreements (when the form is filled from the note), then two empty rows to add
    more: an edit can change, remove and add agreements."""
    if from_note:
        while form.agreements.entries:
            form.agreements.pop_entry()
        for agreement in note.agreements:
            form.agreements.append_entry(
                {"id": str(agreement.id), "what": agreement.what, "who": agreement.who or "", "due": agreement.due_on}
            )
    blank = sum(1 for row in form.agreements if row.form.is_blank)
    while blank < 2 and len(form.agreements.entries) < form.agreements.max_entries:
        form.agreements.append_entry()
        blank += 1


def _edit_page(client: Client, note: ContactNote, form: NoteForm, status: int = 200, **context):
    return _form_page(
        "notes/form.html",
        client,
        status,
        form=form,
        note=note,
        saved_agreements={a.id: a for a in note.agreements},
        **context,
    )


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/bearbeiten", methods=["GET", "POST"])
@requires("client.read", "notes.write")
def edit(client_id: int, note_id: int):
    client, note = _changeable(client_id, note_id)
    draft = drafts.find(current_user.id, client.id, note.id) if request.method == "GET" else None
    form = NoteForm(formdata=drafts.as_formdata(draft)) if draft else NoteForm()
    _form_choices(form)
    if request.method == "GET":
        if draft:
            _keep_confirmation(form, note)
        else:
            _fill_from_note(form, note)
        _agreement_rows(form, note, from_note=not draft)
    # The follow-up belongs to the first save; later edits change the note only.
    form.follow_up_title.data = form.follow_up_due.data = None
    form.saved_agreement_dates = {a.id: a.due_on for a in note.agreements}
    missing: list = []
    # A draft begun on an older version: said at once; saving it answers 409 like any stale edit.
    changed_since = note.revisions[-1] if draft and form.version.stale(note.version) else None
    context = {"missing": missing, "draft": draft, "changed_since": changed_since}
    if not form.validate_on_submit():
        return _edit_page(client, note, form, 422 if form.is_submitted() else 200, **context)
    if form.version.stale(note.version):
        form.version.data = str(note.version)
        flash(
            _(
                "Jemand anderes hat diese Notiz inzwischen geändert. Ihr Text steht unten noch; bitte "
                "prüfen Sie ihn und speichern Sie erneut."
            ),
            "error",
        )
        return _edit_page(client, note, form, 409, conflict=True, **context)
    # Another kind of note adds no agreements (as when writing one); removing them stays possible.
    edits = [row for row in form.agreement_edits() if form.kind.data == "case_conference" or row[4]]
    if conferences.belong_elsewhere(note, [row[0] for row in edits]):
        abort(404)
    if (
        letters.offer_suggestion(form)
        or letters.warn_non_working_deadline(form)
        or not _consents_checked(form, client, missing)
    ):
        return _edit_page(client, note, form, 422, **context)
    _apply(form, note)
    letters.apply_letter(form, note)
    _apply_conference(form, note, missing)
    conferences.announce_next_date(note, client)
    letters.announce_hearing(note, client)
    agreement_changes = conferences.edit_agreements(note, edits)
    note.version += 1
    note.updated_at = utcnow()
    snapshot(note, "edited", current_user.id)
    db.session.flush()
    audit.record(
        "note.edited",
        "contact_note",
        note.id,
        detail=f"client={client.id}; version={note.version}" + _ids("consent_override", missing),
    )
    conferences.audit_agreements(note, agreement_changes)
    drafts.discard(current_user.id, client.id, note.id)
    db.session.commit()
    flash(_("Die Änderung wurde gespeichert; die frühere Fassung bleibt im Verlauf."), "success")
    return redirect(file_url(client, note), code=303)


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/loeschen", methods=["GET", "POST"])
@requires("client.read", "notes.write")
def delete(client_id: int, note_id: int):
    client, note = _changeable(client_id, note_id)
    form = DeleteForm()
    if request.method == "GET":
        form.version.data = str(note.version)
    context = {"form": form, "note": note}
    if not form.validate_on_submit():
        return _form_page("notes/delete.html", client, 422 if form.is_submitted() else 200, **context)
    if form.version.stale(note.version):
        form.version.data = str(note.version)
        flash(_("Jemand anderes hat diese Notiz inzwischen geändert. Bitte prüfen Sie den Verlauf."), "error")
        return _form_page("notes/delete.html", client, 409, conflict=True, **context)
    note.deleted_at, note.deleted_by_id = utcnow(), current_user.id
    note.delete_reason = form.reason.data
    note.version += 1
    snapshot(note, "deleted", current_user.id, reason=form.reason.data)
    drafts.discard_all_of(note)
    dropped = conferences.drop_open_follow_ups(note)
    detail = f"client={client.id}" + (f"; followups_removed={','.join(map(str, dropped))}" if dropped else "")
    audit.record("note.deleted", "contact_note", note.id, detail=detail)
    db.session.commit()
    flash(_("Die Notiz wurde gelöscht; sie bleibt mit dem Grund im Verlauf."), "success")
    return redirect(file_url(client, note), code=303)


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/stand", methods=["POST"])
@requires("client.read", "notes.write")
def letter_status(client_id: int, note_id: int):
    """Move a letter on (answered, appealed, done): whoever may read the note, not only its author."""
    client = client_or_404(client_id, lock=True)
    note = note_or_404(client, note_id, lock=True)
    if note.letter is None or note.deleted or not can_read(note, client) or client.closed:
        abort(404)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    if form.version.stale(note.version):
        abort(409)
    if form.status.data != note.letter.status:
        note.letter.set_status(form.status.data)
        note.version += 1
        note.updated_at = utcnow()
        snapshot(note, "status", current_user.id)
        audit.record(
            "note.letter_status", "contact_note", note.id, detail=f"client={client.id}; status={form.status.data}"
        )
        db.session.commit()
        flash(_("Der Stand des Schreibens wurde gespeichert."), "success")
    return redirect(file_url(client, note), code=303)


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
        served.value if served else None,
        bool(request.form.get("letter_remedy_missing")),
    )
    return render_template("notes/_deadline_suggestion_body.html", suggestion=found)


@bp.route("/klienten/<int:client_id>/notizen/fristpruefung", methods=["POST"])
@requires("client.read", "notes.write")
def deadline_check(client_id: int):
    """While a letter is written (htmx): a deadline typed on a weekend or NRW holiday is warned
    about at once, with the next working day."""
    client_or_404(client_id)
    try:
        typed = parse_date(request.form.get("letter_deadline"), local_today())
    except DateInputError:
        typed = None
    warning = non_working_day(typed.value) if typed else None
    return render_template("notes/_deadline_warning_body.html", warning=warning, focus=False)


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
