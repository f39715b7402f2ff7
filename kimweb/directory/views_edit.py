"""Editing agencies, locations and services (directory editors); every change audited with old and new values."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..fields import choices
from ..lifeareas import LifeArea, all_life_areas
from ..security import requires
from .blueprint import bp
from .editing import apply, get_or_404, record, set_main_phone
from .forms import LocationForm, OrganizationForm, ServiceForm
from .models import Location, Organization, Service, ServiceArea, ServiceAtLocation
from .search import district_choices
from .search.indexing import services_at, services_of_organization

ORGANIZATION_FIELDS = ("name", "alternate_name", "description", "url", "email", "legal_status")
LOCATION_FIELDS = (
    "name",
    "address_1",
    "postal_code",
    "city",
    "transportation",
    "accessibility_note",
    "latitude",
    "longitude",
    "description",
    "address_confidential",
)
SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "alert",
    "status_until",
    "referral_channel",
    "referral_address",
    "referral_note",
    "application_process",
    "intake_mode",
    "capacity",
    "wait_days",
    "capacity_updated_on",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "documents_required",
    "fees",
    "fees_covered_by",
    "interpretation_services",
    "url",
    "email",
)


def _conflict(template, **context):
    flash(
        _(
            "Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte prüfen Sie Ihre Eingaben "
            "und speichern Sie erneut."
        ),
        "error",
    )
    return render_template(template, conflict=True, **context), 409


def _stale(form, obj) -> bool:
    return form.version.data != str(obj.version)


@bp.route("/traeger/neu", methods=["GET", "POST"], defaults={"organization_id": None})
@bp.route("/traeger/<int:organization_id>/bearbeiten", methods=["GET", "POST"])
@requires("directory.edit")
def organization_edit(organization_id: int | None):
    organization = get_or_404(Organization, organization_id) if organization_id else None
    form = OrganizationForm(obj=organization if request.method == "GET" else None)
    if request.method == "GET" and organization:
        form.phone.data = organization.phones[0].number if organization.phones else None
        form.version.data = str(organization.version)
    if form.validate_on_submit():
        if organization is not None and _stale(form, organization):
            form.version.data = str(organization.version)
            return _conflict("directory/organization_form.html", form=form, organization=organization)
        created = organization is None
        if organization is None:
            organization = Organization(name=form.name.data.strip())
            db.session.add(organization)
            db.session.flush()
        changes = apply(organization, {f: getattr(form, f).data for f in ORGANIZATION_FIELDS})
        changes += set_main_phone(form.phone.data, organization_id=organization.id)
        db.session.flush()
        record(
            "directory.organization." + ("created" if created else "changed"),
            "organization",
            organization.id,
            changes,
            services_of_organization(organization.id),
        )
        db.session.commit()
        flash(_("Der Träger „%(name)s“ wurde gespeichert.", name=organization.name), "success")
        return redirect(url_for("directory.organization", organization_id=organization.id), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("directory/organization_form.html", form=form, organization=organization), status


def _location_form(location):
    form = LocationForm(obj=location if request.method == "GET" else None)
    form.district_id.choices = choices({t.id: t.name for t in district_choices()}, _("– nicht zugeordnet –"))
    if request.method == "GET" and location:
        form.district_id.data = str(location.district_id or "")
        for name in ("step_free", "lift", "accessible_wc"):
            getattr(form, name).set(getattr(location, name))
        form.phone.data = location.phones[0].number if location.phones else None
        form.version.data = str(location.version)
    return form


@bp.route("/traeger/<int:organization_id>/standort/neu", methods=["GET", "POST"], defaults={"location_id": None})
@bp.route("/standort/<int:location_id>/bearbeiten", methods=["GET", "POST"], defaults={"organization_id": None})
@requires("directory.edit")
def location_edit(organization_id: int | None, location_id: int | None):
    location = get_or_404(Location, location_id) if location_id else None
    organization = location.organization if location else get_or_404(Organization, organization_id)
    if organization is None:  # an imported location without an agency: its page and form need one
        abort(404)
    form = _location_form(location)
    context = {"form": form, "location": location, "organization": organization}
    if form.validate_on_submit():
        if location is not None and _stale(form, location):
            form.version.data = str(location.version)
            return _conflict("directory/location_form.html", **context)
        created = location is None
        if location is None:
            location = Location(name=form.name.data.strip(), organization_id=organization.id)
            db.session.add(location)
            db.session.flush()
        values = {f: getattr(form, f).data for f in LOCATION_FIELDS}
        values.update({name: getattr(form, name).value for name in ("step_free", "lift", "accessible_wc")})
        values["district_id"] = int(form.district_id.data) if form.district_id.data else None
        changes = apply(location, values)
        changes += set_main_phone(form.phone.data, location_id=location.id)
        db.session.flush()
        record(
            "directory.location." + ("created" if created else "changed"),
            "location",
            location.id,
            changes,
            services_at(location.id),
        )
        db.session.commit()
        flash(_("Der Standort „%(name)s“ wurde gespeichert.", name=location.name), "success")
        return redirect(url_for("directory.organization", organization_id=organization.id), code=303)
    return render_template("directory/location_form.html", **context), 422 if form.is_submitted() else 200


def _service_form(service, organization):
    form = ServiceForm(obj=service if request.method == "GET" else None)
    form.life_areas.choices = choices({a.id: a.title for a in all_life_areas()})
    form.districts.choices = choices({t.id: t.name for t in district_choices()})
    form.locations.choices = choices(
        {loc.id: f"{loc.name} ({loc.address_line})" if loc.address_line else loc.name for loc in organization.locations}
    )
    if request.method == "GET" and service:
        form.life_areas.data = [str(a.id) for a in service.life_areas]
        form.districts.data = [str(a.district_id) for a in service.areas if a.district_id]
        form.locations.data = [str(link.location_id) for link in service.at_locations]
        form.phone.data = service.phones[0].number if service.phones else None
        form.version.data = str(service.version)
    for name in ("referral_channel", "intake_mode", "capacity"):
        if request.method == "GET" and getattr(form, name).data is None:
            getattr(form, name).data = ""
    return form


def _apply_links(service: Service, form: ServiceForm) -> list[str]:
    changes = []
    wanted_areas = {int(v) for v in form.life_areas.data or ()}
    if wanted_areas != {a.id for a in service.life_areas}:
        old = ", ".join(a.code for a in service.life_areas) or "–"
        service.life_areas = list(db.session.scalars(select(LifeArea).where(LifeArea.id.in_(wanted_areas))))
        changes.append(f"life_areas: {old} -> {', '.join(a.code for a in service.life_areas) or '–'}")
    wanted_districts = {int(v) for v in form.districts.data or ()}
    current = {a.district_id for a in service.areas if a.district_id}
    if wanted_districts != current:
        service.areas = [a for a in service.areas if a.district_id in wanted_districts or not a.district_id]
        service.areas += [ServiceArea(district_id=d) for d in sorted(wanted_districts - current)]
        changes.append(f"districts: {sorted(current)} -> {sorted(wanted_districts)}")
    wanted_locations = {int(v) for v in form.locations.data or ()}
    current_locations = {link.location_id for link in service.at_locations}
    if wanted_locations != current_locations:
        service.at_locations = [link for link in service.at_locations if link.location_id in wanted_locations]
        service.at_locations += [ServiceAtLocation(location_id=i) for i in sorted(wanted_locations - current_locations)]
        changes.append(f"locations: {sorted(current_locations)} -> {sorted(wanted_locations)}")
    return changes


@bp.route("/traeger/<int:organization_id>/angebot/neu", methods=["GET", "POST"], defaults={"service_id": None})
@bp.route("/angebot/<int:service_id>/bearbeiten", methods=["GET", "POST"], defaults={"organization_id": None})
@requires("directory.edit")
def service_edit(organization_id: int | None, service_id: int | None):
    service = get_or_404(Service, service_id) if service_id else None
    organization = service.organization if service else get_or_404(Organization, organization_id)
    form = _service_form(service, organization)
    context = {"form": form, "service": service, "organization": organization}
    if form.validate_on_submit():
        if service is not None and _stale(form, service):
            form.version.data = str(service.version)
            return _conflict("directory/service_form.html", **context)
        created = service is None
        if service is None:
            service = Service(name=form.name.data.strip(), organization_id=organization.id)
            db.session.add(service)
            db.session.flush()
        changes = apply(service, {f: getattr(form, f).data for f in SERVICE_FIELDS})
        changes += _apply_links(service, form)
        changes += set_main_phone(form.phone.data, service_id=service.id)
        db.session.flush()
        record(
            "directory.service." + ("created" if created else "changed"), "service", service.id, changes, [service.id]
        )
        db.session.commit()
        flash(_("Das Angebot „%(name)s“ wurde gespeichert.", name=service.name), "success")
        return redirect(url_for("directory.service", service_id=service.id), code=303)
    return render_template("directory/service_form.html", **context), 422 if form.is_submitted() else 200
