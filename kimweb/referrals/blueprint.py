"""The referrals blueprint (no prefix: referrals live in the case file under
/klienten/<id>/vermittlungen/..., on the service page under /wegweiser/angebot/<id>/vermitteln and in
the list of open referrals under /vermittlungen/) and its template helpers."""

from flask import Blueprint

from ..security import hide_forbidden
from .choices import DISCLOSURE_CHANNELS, STATUSES, URGENCY
from .queries import proposes_no_response

bp = Blueprint("referrals", __name__)
hide_forbidden(bp)

bp.add_app_template_filter(lambda code: STATUSES.get(code, code), "referral_status")
bp.add_app_template_filter(lambda code: DISCLOSURE_CHANNELS.get(code, code), "referral_channel")
bp.add_app_template_filter(lambda code: URGENCY.get(code, code), "referral_urgency")


@bp.app_template_global("referral_unanswered")
def _referral_unanswered(referral) -> bool:
    """Its follow-up date has passed without an answer: the lists ask "keine Rückmeldung?"."""
    return proposes_no_response(referral)
