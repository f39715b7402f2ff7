"""Referrals: from a client to a service of the directory, with consent enforced and the loop closed."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..contributions import CLIENT_DUE, CLIENT_FILE, SERVICE_PAGE, Part, contribute
from ..home.panels import register_panel
from ..signals import conference_without_consent, file_closing
from . import views_referral  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp
from .queries import due_referrals, file_context, panel_context, service_stats
from .workflow import cancel_with_file, log_conference_disclosures


def _service_stats(service):
    """A service's figures for staff: counts, share accepted, days to an appointment."""
    return service_stats(service.id)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    register_panel(app, "referrals/_start_panel.html", "referral.write", panel_context, order=13)
    contribute(
        app,
        Part(
            CLIENT_FILE, "referrals", file_context, "referrals/_file_section.html", order=60, label=_l("Vermittlungen")
        ),
    )
    contribute(app, Part(CLIENT_DUE, "referrals", due_referrals))
    contribute(
        app,
        Part(
            SERVICE_PAGE, "referral_stats", _service_stats, "referrals/_service_stats.html", permission="referral.stats"
        ),
    )
    file_closing.connect(cancel_with_file)
    conference_without_consent.connect(log_conference_disclosures)
