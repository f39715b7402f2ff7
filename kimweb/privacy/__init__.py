"""Data protection: a person's rights (Art. 15 export, Art. 18 restriction, Art. 17 erasure),
retention and anonymisation, and the data-protection officer's view."""

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..contributions import CLIENT_FILE, Part, contribute

# The routes join the blueprint, the commands their groups, the tables db.metadata.
from . import cli, models, views_dpo, views_export, views_retention, views_rights  # noqa: F401
from .blueprint import bp
from .panel import file_context

# Periods in days; the case file's period runs from closure (clients.choices.RETENTION_YEARS sets
# retention_until when a file is closed). docs/data-protection.md gives the reasoning.
RETENTION_DAYS = {
    "case_file": 3 * 365,
    "visit_without_file": 90,
    "draft": 30,
    "login_attempt": 90,
    "audit": 3 * 365,
}

NOTICE = """\
Zweck: Kommunales Integrationsmanagement (KIM): Beratung, Hilfeplanung und Vermittlung an \
Fachstellen, mit Ihrer Einwilligung.
Rechtsgrundlagen: Art. 6 Abs. 1 lit. a und e, Art. 9 Abs. 2 lit. a DSGVO; §§ 67 ff. SGB X, soweit \
Sozialdaten verarbeitet werden. Weitergaben an andere Stellen nur mit Ihrer Einwilligung oder auf \
gesetzlicher Grundlage (siehe Weitergaben).
Speicherdauer: Ihre Akte wird {case_file_years} Jahre nach Abschluss anonymisiert (es bleiben nur \
statistische Angaben ohne Namen). Besuche am Empfang ohne Akte werden nach {visit_days} Tagen \
gelöscht, das Zugriffsprotokoll nach {audit_years} Jahren.
Ihre Rechte: Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung \
(Art. 18), Widerspruch (Art. 21) und Beschwerde bei der Landesbeauftragten für Datenschutz und \
Informationsfreiheit NRW."""

DEFAULTS = {
    "PRIVACY_RETENTION_DAYS": RETENTION_DAYS,
    "PRIVACY_NOTICE": NOTICE,
    # False: staff appear in a person's export as role and team; True: with their names.
    "PRIVACY_EXPORT_STAFF_NAMES": False,
    # The controller named in the record of processing activities (Art. 30).
    "PRIVACY_CONTROLLER": "Stadt Oberhausen, Kommunales Integrationszentrum",
}


def init_app(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.config.setdefault("PRIVACY_ERASURE_LEDGER", str(Path(app.instance_path) / "privacy" / "anonymised.jsonl"))
    app.register_blueprint(bp)
    app.cli.add_command(cli.retention_cli)
    contribute(
        app, Part(CLIENT_FILE, "privacy", file_context, "privacy/_file_section.html", order=90, label=_l("Datenschutz"))
    )
