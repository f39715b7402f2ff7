"""Editing the file's header data in place: personal data and the household."""

from flask import abort, request
from flask_babel import gettext as _

from ..extensions import db
from ..security import requires
from .access import client_or_404
from .blueprint import bp
from .forms import HouseholdForm, PersonForm
from .household import edited_rows, wants_row_change
from .matching import refresh_search
from .models import HouseholdMember
from .views_common import apply, conflict, form_response, record_change, saved

NAME_FIELDS = {"family_name", "given_names", "name_original", "other_spellings", "birth_date"}


@bp.route("/klienten/<int:client_id>/stammdaten", methods=["GET", "POST"])
@requires("client.write")
def personal_edit(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    form = PersonForm()
    if request.method == "GET":
        form.fill(client)
    template = "clients/forms/_personal.html"
    if not form.validate_on_submit():
        return form_response(template, client, "personal", 422 if form.is_submitted() else 200, form=form)
    if form.version.stale(client.version):
        form.version.data = str(client.version)
        return conflict(template, client, "personal", form=form)
    changed = apply(client, form.values())
    if changed:
        client.version += 1
        if NAME_FIELDS & set(changed):
            refresh_search(client)
        record_change(client, "personal_changed", changed)
        db.session.commit()
    return saved(client, "personal", _("Die Stammdaten wurden gespeichert.") if changed else None)


def _household_form(client, formdata=None) -> HouseholdForm:
    if formdata is not None:
        return HouseholdForm(formdata)
    form = HouseholdForm(
        formdata=None,
        members=[
            {
                "member_id": str(m.id),
                "family_name": m.family_name,
                "given_names": m.given_names,
                "relation": m.relation,
                "birth_date": m.birth_date,
            }
            for m in client.household
        ],
    )
    for entry, member in zip(form.members, client.household, strict=False):
        if member.birth_date_approximate and member.birth_date:
            # Shown as the bare year, so that saving again keeps it approximate.
            entry.form.birth_date.raw = str(member.birth_date.year)
    form.version.data = str(client.household_version)
    return form


@bp.route("/klienten/<int:client_id>/haushalt", methods=["GET", "POST"])
@requires("client.write")
def household_edit(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    template = "clients/forms/_household.html"
    if request.method == "POST" and wants_row_change(request.form):
        formdata, action = edited_rows(request.form, "members")
        return form_response(
            template, client, "household", form=_household_form(client, formdata), focus_row=action == "added"
        )
    form = _household_form(client, request.form if request.method == "POST" else None)
    if not form.validate_on_submit():
        return form_response(template, client, "household", 422 if form.is_submitted() else 200, form=form)
    if form.version.stale(client.household_version):
        form.version.data = str(client.household_version)
        return conflict(template, client, "household", form=form)
    existing = {str(m.id): m for m in client.household}
    kept, added, changed = set(), 0, []
    for row in form.filled_rows():
        values = {
            "family_name": row.family_name.data or "",
            "given_names": row.given_names.data or "",
            "relation": row.relation.data or "other",
            "birth_date": row.birth_date.data,
            "birth_date_approximate": row.birth_date.approximate,
        }
        if row.member_id.data and row.member_id.data not in existing:
            abort(404)  # a member of another household: as if the file did not exist
        member = existing.get(row.member_id.data or "")
        if member is None:
            client.household.append(HouseholdMember(**values))
            added += 1
        else:
            kept.add(row.member_id.data)
            changed += apply(member, values)
    removed = [m for key, m in existing.items() if key not in kept]
    for member in removed:
        client.household.remove(member)
    if added or removed or changed:
        client.household_version += 1
        record_change(client, "household_changed", sorted(set(changed)), added=added, removed=len(removed))
        db.session.commit()
        return saved(client, "household", _("Der Haushalt wurde gespeichert."))
    return saved(client, "household")
