"""What a consent covers: purposes and kinds of data as codes, so that a referral (or anything
else that passes data on) can be checked against it. One rule for everyone who discloses data:
`check()` says which consent covers a disclosure today, or why none does."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from .casework_models import Consent

PURPOSES = {
    "referral": _l("Vermittlung und Überleitung an diese Stelle"),
    "conference": _l("Fallkonferenz mit dieser Stelle"),
    "exchange": _l("Austausch zur Abstimmung der Hilfen"),
}

# Health data is not among these: a consent names it separately (Consent.health_data).
DATA_KINDS = {
    "identity": _l("Name und Geburtsdatum"),
    "contact": _l("Anschrift und Erreichbarkeit"),
    "language": _l("Sprachen und Dolmetschbedarf"),
    "residence": _l("Aufenthaltsstatus"),
    "household": _l("Haushalt und Familie"),
    "concern": _l("Anliegen und Grund der Vermittlung"),
    "situation": _l("Lage im Handlungsfeld (aus der Einschätzung)"),
}
HEALTH_LABEL = _l("Gesundheitsdaten")
# The life area whose concern and situation are health data, whatever else is ticked.
HEALTH_AREA = "gesundheit"


def codes(value: str | None) -> list[str]:
    return (value or "").split()


def kind_labels(scope: str | None, health: bool = False) -> list[str]:
    labels = [str(DATA_KINDS[c]) for c in codes(scope) if c in DATA_KINDS]
    return labels + ([str(HEALTH_LABEL)] if health else [])


def purpose_labels(value: str | None) -> list[str]:
    return [str(PURPOSES[c]) for c in codes(value) if c in PURPOSES]


def is_active(consent: Consent, today: date) -> bool:
    return (
        consent.given_on <= today
        and (consent.valid_until is None or consent.valid_until >= today)
        and (consent.revoked_on is None or consent.revoked_on > today)
    )


def gaps(consent: Consent, purpose: str, scope: set[str], health: bool, today: date) -> list[str]:
    """Why this consent does not cover passing `scope` (and health data) on for `purpose` today."""
    if consent.revoked_on is not None and consent.revoked_on <= today:
        return [_("widerrufen am %(date)s", date=consent.revoked_on.strftime("%d.%m.%Y"))]
    if consent.given_on > today:
        return [_("gilt erst ab %(date)s", date=consent.given_on.strftime("%d.%m.%Y"))]
    if consent.valid_until is not None and consent.valid_until < today:
        return [_("abgelaufen am %(date)s", date=consent.valid_until.strftime("%d.%m.%Y"))]
    found = []
    if purpose not in codes(consent.purposes):
        found.append(_("deckt den Zweck „%(purpose)s“ nicht", purpose=PURPOSES[purpose]))
    missing = [str(DATA_KINDS[c]) for c in DATA_KINDS if c in scope and c not in codes(consent.data_scope)]
    if missing:
        found.append(_("deckt diese Daten nicht: %(kinds)s", kinds=", ".join(missing)))
    if health and not consent.health_data:
        found.append(_("nennt keine Gesundheitsdaten"))
    return found


@dataclass
class Check:
    """The outcome for one disclosure: the covering consent, or the reasons none covers it."""

    organization_name: str
    consent: Consent | None = None
    reasons: list[str] = field(default_factory=list)
    needed: bool = True

    @property
    def covered(self) -> bool:
        return not self.needed or self.consent is not None


def check(
    client_id: int,
    organization_id: int,
    organization_name: str,
    purpose: str,
    scope: set[str],
    health: bool,
    today: date,
) -> Check:
    """Which consent of the client covers passing `scope` to the agency for `purpose` today.
    Nothing passed on needs no consent."""
    if not scope and not health:
        return Check(organization_name, needed=False)
    consents = db.session.scalars(
        select(Consent)
        .where(Consent.client_id == client_id, Consent.organization_id == organization_id)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    ).all()
    result = Check(organization_name)
    for consent in consents:
        found = gaps(consent, purpose, scope, health, today)
        if not found:
            result.consent, result.reasons = consent, []
            return result
        result.reasons.append(
            _("Einwilligung vom %(date)s: %(gaps)s", date=consent.given_on.strftime("%d.%m.%Y"), gaps="; ".join(found))
        )
    if not consents:
        result.reasons.append(_("Für %(agency)s liegt keine Einwilligung vor.", agency=organization_name))
    return result
