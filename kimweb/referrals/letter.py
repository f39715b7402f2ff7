"""The referral letter (Überleitungsbogen): the agency, the referring case manager, and of the
client only the kinds of data the referral passes on and its consent (or override) covers."""

from datetime import date

from sqlalchemy import select

from ..clients import consent_scope
from ..clients.casework_models import Assessment
from ..clients.choices import LABELS, NEEDS, RELATIONS
from ..clients.consent_scope import HEALTH_AREA
from ..clients.models import Client
from ..clients.residence import current_record, history
from ..extensions import db
from ..lifeareas import LifeArea
from .models import Referral
from .workflow import PURPOSE


def allowed_scope(client: Client, referral: Referral, today: date) -> tuple[set[str], bool] | None:
    """What may be printed today: the referral's data if its consent still covers it (or it was
    overridden with a reason); None if the consent was revoked or has expired since."""
    scope, health = set(consent_scope.codes(referral.data_scope)), referral.health_data
    if not scope and not health:
        return set(), False
    if referral.override_reason:
        return scope, health
    if referral.organization_id is None:
        return None
    check = consent_scope.check(
        client.id, referral.organization_id, referral.organization_name, PURPOSE, scope, health, today
    )
    return (scope, health) if check.covered else None


def _situation(client_id: int, area_code: str | None = None, area_id: int | None = None) -> Assessment | None:
    query = (
        select(Assessment)
        .join(LifeArea, LifeArea.id == Assessment.life_area_id)
        .where(Assessment.client_id == client_id)
    )
    query = query.where(LifeArea.code == area_code) if area_code else query.where(LifeArea.id == area_id)
    return db.session.scalar(query)


def letter_context(client: Client, referral: Referral, today: date) -> dict | None:
    allowed = allowed_scope(client, referral, today)
    if allowed is None:
        return None
    scope, health = allowed
    blocks: dict[str, object] = {}
    if "identity" in scope:
        blocks["identity"] = client
    if "contact" in scope:
        blocks["contact"] = client
    if "language" in scope:
        blocks["language"] = {
            "languages": LABELS.languages_of(client.languages),
            "interpreter": client.interpreter_needed,
            "interpreter_language": LABELS.language(client.interpreter_language)
            if client.interpreter_language
            else None,
        }
    if "residence" in scope:
        status = current_record(history(client.id))
        blocks["residence"] = status and {
            "type": LABELS.status_type(status.status_type),
            "legal_basis": status.legal_basis,
            "valid_until": status.valid_until,
        }
    if "household" in scope:
        blocks["household"] = [
            (RELATIONS.get(m.relation, m.relation), m.birth_date.year if m.birth_date else None)
            for m in client.household
        ]
    if "concern" in scope:
        blocks["concern"] = referral
    area = referral.life_area
    if "situation" in scope and area and (area.code != HEALTH_AREA or health):
        found = _situation(client.id, area_id=area.id)
        blocks["situation"] = found and {
            "area": area.title,
            "need": NEEDS.get(found.need, found.need),
            "text": found.situation,
        }
    if health and not (area and area.code == HEALTH_AREA and "situation" in scope):
        found = _situation(client.id, area_code=HEALTH_AREA)
        blocks["health"] = found and {"need": NEEDS.get(found.need, found.need), "text": found.situation}
    return {"blocks": blocks, "today": today, "kinds": consent_scope.kind_labels(referral.data_scope, health)}
