"""Intake: a new client on one page, with duplicate hints while typing and household rows."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import Form

from .. import audit
from ..contributions import INTAKE, parts_for
from ..database import reads_only
from ..extensions import db
from ..fields import MONTH, parse_id, parse_ids
from ..security import has_permission, requires
from ..signals import client_created
from ..timeutil import local_today
from .access import visibility
from .blueprint import bp
from .casenumbers import next_case_number
from .districts import suggest_district
from .forms import HouseholdForm, IntakeForm, PersonForm, case_manager_choices
from .household import edited_rows, wants_row_change
from .matching import PersonQuery, likely_matches, refresh_search, remember_distinct
from .models import Client, HouseholdMember, PhaseEntry

MAX_DISMISSED = 50


class NameQueryForm(Form):
    """What the hints read while typing: PersonForm's own name and birth date fields, without
    the choice lists of the whole form. CSRFProtect checks every POST, so it needs no token field."""

    family_name = PersonForm.family_name
    given_names = PersonForm.given_names
    name_original = PersonForm.name_original
    other_spellings = PersonForm.other_spellings
    birth_date = PersonForm.birth_date
    birth_date_approximate = PersonForm.birth_date_approximate


def _dismissed(formdata) -> list[int]:
    """Ids marked "not the same person" on this page (hidden fields, plus the button just pressed)."""
    values = formdata.getlist("not_same") + formdata.getlist("not_same_add")
    return parse_ids(values, MAX_DISMISSED)


def _hints(form: PersonForm | NameQueryForm, dismissed: list[int]) -> list[dict]:
    query = PersonQuery(
        family=form.family_name.data or "",
        given=form.given_names.data or "",
        other_spellings=(form.name_original.data or "", *(form.other_spellings.data or "").splitlines()),
        birth_date=form.birth_date.data,
        birth_date_approximate=bool(form.birth_date_approximate.data or form.birth_date.approximate),
        birth_month_only=form.birth_date.precision == MONTH,
    )
    hints = likely_matches(query, exclude=dismissed)
    if not hints:
        return []
    visible = set(
        db.session.scalars(select(Client.id).where(visibility(), Client.id.in_([h.client_id for h in hints])))
    )
    return [{"hint": h, "visible": h.client_id in visible} for h in hints]


def _intake_form(formdata=None, data=None) -> IntakeForm:
    form = IntakeForm(formdata=formdata) if formdata is not None else IntakeForm(data=data or None)
    if has_permission("client.reassign"):
        form.case_manager_id.choices = case_manager_choices(current_user.team_id)
        if not form.case_manager_id.data:
            form.case_manager_id.data = str(current_user.id)
    else:
        # A case manager takes in their own clients; the team lead reassigns later if needed.
        form.case_manager_id.choices = case_manager_choices(None)
        form.case_manager_id.data = str(current_user.id)
    return form


def _prefill(visit_ref: str | None) -> dict:
    """Starting values other features contribute (reception: the walk-in's name and language)."""
    values: dict = {}
    for contributed in parts_for(INTAKE, visit_ref)["parts"].values():
        values.update(contributed)
    return values


def _page(form, dismissed, hints, status=200, focus_row=False):
    # A walk-in from reception ("Akte anlegen") carries its visit along, to be linked on save.
    visit_id = request.values.get("besuch", "")
    return render_template(
        "clients/intake.html",
        form=form,
        dismissed=dismissed,
        hints=hints,
        focus_row=focus_row,
        visit_id=str(parse_id(visit_id) or ""),
    ), status


@bp.route("/aufnahme", methods=["GET", "POST"])
@requires("client.create")
def intake():
    if request.method == "POST" and wants_row_change(request.form):
        # Without JavaScript the household buttons submit the whole page.
        formdata, action = edited_rows(request.form, "household")
        form = _intake_form(formdata)
        return _page(form, _dismissed(request.form), [], focus_row=action == "added")
    if request.method == "GET":
        return _page(_intake_form(data=_prefill(request.args.get("besuch"))), [], [])
    form = _intake_form(request.form)
    dismissed = _dismissed(request.form)
    if "not_same_add" in request.form:
        form.validate()
        return _page(form, dismissed, _hints(form, dismissed))
    if not form.validate():
        return _page(form, dismissed, _hints(form, dismissed) if form.family_name.data else [], 422)
    hints = _hints(form, dismissed)
    if hints:
        flash(_("Es gibt mögliche Dubletten. Bitte prüfen Sie jeden Hinweis: dieselbe Person oder nicht?"), "warning")
        return _page(form, dismissed, hints, 422)
    client = _create(form, dismissed)
    flash(_("Die Akte %(number)s wurde angelegt.", number=client.case_number), "success")
    return redirect(url_for("clients.file", client_id=client.id), code=303)


def _create(form: IntakeForm, dismissed: list[int]) -> Client:
    today = local_today()
    values = form.values()
    if values["district_id"] is None:
        suggested = suggest_district(values["postcode"], values["street"])
        values["district_id"] = suggested.id if suggested else None
    client = Client(
        **values,
        case_number=next_case_number(today.year),
        case_manager_id=int(form.case_manager_id.data),
        phase=1,
        phase_since=today,
        created_by_id=current_user.id,
    )
    db.session.add(client)
    for row in form.filled_rows():
        client.household.append(
            HouseholdMember(
                family_name=row.family_name.data or "",
                given_names=row.given_names.data or "",
                relation=row.relation.data or "other",
                birth_date=row.birth_date.data,
                birth_date_approximate=row.birth_date.approximate,
            )
        )
    db.session.flush()
    db.session.add(PhaseEntry(client_id=client.id, phase=1, entered_on=today, entered_by_id=current_user.id))
    refresh_search(client)
    stored = remember_distinct(client.id, dismissed, current_user.id)
    # Reception links a walk-in's visit to the new file ("Akte anlegen"), in this transaction.
    client_created.send(client, visit=request.form.get("besuch"), user=current_user)
    audit.record(
        "client.created",
        "client",
        client.id,
        detail=f"case_manager={client.case_manager_id}; household={len(client.household)}; "
        f"not_same={','.join(map(str, stored)) or '-'}",
    )
    db.session.commit()
    return client


@bp.route("/aufnahme/dubletten", methods=["POST"])
@reads_only
@requires("client.create")
def duplicate_hints():
    """The hint box while typing: POST, so that names never appear in a URL or an access log."""
    form = NameQueryForm(request.form)
    form.validate()
    dismissed = _dismissed(request.form)
    hints = _hints(form, dismissed) if form.family_name.data else []
    return render_template(
        "clients/_duplicate_hints.html", hints=hints, dismissed=dismissed, just_dismissed="not_same_add" in request.form
    )


@bp.route("/klienten/haushalt-zeilen", methods=["POST"])
@reads_only
@requires("client.write")
def household_rows():
    """Add or remove a household row (htmx); the rows come back re-numbered."""
    prefix = "members" if request.form.get("rows") == "members" else "household"
    formdata, action = edited_rows(request.form, prefix)
    rows = HouseholdForm(formdata).members if prefix == "members" else IntakeForm(formdata).household
    return render_template(
        "clients/_household_rows.html",
        rows=rows,
        prefix=prefix,
        focus_row=action == "added",
        focus_add=action == "removed",
    )


@bp.route("/klienten/sozialraum", methods=["POST"])
@reads_only
@requires("client.write")
def district_suggestion():
    """The district field again, with the district of the typed postcode and street suggested."""
    form = PersonForm(request.form)
    suggested = suggest_district(form.postcode.data, form.street.data)
    if suggested and not form.district_id.data:
        form.district_id.data = str(suggested.id)
    return render_template("clients/_district_field.html", form=form, suggested=suggested)
