"""The file's data-protection section: the person's rights as far as the viewer may act on them."""

from sqlalchemy import select

from ..clients.access import is_responsible
from ..clients.models import Client
from ..extensions import db
from ..security import has_permission
from .forms import ErasureForm, HoldForm, RestrictionForm
from .models import PrivacyErasure, PrivacyRestriction
from .retention import active_hold


def file_context(client: Client) -> dict:
    responsible = is_responsible(client)
    return {
        "can_export": has_permission("privacy.export") and responsible,
        "can_restrict": has_permission("privacy.restrict") and responsible,
        "can_hold": has_permission("privacy.retention") and responsible,
        "can_erase": has_permission("privacy.erase") and responsible,
        "restriction": db.session.scalar(
            select(PrivacyRestriction).where(
                PrivacyRestriction.client_id == client.id, PrivacyRestriction.lifted_at.is_(None)
            )
        ),
        "hold": active_hold(client.id),
        "erasure": db.session.scalar(select(PrivacyErasure).where(PrivacyErasure.client_id == client.id)),
        "restriction_form": RestrictionForm(formdata=None),
        "hold_form": HoldForm(formdata=None),
        "erasure_form": ErasureForm(formdata=None),
    }
