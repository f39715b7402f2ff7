"""Reading one entry: the service page, the client handout, the agency page."""

from datetime import timedelta

from flask import abort, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..contributions import SERVICE_PAGE, parts_for
from ..extensions import db
from ..security import has_permission, requires
from ..timeutil import local_today
from . import hours
from .blueprint import bp
from .editing import get_or_404
from .forms import TipForm, VerifyForm
from .models import Contact, Location, Organization, Service, ServiceAtLocation
from .search import is_stale
from .upkeep_models import Tip


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
        stale=is_stale(service, today),
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
