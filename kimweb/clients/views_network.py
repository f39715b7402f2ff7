"""The client's network: consents (revoked with a date, never deleted), involved agencies, and
follow-ups (Wiedervorlagen)."""

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..auth.models import User
from ..extensions import db
from ..fields import parse_id
from ..security import requires
from ..timeutil import local_today, utcnow
from .access import client_or_404, part_or_404
from .blueprint import bp
from .casework_models import Consent, FollowUp, InvolvedPerson, Involvement
from .consent_scope import DATA_KINDS, PURPOSES
from .followups import is_sealed
from .models import ClientDeputy
from .section_forms import ConsentForm, FollowUpForm, InvolvedPersonForm, InvolvementForm, RevokeForm, VersionForm
from .views_common import apply, conflict, form_response, record_change, saved


def prefill_consent(form: ConsentForm, client, args) -> None:
    """A new consent's form, filled from what a refused disclosure needed (?stelle=&zweck=&daten=)."""
    form.given_on.data = local_today()
    form.explained_language.data = (client.languages.split() or [""])[0]
    if parse_id(args.get("stelle")):
        form.organization_id.data = args["stelle"]
    form.purposes.data = [c for c in args.get("zweck", "").split() if c in PURPOSES]
    form.data_scope.data = [c for c in args.get("daten", "").split() if c in DATA_KINDS]
    form.health_data.data = args.get("gesundheit") == "1"


def record_consent(client, form: ConsentForm) -> Consent:
    """Save a validated consent form (also used where a referral asked for the consent)."""
    consent = Consent(
        client_id=client.id,
        organization_id=int(form.organization_id.data),
        purpose=form.purpose.data or "",
        purposes=form.purposes.joined,
        data_scope=form.data_scope.joined,
        data_kinds=form.data_kinds.data or None,
        health_data=bool(form.health_data.data),
        given_on=form.given_on.data,
        valid_until=form.valid_until.data,
        explained_language=form.explained_language.data or None,
        interpreted_by=form.interpreted_by.data or None,
        paper_reference=form.paper_reference.data or None,
        created_by_id=current_user.id,
    )
    db.session.add(consent)
    db.session.flush()
    record_change(
        client,
        "consent_added",
        consent=consent.id,
        organization=consent.organization_id,
        health=int(consent.health_data),
    )
    return consent


