"""flask reports kim: the KIM workbook (.xlsx) or the case-level fact table (.csv) for a period."""

from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup

from .. import audit
from ..extensions import db
from ..reports.downloads import csv_bytes, xlsx_bytes
from ..timeutil import local_today
from .case_table import case_table
from .facts import Scope, build
from .sachbericht import sachbericht

reports_cli = AppGroup("reports", help="KIM reports for automation.")


@reports_cli.command("kim")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.xlsx or FILE.csv")
def kim(start, end, output: Path):
    """Write the KIM workbook (.xlsx, small numbers suppressed) or the pseudonymous case-level
    fact table (.csv, one row per case open in the period; columns in docs/reports.md)."""
    first, last = start.date(), end.date()
    if last < first:
        raise click.BadParameter("--to liegt vor --from.")
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise click.BadParameter("--output muss auf .xlsx oder .csv enden.")
    facts = build(first, last, local_today())
    if suffix == ".csv":
        output.write_bytes(csv_bytes(case_table(facts)))
    else:
        output.write_bytes(xlsx_bytes(sachbericht(first, last, Scope(), local_today(), "alle Teams", facts).workbook()))
    audit.record("report.run", "report", "cli", detail=_detail(first, last, suffix[1:]))
    db.session.commit()
    click.echo(f"{len(facts)} Fälle im Zeitraum; geschrieben: {output}")


def _detail(first: date, last: date, output: str) -> str:
    return f"from={first.isoformat()}; to={last.isoformat()}; team=-; traeger=-; case_manager=-; format={output}"
