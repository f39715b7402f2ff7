"""Which documents a user may see. The client comes from kimweb.clients.access first (everyone
outside the file's scope gets 404 there); confidential documents follow the confidential-notes
rule: title and content for the uploader and the file's case manager only."""

from flask import abort
from flask_login import current_user
from sqlalchemy import or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from ..clients.models import Client
from ..extensions import db
from .models import Document


def can_read(document: Document, client: Client, user=None) -> bool:
    user = user or current_user
    return not document.confidential or user.id in (document.uploaded_by_id, client.case_manager_id)


def readable(client: Client, user=None) -> ColumnElement[bool]:
    """The WHERE condition for the documents of `client` whose title and content `user` may see."""
    user = user or current_user
    if user.id == client.case_manager_id:
        return true()
    return or_(Document.confidential.is_(False), Document.uploaded_by_id == user.id)


def document_or_404(client: Client, document_id: int) -> Document:
    """A document of this file; 404 if it is another file's, deleted, or confidential and not for this user."""
    document = db.session.scalar(select(Document).where(Document.id == document_id, Document.client_id == client.id))
    if document is None or document.deleted or not can_read(document, client):
        abort(404)
    return document
