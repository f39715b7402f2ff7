"""Referrals: from a client to a service of the directory, with consent enforced and the loop closed."""

from flask import Blueprint

from .choices import CHANNELS, STATUSES, URGENCY

bp = Blueprint("referrals", __name__)


@bp.errorhandler(403)
def _hide_existence(_error):
    # As for client files: whoever may not refer learns nothing about referrals.
    from ..errors import error_response

    return error_response(404)


bp.add_app_template_filter(lambda code: STATUSES.get(code, code), "referral_status")
bp.add_app_template_filter(lambda code: CHANNELS.get(code, code), "referral_channel")
bp.add_app_template_filter(lambda code: URGENCY.get(code, code), "referral_urgency")


@bp.app_template_global("client_referrals")
def _client_referrals(client):
    """The case file's referrals and disclosure log."""
    from .queries import file_context

    return file_context(client)


@bp.app_template_global("referral_unanswered")
def _referral_unanswered(referral) -> bool:
    """Its follow-up date has passed without an answer: the lists ask "keine Rückmeldung?"."""
    from .queries import proposes_no_response

    return proposes_no_response(referral)


@bp.app_template_global("referral_stats")
def _referral_stats(service_id: int):
    """A service's figures for staff: counts, share accepted, days to an appointment."""
    from .queries import service_stats

    return service_stats(service_id)


from ..clients.views_file import CLOSING_HOOKS  # noqa: E402
from . import views  # noqa: E402,F401
from .queries import register_panel as _register_panel  # noqa: E402
from .workflow import cancel_with_file  # noqa: E402

_register_panel()
if cancel_with_file not in CLOSING_HOOKS:
    CLOSING_HOOKS.append(cancel_with_file)
