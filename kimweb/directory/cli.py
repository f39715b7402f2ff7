"""flask directory import-hsds / export-hsds / import-table / reindex, and flask seed-scale."""

from pathlib import Path

import click

from .. import audit
from ..extensions import db
from .blueprint import bp
from .import_report import Report
from .upkeep_models import ImportRun


def save_run(report: Report, kind: str, user=None) -> ImportRun:
    """Keep the report (also of a failed import, after its rollback) and audit it."""
    run = ImportRun(
        kind=kind,
        source=report.source[:200],
        succeeded=report.ok,
        report=report.to_json(),
        user_id=getattr(user, "id", None),
    )
    db.session.add(run)
    db.session.flush()
    audit.record(
        "directory.import",
        "directory_import",
        run.id,
        outcome="ok" if report.ok else "failed",
        detail=f"{kind}; {report.summary()}",
        user=user,
    )
    db.session.commit()
    return run


def _echo_report(report: Report) -> None:
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise click.ClickException("Import abgebrochen; die Datenbank ist unverändert.")


@bp.cli.command("import-hsds")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def import_hsds(path: Path):
    """Import an HSDS CSV package (zip or folder); upsert by id, all or nothing."""
    from .hsds_import import import_package

    report = import_package(path, path.name)
    save_run(report, "hsds")
    _echo_report(report)


@bp.cli.command("export-hsds")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option(
    "--internal",
    is_flag=True,
    help="Include internal contacts and confidential addresses (for moving between kimweb systems).",
)
def export_hsds(path: Path, internal: bool):
    """Write the directory as an HSDS CSV package (zip)."""
    from .hsds_export import export_zip

    path.write_bytes(export_zip(internal=internal))
    audit.record("directory.export", "directory", None, detail=f"hsds; internal={internal}")
    db.session.commit()
    click.echo(f"HSDS-Paket geschrieben: {path}")


@bp.cli.command("import-table")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_table(path: Path):
    """Import a flat CSV list (one row per service), as departments keep them in Excel."""
    from .flat_import import import_flat

    report = import_flat(path.read_bytes(), path.name)
    save_run(report, "table")
    _echo_report(report)


@bp.cli.command("reindex")
def reindex_command():
    """Rebuild the search index of the directory."""
    from .index import reindex_all

    reindex_all()
    db.session.commit()
    click.echo("Suchindex neu aufgebaut.")


@click.command("seed-scale")
@click.option("--services", default=20000, show_default=True, help="How many synthetic services.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same data).")
def seed_scale(services: int, seed: int):
    """Add synthetic agencies and services for load tests (never in production)."""
    from .scale import seed_synthetic

    created = seed_synthetic(services, seed)
    db.session.commit()
    click.echo(f"{created} synthetische Angebote angelegt.")


@bp.record_once
def _register_top_level(state):
    state.app.cli.add_command(seed_scale)
