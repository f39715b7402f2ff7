"""The KIM reports for the state and the council, and the team lead's overview.

They read every feature's records, so this feature comes late in FEATURES; what any report needs
(period form, downloads, charts, suppression) is the library kimweb/reports/.

- `facts`: the fact layer, one CaseFact per case open in a period, from timestamped records.
- `kim`: the reports (cases, people, work, needs and outcomes, network, deadlines) as tables.
- `sachbericht`, `case_table`, `cli`: the yearly workbook, the pseudonymous case-level table and
  `flask reports kim`.
- `views_kim`, `views_team`: the pages under /berichte and the team lead's overview.
"""

from flask import Flask

from . import views_kim, views_team  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp
from .cli import reports_cli
from .watches import register as register_watches


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(reports_cli)
    register_watches()
