"""flask notes reindex: rebuild the search keys of every note (after the folding or stemming changed)."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..extensions import db
from .reindex import reindex_notes

notes_cli = AppGroup("notes", help="Contact notes.")


@notes_cli.command("reindex")
def reindex():
    """Rebuild every note's search keys (folded words and German stems) and so its index."""
    done = reindex_notes(db.session.connection())
    db.session.commit()
    click.echo(f"Suchschlüssel von {done} Notizen neu berechnet.")


def init_app(app: Flask) -> None:
    app.cli.add_command(notes_cli)
