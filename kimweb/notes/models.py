"""Contact notes: the shared memory of everyone working with a client. Never overwritten: every
save adds a revision row, a deletion only marks the note deleted (with a reason)."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

from ..auth.models import User
from ..clients.casework_models import FollowUp
from ..directory.models import Organization
from ..extensions import Model, db
from ..lifeareas import LifeArea
from ..timeutil import format_date, local_today, utcnow
from .choices import LETTER_STATUSES
from .search_keys import text_keys

MAX_TEXT = 50_000

note_organization = Table(
    "contact_note_organization",
    db.metadata,
    Column("note_id", ForeignKey("contact_note.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organization.id"), primary_key=True, index=True),
)

note_life_area = Table(
    "contact_note_life_area",
    db.metadata,
    Column("note_id", ForeignKey("contact_note.id", ondelete="CASCADE"), primary_key=True),
    Column("life_area_id", ForeignKey("life_area.id"), primary_key=True, index=True),
)


class ContactNote(Model):
    """The current state of a note; its revisions hold every state it ever had."""

    __tablename__ = "contact_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    occurred_at: Mapped[datetime]  # naive UTC, like every timestamp
    kind: Mapped[str] = mapped_column(String(20))
    duration_minutes: Mapped[int | None]
    participants_text: Mapped[str | None] = mapped_column(String(1000))
    confidential: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(Text)
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    delete_reason: Mapped[str | None] = mapped_column(String(1000))
    # Text, participants and agencies as search keys (kimweb.notes.search_keys: folded words and
    # their German stems): what the note search matches. Its
    # full-text index differs per database and lives outside the models (SEARCH_INDEX_OBJECTS).
    search_text: Mapped[str] = mapped_column(Text, default="")

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    follow_up: Mapped[FollowUp | None] = relationship()
    organizations: Mapped[list[Organization]] = relationship(secondary=note_organization, order_by=Organization.name)
    life_areas: Mapped[list[LifeArea]] = relationship(secondary=note_life_area, order_by=LifeArea.sort_order)
    revisions: Mapped[list["ContactNoteRevision"]] = relationship(
        back_populates="note", order_by="ContactNoteRevision.number", cascade="all, delete-orphan"
    )
    letter: Mapped["NoteLetter | None"] = relationship(back_populates="note", cascade="all, delete-orphan")
    conference: Mapped["NoteConference | None"] = relationship(cascade="all, delete-orphan")
    agreements: Mapped[list["NoteAgreement"]] = relationship(order_by="NoteAgreement.id", cascade="all, delete-orphan")

    # The timeline reads one client's notes newest first, page by page (keyset on both columns).
    # The KIM reports count a period's notes per file and kind from the second index alone.
    __table_args__ = (
        Index("ix_contact_note_timeline", "client_id", "occurred_at", "id"),
        Index(
            "ix_contact_note_period",
            "occurred_at",
            "client_id",
            "kind",
            "duration_minutes",
            sqlite_where=sql_text("deleted_at IS NULL"),
            postgresql_where=sql_text("deleted_at IS NULL"),
        ),
    )

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


# What the note search (kimweb/notes/search.py) needs beyond the models, made by migration 0007
# for one database each: on SQLite an FTS5 table over search_text (with the shadow tables FTS5
# keeps beside it) and its triggers; on PostgreSQL a trigram index over search_text and an index
# that reads the notes of all files newest first. Schema comparisons (models against migrations)
# leave these names out.
SEARCH_INDEX_OBJECTS = frozenset(
    {
        "contact_note_search",
        "contact_note_search_data",
        "contact_note_search_idx",
        "contact_note_search_config",
        "ix_contact_note_search_trgm",
        "ix_contact_note_occurred",
    }
)
db.metadata.info.setdefault("unmodelled", set()).update(SEARCH_INDEX_OBJECTS)


class ContactNoteRevision(Model):
    """One state of a note, as saved by someone at some time: created, edited or deleted."""

    __tablename__ = "contact_note_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("contact_note.id", ondelete="CASCADE"))
    number: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # created / edited / deleted
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    saved_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    occurred_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    duration_minutes: Mapped[int | None]
    participants_text: Mapped[str | None] = mapped_column(String(1000))
    # Agencies and life areas as they were then: names at the time, one per line.
    organization_names: Mapped[str | None] = mapped_column(Text)
    life_area_labels: Mapped[str | None] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(Text)
    # For letters: authority, subject, dates, deadline and status as they were then, as text.
    letter_summary: Mapped[str | None] = mapped_column(String(2000))
    reason: Mapped[str | None] = mapped_column(String(1000))
    # For case conferences: the agreements as they were then, one per line (what · who · by when).
    agreement_summary: Mapped[str | None] = mapped_column(Text)

    note: Mapped[ContactNote] = relationship(back_populates="revisions")
    saved_by: Mapped[User] = relationship()

    __table_args__ = (Index("ix_contact_note_revision_note", "note_id", "number", unique=True),)


def snapshot(note: ContactNote, action: str, user_id: int, reason: str | None = None) -> ContactNoteRevision:
    """A revision row holding the note as it is now; every save passes here, so the note's search
    text is refreshed here too."""
    note.search_text = text_keys(note.text, note.participants_text, *(o.name for o in note.organizations))
    number = len(note.revisions) + 1
    revision = ContactNoteRevision(
        number=number,
        action=action,
        saved_at=utcnow(),
        saved_by_id=user_id,
        occurred_at=note.occurred_at,
        kind=note.kind,
        duration_minutes=note.duration_minutes,
        participants_text=note.participants_text,
        organization_names="\n".join(o.name for o in note.organizations) or None,
        life_area_labels="\n".join(a.label for a in note.life_areas) or None,
        confidential=note.confidential,
        text=note.text,
        reason=reason,
        letter_summary=note.letter.summary() if note.letter else None,
        agreement_summary="\n".join(a.summary() for a in note.agreements) or None,
    )
    note.revisions.append(revision)
    return revision


class NoteLetter(Model):
    """What a letter in or out adds to its note: authority, subject, dates, the response or appeal
    deadline (suggested by kimweb.deadlines, confirmed by a person) and where it stands."""

    __tablename__ = "note_letter"

    note_id: Mapped[int] = mapped_column(ForeignKey("contact_note.id", ondelete="CASCADE"), primary_key=True)
    # Kept beside the note's for the start page, which lists open deadlines across files.
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    subject: Mapped[str] = mapped_column(String(500))
    letter_date: Mapped[date]  # sent or received
    served_on: Mapped[date | None]
    decision_kind: Mapped[str | None] = mapped_column(String(40))  # a key of deadline_rules.APPEAL_RULES
    remedy_instructions_missing: Mapped[bool] = mapped_column(default=False)
    deadline: Mapped[date | None]
    # A date the letter sets (a hearing, an appointment at the office): it becomes an appointment.
    hearing_on: Mapped[date | None]
    hearing_time: Mapped[str | None] = mapped_column(String(20))
    deadline_confirmed_at: Mapped[datetime | None]
    deadline_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    # The local day it left "open" (answered, appealed, done); None while open, and for letters
    # handled before the day was recorded (migration 0022). The reports' "in time" reads it.
    handled_on: Mapped[date | None]

    note: Mapped[ContactNote] = relationship(back_populates="letter")
    organization: Mapped[Organization] = relationship()
    deadline_confirmed_by: Mapped[User | None] = relationship()

    # Open deadlines of one file (header) or of the files one may open (start page).
    __table_args__ = (Index("ix_note_letter_client_status", "client_id", "status", "deadline"),)

    def set_status(self, status: str) -> None:
        """Move the letter to `status`, keeping the day it was handled (the first day it left
        "open"; back to "open" forgets it)."""
        if status == "open":
            self.handled_on = None
        elif self.status in (None, "open"):
            self.handled_on = local_today()
        self.status = status

    def summary(self) -> str:
        parts = [self.organization.name if self.organization else "", self.subject, format_date(self.letter_date)]
        if self.served_on:
            parts.append("zugestellt " + format_date(self.served_on))
        if self.deadline:
            parts.append("Frist " + format_date(self.deadline))
        parts.append(str(LETTER_STATUSES.get(self.status, self.status)))
        return " · ".join(p for p in parts if p)[:2000]


class NoteConference(Model):
    """What a case conference adds to its note: the next date, and the agencies that took part
    without an active consent together with the reason it was right to go ahead (an override)."""

    __tablename__ = "note_conference"

    note_id: Mapped[int] = mapped_column(ForeignKey("contact_note.id", ondelete="CASCADE"), primary_key=True)
    next_date: Mapped[date | None]
    # Names at the time, one per line (the audit row has their ids).
    missing_consent: Mapped[str | None] = mapped_column(String(2000))
    override_reason: Mapped[str | None] = mapped_column(String(1000))


class NoteAgreement(Model):
    """An agreement of a case conference: what, who, by when; each became a follow-up."""

    __tablename__ = "note_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("contact_note.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(500))
    who: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date]
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id", ondelete="SET NULL"))

    follow_up: Mapped[FollowUp | None] = relationship()

    def summary(self) -> str:
        parts = [self.what, self.who or "", "bis " + format_date(self.due_on)]
        return " · ".join(p for p in parts if p)


class NoteDraft(Model):
    """A note being written, saved while typing: one per user and client for a new note, one per
    user and note for an edit; gone once the note is saved or the draft discarded. Only its writer
    ever sees it."""

    __tablename__ = "note_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    # The form's fields as typed (JSON of field name -> text or list of ids); the text may be
    # up to MAX_TEXT characters, the other fields are short.
    fields: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    # An edit: the note and the version the edit started from (a draft of an older version must
    # not overwrite a newer one unseen: saving it answers 409).
    note_id: Mapped[int | None] = mapped_column(ForeignKey("contact_note.id", ondelete="CASCADE"))
    note_version: Mapped[int | None]

    note: Mapped[ContactNote | None] = relationship()

    __table_args__ = (
        Index(
            "ix_note_draft_user_client_new",
            "user_id",
            "client_id",
            unique=True,
            sqlite_where=sql_text("note_id IS NULL"),
            postgresql_where=sql_text("note_id IS NULL"),
        ),
        Index("ix_note_draft_user_note", "user_id", "note_id", unique=True),
    )


# What a timeline entry shows, loaded with the page rather than note by note: the one-to-one
# parts joined into the page's query, the lists in one query each.
ENTRY_LOADS = (
    joinedload(ContactNote.author),
    joinedload(ContactNote.follow_up),
    joinedload(ContactNote.deleted_by),
    joinedload(ContactNote.conference),
    joinedload(ContactNote.letter).joinedload(NoteLetter.organization),
    joinedload(ContactNote.letter).joinedload(NoteLetter.deadline_confirmed_by),
    selectinload(ContactNote.organizations),
    selectinload(ContactNote.life_areas),
    selectinload(ContactNote.agreements),
)
