"""What the letter pages read: templates in use, the letters of a file, the agencies to write to."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clients.models import Client
from ..extensions import db
from .models import Letter, LetterTemplate


def templates(active_only: bool = True) -> list[LetterTemplate]:
    query = select(LetterTemplate).options(selectinload(LetterTemplate.versions)).order_by(LetterTemplate.sort_order)
    if active_only:
        query = query.where(LetterTemplate.active.is_(True))
    return list(db.session.scalars(query))


def letters_of(client: Client) -> list[Letter]:
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.client_id == client.id)
            .options(selectinload(Letter.organization), selectinload(Letter.template_version))
            .order_by(Letter.created_at.desc(), Letter.id.desc())
        )
    )


def file_context(client: Client) -> dict:
    """The case file's part "Briefe und Formulare": the letters written, newest first."""
    return {"letters": letters_of(client)[:20], "forms": True}
