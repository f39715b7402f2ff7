"""Which notes a user may read or change. The client comes from kimweb.clients.access first;
a note id that is not of that client is 404, like a foreign client."""

from flask import abort
from flask_login import current_user
from sqlalchemy import and_, inspect, or_, select, true
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.elements import ColumnElement

from ..clients.models import Client
from ..extensions import db
from .models import ContactNote, NoteAgreement


def can_read(note: ContactNote, client: Client, user=None) -> bool:
    """A confidential note is for its author and the client's case manager only; the others
    see that it exists (date, author), never what it says."""
    user = user or current_user
    return not note.confidential or user.id in (note.author_id, client.case_manager_id)


def readable(client: Client, user=None) -> ColumnElement[bool]:
    """The WHERE condition for the notes of `client` whose content `user` may read."""
    user = user or current_user
    if reads_all(client, user):
        return true()
    return readable_by(user.id)


def reads_all(client: Client, user=None) -> bool:
    """The case manager reads every note of the file, confidential ones included."""
    return (user or current_user).id == client.case_manager_id


def readable_by(author) -> ColumnElement[bool]:
    """The notes anyone but the case manager may read: those not confidential, and their own.
    `author` is a user id, or a bound parameter in a statement built once (file_parts.py)."""
    return or_(ContactNote.confidential.is_(False), ContactNote.author_id == author)


def can_change(note: ContactNote, user=None) -> bool:
    """Only the author edits or deletes a note: it is their account of what happened."""
    user = user or current_user
    return note.author_id == user.id and not note.deleted


def note_or_404(client: Client, note_id: int, *, lock: bool = False) -> ContactNote:
    query = select(ContactNote).where(ContactNote.id == note_id, ContactNote.client_id == client.id)
    if lock:
        query = query.with_for_update(of=ContactNote)
    note = db.session.scalar(query)
    if note is None:
        abort(404)
    return note


def sealed_follow_ups(follow_ups, user=None) -> set[int]:
    """The FOLLOW_UPS contribution: which of these follow-ups came from a confidential note that
    `user` may not read (the note's own follow-up, or one of its case-conference agreements).
    The same rule as can_read(), in one query."""
    user = user or current_user
    follow_ups = list(follow_ups)
    if _manages_all(user, {follow_up.client_id for follow_up in follow_ups}):
        return set()
    ids = [follow_up.id for follow_up in follow_ups]
    hidden = and_(
        ContactNote.confidential.is_(True), ContactNote.author_id != user.id, Client.case_manager_id != user.id
    )
    own = (
        select(ContactNote.follow_up_id)
        .join(Client, Client.id == ContactNote.client_id)
        .where(ContactNote.follow_up_id.in_(ids), hidden)
    )
    agreed = (
        select(NoteAgreement.follow_up_id)
        .join(ContactNote, ContactNote.id == NoteAgreement.note_id)
        .join(Client, Client.id == ContactNote.client_id)
        .where(NoteAgreement.follow_up_id.in_(ids), hidden)
    )
    return {follow_up_id for follow_up_id in db.session.scalars(own.union(agreed)) if follow_up_id is not None}


def _manages_all(user, client_ids: set[int]) -> bool:
    """Whether `user` is the case manager of each of these files, judged from the clients the
    session has loaded already (the file's page loaded its client through client_or_404): the
    case manager reads every note of their files, so nothing of theirs is sealed, and no query
    is needed to say so. A client not loaded (or expired by a commit) counts as "not known", and
    the query decides. It relies on a follow-up belonging to the file of the note it came from
    (the query joins the note's file): notes and case conferences create them that way."""
    for client_id in client_ids:
        client = db.session.identity_map.get(identity_key(Client, client_id))
        if client is None or "case_manager_id" in inspect(client).unloaded or client.case_manager_id != user.id:
            return False
    return bool(client_ids)
