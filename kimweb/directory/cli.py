"""flask directory import-hsds / export-hsds / import-table / reindex, and flask seed-scale."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from .. import audit
from ..extensions import db
from .flat_import import import_flat
from .hsds_export import export_zip
from .hsds_import import import_package
from .import_report import Report, save_run
from .package_reader import PackageError, read_limited
from .scale import seed_synthetic
from .search.indexing import reindex_all

directory_cli = AppGroup("directory", help="The referral directory (Wegweiser).")


def _echo_report(report: Report) -> None:
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise click.ClickException("Import abgebrochen; die Datenbank ist unverändert.")


@directory_cli.command("import-hsds")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def import_hsds(path: Path):
    """Import an HSDS CSV package (zip or folder); upsert by id, all or nothing."""
    report = import_package(path, path.name)
    save_run(report, "hsds")
    _echo_report(report)


@directory_cli.command("export-hsds")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option(
    "--internal",
    is_flag=True,
    help="Include internal contacts and confidential addresses (for moving between kimweb systems).",
)
def export_hsds(path: Path, internal: bool):
    """Write the directory as an HSDS CSV package (zip)."""
    path.write_bytes(export_zip(internal=internal))
    audit.record("directory.export", "directory", None, detail=f"hsds; internal={internal}")
    db.session.commit()
    click.echo(f"HSDS-Paket geschrieben: {path}")


@directory_cli.command("import-table")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_table(path: Path):
    """Import a flat CSV list (one row per service), as departments keep them in Excel."""
    try:
        data = read_limited(path)
    except PackageError as error:
        report = Report(path.name)
        report.error(error.file, None, None, error.message)
    else:
        report = import_flat(data, path.name)
    save_run(report, "table")
    _echo_report(report)


@directory_cli.command("reindex")
def reindex_command():
    """Rebuild the search index of the directory."""
    reindex_all()
    db.session.commit()
    click.echo("Suchindex neu aufgebaut.")


@click.command("seed-scale")
@click.option("--services", default=20000, show_default=True, help="How many synthetic services.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same data).")
def seed_scale(services: int, seed: int):
    """Add synthetic agencies and services for load tests (never in production)."""
    created = seed_synthetic(services, seed)
    db.session.commit()
    click.echo(f"{created} synthetische Angebote angelegt.")


def init_app(app: Flask) -> None:
    app.cli.add_command(directory_cli)
    app.cli.add_command(seed_scale)
