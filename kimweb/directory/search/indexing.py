"""The index rows (directory_search_token): the weighted words of each service, kept in step with its data."""

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import selectinload

from ...database import chunks
from ...extensions import db
from ..models import Contact, Location, Service, ServiceAtLocation
from ..upkeep_models import SearchToken
from . import state
from .vocabulary import weighted_tokens

# Field weights: a match in the service name outranks one in the agency name, and so on.
NAME, ALTERNATE, AGENCY, CATEGORY, RESPONSIBILITY, PLACE, TEXT = 10, 8, 6, 4, 3, 2, 1
_CHUNK = 500


def service_tokens(service: Service) -> dict[str, int]:
    organization = service.organization
    texts = [
        (service.name, NAME),
        (service.alternate_name, ALTERNATE),
        (organization.name, AGENCY),
        (organization.alternate_name, AGENCY),
        (service.description, TEXT),
        (service.eligibility, TEXT),
        (service.application_process, TEXT),
        (service.interpretation_services, TEXT),
        (organization.description, TEXT),
    ]
    texts += [(area.label, CATEGORY) for area in service.life_areas]
    texts += [(contact.responsibility, RESPONSIBILITY) for contact in service.contacts]
    texts += [(contact.department, RESPONSIBILITY) for contact in service.contacts]
    for link in service.at_locations:
        location = link.location
        texts += [
            (location.name, PLACE),
            (location.city, PLACE),
            (location.district.name if location.district else None, PLACE),
        ]
    return weighted_tokens(texts)


def reindex(service_ids: Iterable[int]) -> None:
    """Rebuild the index rows of these services (inside the caller's transaction)."""
    ids = sorted(set(service_ids))
    for chunk in chunks(ids, _CHUNK):
        db.session.flush()
        db.session.execute(delete(SearchToken).where(SearchToken.service_id.in_(chunk)))
        services = db.session.scalars(
            select(Service)
            .where(Service.id.in_(chunk))
            .options(
                selectinload(Service.organization),
                selectinload(Service.life_areas),
                selectinload(Service.contacts),
                selectinload(Service.at_locations)
                .selectinload(ServiceAtLocation.location)
                .selectinload(Location.district),
            )
        )
        rows = [
            {"service_id": s.id, "token": token, "weight": weight}
            for s in services
            for token, weight in service_tokens(s).items()
        ]
        if rows:
            db.session.execute(insert(SearchToken), rows)
    if ids:
        state.changed()


def services_of_organization(organization_id: int) -> list[int]:
    return list(db.session.scalars(select(Service.id).where(Service.organization_id == organization_id)))


def services_at(location_id: int) -> list[int]:
    return list(
        db.session.scalars(select(ServiceAtLocation.service_id).where(ServiceAtLocation.location_id == location_id))
    )


def services_of_contact(contact: Contact) -> list[int]:
    if contact.service_id:
        return [contact.service_id]
    return services_of_organization(contact.organization_id) if contact.organization_id else []


def reindex_all() -> None:
    reindex(db.session.scalars(select(Service.id)))
