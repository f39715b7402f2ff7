"""Reading the directory: search as you type, the service page, the client handout, the agency page."""

from datetime import timedelta

from flask import abort, render_template, request
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..contributions import SERVICE_PAGE, parts_for
from ..extensions import db
from ..htmx import is_partial
from ..lifeareas import all_life_areas
from ..security import has_permission, requires
from ..timeutil import local_today
from . import finder, hours
from .blueprint import bp
from .choices import (
    ATTENDING,
    CAPACITY,
    INTAKE_MODES,
    LANGUAGE_MODES,
    LANGUAGES,
    REFERRAL_CHANNELS,
    SERVICE_STATUS,
    VERIFY_METHODS,
    WEEKDAYS,
    WEEKDAYS_SHORT,
)
from .editing import get_or_404
from .forms import TipForm, VerifyForm
from .models import Contact, Location, Organization, Service, ServiceAtLocation
from .upkeep_models import Suggestion, Tip

LABELS = {
    "status": SERVICE_STATUS,
    "intake": INTAKE_MODES,
    "capacity": CAPACITY,
    "attending": ATTENDING,
    "modes": LANGUAGE_MODES,
    "languages": LANGUAGES,
    "channels": REFERRAL_CHANNELS,
    "methods": VERIFY_METHODS,
    "weekdays": WEEKDAYS,
}


@bp.app_context_processor
def _directory_labels():
    return {"directory_labels": LABELS}


@bp.app_template_filter("opening_label")
def opening_label(moment) -> str:
    day, today = moment.date(), local_today()
    if day == today:
        when = _("heute")
    elif day == today + timedelta(days=1):
        when = _("morgen")
    else:
        when = f"{WEEKDAYS_SHORT[day.isoweekday()]} {day:%d.%m.}"
    return f"{when} {moment:%H:%M}"


@bp.route("/")
@requires("directory.read")
def search():
    filters = finder.Filters.from_args(request.args)
    results = finder.find(filters)
    if is_partial():
        return render_template("directory/_results.html", filters=filters, results=results, oob=True)
    open_suggestions = (
        db.session.scalar(select(func.count()).select_from(Suggestion).where(Suggestion.status == "open"))
        if has_permission("directory.moderate")
        else 0
    )
    return render_template(
        "directory/search.html",
        filters=filters,
        results=results,
        life_areas=all_life_areas(),
        districts=finder.district_choices(),
        open_suggestions=open_suggestions,
        languages=sorted(LANGUAGES.items(), key=lambda item: item[1]),
    )


def _service(service_id: int) -> Service:
    service = db.session.scalar(
        select(Service)
        .where(Service.id == service_id)
        .options(
            selectinload(Service.organization),
            selectinload(Service.schedules),
            selectinload(Service.exceptions),
            selectinload(Service.languages),
            selectinload(Service.contacts).selectinload(Contact.phones),
            selectinload(Service.at_locations).selectinload(ServiceAtLocation.location).selectinload(Location.district),
            selectinload(Service.areas),
            selectinload(Service.life_areas),
        )
    )
    if service is None:
        abort(404)
    return service


def visible_contacts(service: Service, for_client: bool = False) -> list[Contact]:
    """Internal contacts only for those allowed to see them, and never on anything for clients."""
    internal_ok = not for_client and has_permission("directory.internal")
    return [c for c in service.contacts if c.visibility == "public" or internal_ok]


def weekly_hours(service: Service) -> list[tuple[int, list]]:
    by_day: dict[int, list] = {}
    for slot in service.schedules:
        by_day.setdefault(slot.weekday, []).append(slot)
    return sorted(by_day.items())


@bp.route("/angebot/<int:service_id>")
@requires("directory.read")
def service(service_id: int):
    service = _service(service_id)
    today = local_today()
    tips = db.session.scalars(
        select(Tip).where(Tip.service_id == service.id, Tip.review_on >= today).order_by(Tip.created_at.desc())
    ).all()
    verify_form = VerifyForm() if has_permission("directory.verify") else None
    tip_form = TipForm(formdata=None, review_on=today + timedelta(days=365))
    upcoming = [e for e in service.exceptions if e.end_date >= today]
    return render_template(
        "directory/service.html",
        service=service,
        now=hours.open_state(service),
        contacts=visible_contacts(service),
        tips=tips,
        today=today,
        weekly=weekly_hours(service),
        upcoming_exceptions=upcoming,
        stale=finder.is_stale(service, today),
        verify_form=verify_form,
        tip_form=tip_form,
        show_confidential=has_permission("directory.internal"),
        **parts_for(SERVICE_PAGE, service),
    )


@bp.route("/angebot/<int:service_id>/handzettel")
@requires("directory.read")
def handout(service_id: int):
    service = _service(service_id)
    today = local_today()
    return render_template(
        "directory/handout.html",
        service=service,
        contacts=visible_contacts(service, for_client=True),
        weekly=weekly_hours(service),
        today=today,
        upcoming_exceptions=[e for e in service.exceptions if e.end_date >= today][:3],
    )


@bp.route("/traeger/<int:organization_id>")
@requires("directory.read")
def organization(organization_id: int):
    organization = db.session.scalar(
        select(Organization)
        .where(Organization.id == organization_id)
        .options(selectinload(Organization.services), selectinload(Organization.locations))
    )
    if organization is None:
        get_or_404(Organization, organization_id)
    return render_template(
        "directory/organization.html", organization=organization, show_confidential=has_permission("directory.internal")
    )
