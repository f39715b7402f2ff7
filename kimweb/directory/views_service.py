"""Reading one entry: the service page, the client handout, the agency page."""

from dataclasses import dataclass, field
from datetime import timedelta

from babel import Locale
from flask import abort, render_template, request
from flask_babel import force_locale, get_babel
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..contributions import SERVICE_PAGE, parts_for
from ..extensions import db
from ..security import has_permission, requires
from ..timeutil import local_today
from . import hours
from .blueprint import bp
from .choices import language_name
from .editing import get_or_404
from .forms import TipForm, VerifyForm
from .models import Contact, Location, Organization, Phone, Service, ServiceAtLocation
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
            selectinload(Service.at_locations).selectinload(ServiceAtLocation.location).selectinload(Location.phones),
            selectinload(Service.organization).selectinload(Organization.phones),
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


@dataclass
class ClientContact:
    """How a client reaches the service: phone numbers and an e-mail address, and whose they are."""

    phones: list[Phone] = field(default_factory=list)
    email: str | None = None
    source: str = ""  # "service", "contact", "location", "organization"


def client_contact(service: Service) -> ClientContact:
    """The service's own public phone, else a public contact's, else a location's (not a confidential
    one), else the agency's; the e-mail likewise. Internal contacts never count."""
    public = [c for c in service.contacts if c.visibility == "public"]
    locations = [loc for loc in service.locations if not loc.address_confidential]
    organization = service.organization
    candidates: list[tuple[str, list[Phone]]] = [
        ("service", list(service.phones)),
        ("contact", [phone for c in public for phone in c.phones]),
        ("location", [phone for loc in locations for phone in loc.phones]),
        ("organization", list(organization.phones) if organization else []),
    ]
    found = ClientContact()
    for source, phones in candidates:
        if phones:
            found.phones, found.source = phones, source
            break
    emails = [service.email, *(c.email for c in public), organization.email if organization else None]
    found.email = next((e for e in emails if e), None)
    return found


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
        client_contact=client_contact(service),
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
    language = request.args.get("sprache", "")
    language = language if language in handout_languages() else "de"
    # The labels in the client's language where the office has translated them; the entry's own texts stay.
    with force_locale(language):
        return render_template(
            "directory/handout.html",
            service=service,
            contacts=visible_contacts(service, for_client=True),
            client_contact=client_contact(service),
            weekly=weekly_hours(service),
            today=today,
            upcoming_exceptions=[e for e in service.exceptions if e.end_date >= today][:3],
            handout_language=language,
            handout_direction=Locale.parse(language).character_order == "right-to-left" and "rtl" or "ltr",
            handout_languages=handout_languages(),
        )


def handout_languages() -> dict[str, str]:
    """The languages the handout can be printed in: German and those with a translation catalogue."""
    found = {"de": language_name("de")}
    for locale in get_babel().instance.list_translations():
        code = str(locale)
        found.setdefault(code, language_name(code))
    return found


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
