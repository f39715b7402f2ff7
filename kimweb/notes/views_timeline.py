"""Reading notes: the timeline and its pages and filters, search within a client's notes, history."""

from datetime import date

from flask import abort, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from .. import audit, htmx
from ..auth.models import User
from ..clients.access import audit_shown, client_or_404
from ..clients.models import Client
from ..contributions import NOTE_SEARCH, parts_for
from ..directory.models import Organization
from ..directory.search.vocabulary import query_words
from ..extensions import db
from ..fields import parse_id, search_words
from ..lifeareas import LifeArea
from ..security import has_permission, requires
from . import drafts, letters
from .access import can_read, note_or_404, readable
from .blueprint import bp
from .choices import KINDS
from .models import ContactNote, note_organization
from .search import MAX_HITS, search_client_notes, search_team_notes
from .search_keys import query_keys
from .timeline import Filters, Page, entries, load_page


def file_url(client: Client, note: ContactNote | None = None) -> str:
    return url_for("clients.file", client_id=client.id, _anchor=f"note-{note.id}" if note else "section-notes")


def _filter_choices(client: Client) -> dict:
    authors = db.session.execute(
        select(User.id, User.display_name)
        .where(User.id.in_(select(ContactNote.author_id).where(ContactNote.client_id == client.id)))
        .order_by(User.display_name)
    ).all()
    agencies = db.session.execute(
        select(Organization.id, Organization.name)
        .where(
            Organization.id.in_(
                select(note_organization.c.organization_id)
                .join(ContactNote, ContactNote.id == note_organization.c.note_id)
                .where(ContactNote.client_id == client.id, readable(client))
            )
        )
        .order_by(Organization.name)
    ).all()
    return {
        "kinds": KINDS,
        "authors": authors,
        "agencies": agencies,
        "life_areas": db.session.execute(select(LifeArea.id, LifeArea.label).order_by(LifeArea.sort_order)).all(),
    }


def _edit_drafts(client: Client) -> set[int]:
    """The notes with an unsaved edit of the current user, marked on the timeline."""
    if not has_permission("notes.write") or client.closed:
        return set()
    return drafts.edited_note_ids(current_user.id, client.id)


def timeline_context(client: Client, filters: Filters | None = None) -> dict:
    filters = filters or Filters()
    may_write = has_permission("notes.write") and not client.closed
    return {
        "client": client,
        "filters": filters,
        "page": load_page(client, filters),
        "choices": _filter_choices(client),
        "may_write": may_write,
        "draft": drafts.find(current_user.id, client.id) if may_write else None,
        "edit_drafts": _edit_drafts(client),
        "open_letters": letters.open_deadlines(client),
    }


@bp.route("/klienten/<int:client_id>/notizen")
@requires("client.read")
def timeline(client_id: int):
    """The whole timeline (a page of its own without JavaScript), its filtered list, or the next
    page of entries (htmx: revealed 'Weitere laden')."""
    client = client_or_404(client_id)
    filters = Filters.from_args(request.args)
    before_id = request.args.get("vor", "")
    if before_id:
        before_number = parse_id(before_id)
        if before_number is None:
            abort(404)
        before = note_or_404(client, before_number)
        previous_day = _day_arg(request.args.get("tag", ""))
        page = load_page(client, filters, before, previous_day)
        context = {"client": client, "filters": filters, "page": page, "edit_drafts": _edit_drafts(client)}
        if htmx.is_partial():
            return render_template("notes/_entries.html", **context)
        context.update(choices=_filter_choices(client), may_write=has_permission("notes.write") and not client.closed)
        return render_template("notes/timeline.html", continued=True, **context)
    return htmx.render("notes/timeline.html", "notes/_list.html", **timeline_context(client, filters))


def _day_arg(value: str):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@bp.route("/klienten/<int:client_id>/notizen/<int:note_id>/verlauf")
@requires("client.read")
def history(client_id: int, note_id: int):
    client = client_or_404(client_id)
    note = note_or_404(client, note_id)
    if not can_read(note, client):
        abort(404)
    audit.record("note.history_viewed", "contact_note", note.id, detail=f"client={client.id}")
    return render_template(
        "notes/history.html", client=client, note=note, revisions=list(reversed(note.revisions)), kinds=KINDS
    )


@bp.route("/klienten/<int:client_id>/notizen/suche", methods=["POST"])
@requires("client.read")
def search(client_id: int):
    """Search within the client's notes. A POST, so that the words stay out of URLs and logs."""
    client = client_or_404(client_id)
    query = search_words(request.form.get("q"))
    hits = search_client_notes(client, query)
    if query_words(query):
        # The search read the file's notes: it shows in the file's "who opened this file".
        audit_shown([client.id])
    context = {
        "client": client,
        "filters": Filters(),
        "page": Page(entries=entries(client, hits)),
        "query": query,
        "hits": len(hits),
        "max_hits": MAX_HITS,
        "has_words": bool(query_words(query)),
        "marks": query_keys(query),
        "edit_drafts": _edit_drafts(client),
        **parts_for(NOTE_SEARCH, (client, query)),
    }
    if htmx.is_partial():
        page = render_template("notes/_search_results.html", **context)
    else:
        context.update(choices=_filter_choices(client), may_write=has_permission("notes.write") and not client.closed)
        page = render_template("notes/timeline.html", searched=True, **context)
    db.session.commit()  # the audit rows; after rendering, which a commit would make reload the hits
    return page


@bp.route("/notizen/teamsuche", methods=["GET", "POST"])
@requires("notes.search_team")
def team_search():
    """Team leads: search the notes of every file of their team. Audited (hit count, no words)."""
    query = search_words(request.form.get("q")) if request.method == "POST" else ""
    hits = search_team_notes(current_user, query) if query else []
    audit_shown({client.id for _note, client in hits})
    context = {
        "query": query,
        "hits": hits,
        "searched": request.method == "POST",
        "max_hits": MAX_HITS,
        "has_words": bool(query_words(query)),
        "marks": query_keys(query),
        **(parts_for(NOTE_SEARCH, (None, query)) if query else {}),
    }
    # Rendered before the audit row is committed: a commit expires the hits, and reloading each
    # of them cost more than the search itself.
    page = htmx.render("notes/team_search.html", "notes/_team_results.html", **context)
    if request.method == "POST":
        audit.record("note.team_search", "team", current_user.team_id, detail=f"hits={len(hits)}")
        db.session.commit()
    return page
