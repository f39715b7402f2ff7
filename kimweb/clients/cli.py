"""flask clients rekey (after the spelling rules changed), and flask seed-scale-clients for load tests."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..extensions import db
from .matching import rekey_all
from .scale import seed_clients

clients_cli = AppGroup("clients", help="Client files.")


@click.command("seed-scale-clients")
@click.option("--count", default=100_000, show_default=True, help="How many synthetic clients.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same data).")
def seed_scale_clients(count: int, seed: int):
    """Add synthetic clients with case managers for load tests (never in production)."""
    created = seed_clients(count, seed)
    db.session.commit()
    click.echo(f"{created} synthetische Klient/innen angelegt.")


@clients_cli.command("rekey")
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(min=1), help="Clients per transaction.")
def rekey(batch: int):
    """Recompute every client's search columns and duplicate keys (after the spelling rules changed)."""
    done = rekey_all(batch)
    click.echo(f"Suchspalten und Dubletten-Schlüssel von {done} Klient/innen neu berechnet.")


def init_app(app: Flask) -> None:
    app.cli.add_command(clients_cli)
    app.cli.add_command(seed_scale_clients)
