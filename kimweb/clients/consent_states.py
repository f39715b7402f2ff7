"""A consent's state as the file shows it: valid, expiring soon, expired or revoked."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from .casework_models import Consent

EXPIRING_DAYS = 30


@dataclass(frozen=True)
class ConsentState:
    code: str  # active / expiring / expired / revoked
    label: str
    css: str


def consent_state(consent: Consent, today: date) -> ConsentState:
    if consent.revoked_on and consent.revoked_on <= today:
        return ConsentState("revoked", _("widerrufen"), "badge-muted")
    if consent.valid_until and consent.valid_until < today:
        return ConsentState("expired", _("abgelaufen"), "badge-danger")
    if consent.valid_until and consent.valid_until <= today + timedelta(days=EXPIRING_DAYS):
        return ConsentState("expiring", _("läuft bald ab"), "badge-warn")
    return ConsentState("active", _("gültig"), "badge-ok")
