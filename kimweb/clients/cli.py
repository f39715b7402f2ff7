"""flask seed-scale-clients: synthetic clients for load tests."""

import click

from ..extensions import db
from . import bp


@click.command("seed-scale-clients")
@click.option("--count", default=100_000, show_default=True, help="How many synthetic clients.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same data).")
def seed_scale_clients(count: int, seed: int):
    """Add synthetic clients with case managers for load tests (never in production)."""
    from .scale import seed_clients

    created = seed_clients(count, seed)
    db.session.commit()
    click.echo(f"{created} synthetische Klient/innen angelegt.")


@bp.record_once
def _register_top_level(state):
    state.app.cli.add_command(seed_scale_clients)
