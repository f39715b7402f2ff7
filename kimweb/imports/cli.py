"""`flask clients import-table FILE [--mapping MAPPING.json] [--dry-run]`: the wizard's checks
and report for scripted runs. Without --mapping the proposed mapping is used; rows with likely
duplicates are skipped and listed unless the mapping's "decisions" decide them."""

from pathlib import Path

import click
from flask import Flask

from ..clients.cli import clients_cli
from ..extensions import db
from ..reports.downloads import Table, csv_bytes
from ..timeutil import local_today
from .mapping import Mapping, find_header, propose
from .plan import build_plan, importer_for
from .readers import MAX_BYTES, TableError, read_table
from .service import REPORT_HEADER, purge_expired, run_import
from .service import report_table_rows as table_rows


@clients_cli.command("import-table")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Zuordnung als JSON (columns, values, default_case_manager, decisions).",
)
@click.option("--dry-run", is_flag=True, help="Nur prüfen und berichten, nichts speichern.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Den Bericht zusätzlich als CSV (für Excel) hierhin schreiben.",
)
def import_table(file: Path, mapping_file: Path | None, dry_run: bool, report_file: Path | None):
    """Eine Liste (XLSX, ODS, CSV) als Akten übernehmen."""
    try:
        if file.stat().st_size > MAX_BYTES:
            raise TableError("Die Datei ist zu groß (höchstens 20 MB).")
        sheet = find_header(read_table(file.read_bytes(), file.name))
        mapping = Mapping.from_json(mapping_file.read_text(encoding="utf-8-sig")) if mapping_file else propose(sheet)
    except (TableError, OSError, UnicodeDecodeError) as error:
        raise click.ClickException(getattr(error, "message", None) or "Die Datei lässt sich nicht lesen.") from None
    if not mapping.columns:
        mapping.columns = propose(sheet).columns
    click.echo(f"Erkannt: {sheet.detected}; Kopfzeile in Zeile {sheet.header_row}; {len(sheet.rows)} Zeilen.")
    for note in sheet.notes:
        click.echo(note)
    used = {label: key for label, key in mapping.columns.items() if key}
    click.echo("Zuordnung: " + "; ".join(f"{label} → {key}" for label, key in used.items()))
    plan = build_plan(sheet, mapping, importer_for(None), local_today())
    for row in plan.rows:
        for problem in row.errors + row.warnings:
            click.echo(f"  {problem}")
        if row.decision == "" and not row.errors:
            found = ", ".join(f"Akte {h.client_id} ({h.score:.2f})" for h in row.hints)
            if row.same_as_row:
                found = ", ".join(filter(None, [found, f"Zeile {row.same_as_row}"]))
            click.echo(
                f"  Zeile {row.number}: mögliche Dublette ({found}), übersprungen; entscheiden mit "
                f'"decisions": {{"{row.number}": "new" | "skip" | "same"}}'
            )
    label = mapping.source_label or file.name
    report = run_import(plan, importer_for(None), label, dry_run=dry_run)
    if report_file:
        report_file.write_bytes(csv_bytes(Table(REPORT_HEADER, table_rows(report))))
    summary = (
        f"{report.count('created')} angelegt, {report.count('updated')} ergänzt, "
        f"{report.count('skipped')} übersprungen, {report.count('error')} mit Fehlern"
    )
    if dry_run:
        db.session.rollback()
        click.echo(f"Probelauf (nichts gespeichert): {summary}.")
    else:
        click.echo(f"Import {report.batch_id}: {summary}.")


@clients_cli.command("import-purge")
def import_purge():
    """Hochgeladene Listen löschen, die älter als 4 Stunden sind (z. B. nächtlich per cron)."""
    count = purge_expired()
    db.session.commit()
    click.echo(f"{count} liegengebliebene Uploads gelöscht.")


def init_app(app: Flask) -> None:
    """The command joins the `flask clients` group, which the clients feature registers."""