@bp.route("/klienten/<int:client_id>/einwilligungen/neu", methods=["GET", "POST"])
@requires("client.write")
def consent_add(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    form = ConsentForm()
    if request.method == "GET":
        prefill_consent(form, client, request.args)
    template = "clients/forms/_consent.html"
    if not form.validate_on_submit():
        return form_response(template, client, "consents", 422 if form.is_submitted() else 200, form=form)
    record_consent(client, form)
    db.session.commit()
    return saved(client, "consents", _("Die Einwilligung wurde eingetragen."))


@bp.route("/klienten/<int:client_id>/einwilligungen/<int:consent_id>/widerruf", methods=["GET", "POST"])
@requires("client.write")
def consent_revoke(client_id: int, consent_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    consent = part_or_404(Consent, consent_id, client)
    if consent.revoked_on is not None and request.method == "GET":
        abort(404)
    form = RevokeForm()
    if request.method == "GET":
        form.revoked_on.data = local_today()
        form.version.data = str(consent.version)
    template = "clients/forms/_revoke.html"
    context = {"form": form, "consent": consent}
    if not form.validate_on_submit():
        return form_response(template, client, "consents", 422 if form.is_submitted() else 200, **context)
    if form.version.stale(consent.version) or consent.revoked_on is not None:
        form.version.data = str(consent.version)
        return conflict(template, client, "consents", **context)
    if form.revoked_on.data < consent.given_on:
        form.revoked_on.errors = [_("Der Widerruf kann nicht vor der Einwilligung liegen.")]
        return form_response(template, client, "consents", 422, **context)
    consent.revoked_on, consent.revoked_recorded_by_id = form.revoked_on.data, current_user.id
    consent.version += 1
    record_change(client, "consent_revoked", consent=consent.id, organization=consent.organization_id)
    db.session.commit()
    return saved(client, "consents", _("Der Widerruf wurde eingetragen. Ab sofort keine Weitergabe an diese Stelle."))


@bp.route("/klienten/<int:client_id>/beteiligte/neu", methods=["GET", "POST"], defaults={"involvement_id": None})
@bp.route("/klienten/<int:client_id>/beteiligte/<int:involvement_id>", methods=["GET", "POST"])
@requires("client.write")
def involvement_edit(client_id: int, involvement_id: int | None):
    client = client_or_404(client_id, lock=request.method == "POST")
    involvement = part_or_404(Involvement, involvement_id, client) if involvement_id else None
    form = InvolvementForm()
    if request.method == "GET":
        if involvement:
            form.organization_id.data = str(involvement.organization_id)
            form.contact_person.data, form.role.data = involvement.contact_person, involvement.role
            form.since.data, form.ended_on.data = involvement.since, involvement.ended_on
        else:
            form.since.data = local_today()
        form.version.data = str(involvement.version if involvement else 0)
    template = "clients/forms/_involvement.html"
    context = {"form": form, "involvement": involvement}
    if not form.validate_on_submit():
        return form_response(template, client, "network", 422 if form.is_submitted() else 200, **context)
    if involvement and form.version.stale(involvement.version):
        form.version.data = str(involvement.version)
        return conflict(template, client, "network", **context)
    values = {
        "organization_id": int(form.organization_id.data),
        "contact_person": form.contact_person.data or None,
        "role": form.role.data or None,
        "since": form.since.data,
        "ended_on": form.ended_on.data,
    }
    if involvement is None:
        involvement = Involvement(client_id=client.id, **values)
        db.session.add(involvement)
        db.session.flush()
        record_change(client, "involvement_added", involvement=involvement.id, organization=involvement.organization_id)
    elif changed := apply(involvement, values):
        involvement.version += 1
        record_change(client, "involvement_changed", changed, involvement=involvement.id)
    db.session.commit()
    return saved(client, "network", _("Die Beteiligung wurde gespeichert."))


PERSON_FIELDS = ("kind", "name", "role", "phone", "email", "address", "note", "since", "ended_on")


@bp.route("/klienten/<int:client_id>/personen/neu", methods=["GET", "POST"], defaults={"person_id": None})
@bp.route("/klienten/<int:client_id>/personen/<int:person_id>", methods=["GET", "POST"])
@requires("client.write")
def person_edit(client_id: int, person_id: int | None):
    """A person who is involved without being an agency (guardian, lawyer, mentor, doctor)."""
    client = client_or_404(client_id, lock=request.method == "POST")
    person = part_or_404(InvolvedPerson, person_id, client) if person_id else None
    form = InvolvedPersonForm()
    if request.method == "GET":
        if person:
            for name in PERSON_FIELDS:
                getattr(form, name).data = getattr(person, name)
        else:
            form.since.data = local_today()
        form.version.data = str(person.version if person else 0)
    template = "clients/forms/_person.html"
    context = {"form": form, "person": person}
    if not form.validate_on_submit():
        return form_response(template, client, "network", 422 if form.is_submitted() else 200, **context)
    if person and form.version.stale(person.version):
        form.version.data = str(person.version)
        return conflict(template, client, "network", **context)
    values = {name: getattr(form, name).data or None for name in PERSON_FIELDS}
    if person is None:
        person = InvolvedPerson(client_id=client.id, created_by_id=current_user.id, **values)
        db.session.add(person)
        db.session.flush()
        record_change(client, "person_added", person=person.id, kind=person.kind)
    elif changed := apply(person, values):
        person.version += 1
        record_change(client, "person_changed", changed, person=person.id)
    db.session.commit()
    return saved(client, "network", _("Die beteiligte Person wurde gespeichert."))


@bp.route("/klienten/<int:client_id>/personen/<int:person_id>/entfernen", methods=["POST"])
@requires("client.write")
def person_remove(client_id: int, person_id: int):
    """For an entry made by mistake; someone who is no longer involved gets an end date instead."""
    client = client_or_404(client_id, lock=True)
    person = part_or_404(InvolvedPerson, person_id, client)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    if form.version.stale(person.version):
        return saved(client, "network", _("Dieser Eintrag wurde inzwischen geändert. Bitte prüfen Sie ihn."))
    db.session.delete(person)
    record_change(client, "person_removed", person=person_id)
    db.session.commit()
    return saved(client, "network", _("Die beteiligte Person wurde entfernt."))


def _assignee_choices(client) -> list[SelectChoice]:
    """The case manager first, then the deputies and whoever is writing: people who can open the file."""
    deputies = db.session.scalars(
        select(User)
        .join(ClientDeputy, ClientDeputy.user_id == User.id)
        .where(ClientDeputy.client_id == client.id)
        .order_by(User.display_name)
    )
    people = {client.case_manager.id: client.case_manager}
    for user in [*deputies, current_user]:
        people.setdefault(user.id, user)
    return [SelectChoice(str(u.id), u.display_name) for u in people.values()]


@bp.route("/klienten/<int:client_id>/wiedervorlagen/neu", methods=["GET", "POST"], defaults={"followup_id": None})
@bp.route("/klienten/<int:client_id>/wiedervorlagen/<int:followup_id>", methods=["GET", "POST"])
@requires("client.write")
def followup_edit(client_id: int, followup_id: int | None):
    client = client_or_404(client_id, lock=request.method == "POST")
    followup = part_or_404(FollowUp, followup_id, client) if followup_id else None
    if followup is not None and is_sealed(followup):
        abort(404)  # its form would show the title of a confidential note's follow-up
    form = FollowUpForm()
    form.assignee_id.choices = _assignee_choices(client)
    if request.method == "GET":
        if followup:
            form.title.data, form.due_on.data = followup.title, followup.due_on
            form.assignee_id.data = str(followup.assignee_id)
        else:
            form.assignee_id.data = str(current_user.id)
        form.version.data = str(followup.version if followup else 0)
    template = "clients/forms/_followup.html"
    context = {"form": form, "followup": followup}
    if not form.validate_on_submit():
        return form_response(template, client, "followups", 422 if form.is_submitted() else 200, **context)
    if followup and form.version.stale(followup.version):
        form.version.data = str(followup.version)
        return conflict(template, client, "followups", **context)
    values = {"title": form.title.data, "due_on": form.due_on.data, "assignee_id": int(form.assignee_id.data)}
    if followup is None:
        followup = FollowUp(client_id=client.id, created_by_id=current_user.id, **values)
        db.session.add(followup)
        db.session.flush()
        record_change(client, "followup_added", followup=followup.id, assignee=followup.assignee_id)
    elif changed := apply(followup, values):
        followup.version += 1
        record_change(client, "followup_changed", changed, followup=followup.id)
    db.session.commit()
    return saved(client, "followups", _("Die Wiedervorlage wurde gespeichert."))


@bp.route("/klienten/<int:client_id>/wiedervorlagen/<int:followup_id>/erledigt", methods=["POST"])
@requires("client.write")
def followup_toggle(client_id: int, followup_id: int):
    client = client_or_404(client_id, lock=True)
    followup = part_or_404(FollowUp, followup_id, client)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    if form.version.stale(followup.version):
        # Already toggled by someone else: show the section as it is now instead of undoing it.
        return saved(client, "followups", _("Diese Wiedervorlage wurde inzwischen geändert."))
    done = followup.done_at is None
    followup.done_at, followup.done_by_id = (utcnow(), current_user.id) if done else (None, None)
    followup.version += 1
    record_change(client, "followup_done" if done else "followup_reopened", followup=followup.id)
    db.session.commit()
    return saved(client, "followups")
