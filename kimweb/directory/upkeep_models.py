"""What keeps the directory useful beyond HSDS: team tips, verifications, change suggestions,
search synonyms, import reports and the search index."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import Model
from ..timeutil import utcnow


class Tip(Model):
    """A short hint by staff ("ask for Ms K., she speaks Tigrinya"), hidden after its review date."""

    __tablename__ = "directory_tip"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    review_on: Mapped[date]

    author: Mapped[User | None] = relationship()


class Verification(Model):
    """A check that an entry is still correct: when, by whom, how."""

    __tablename__ = "directory_verification"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    method: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(500))

    user: Mapped[User | None] = relationship()


class Suggestion(Model):
    """A change proposed by staff without edit rights, or (kind "new") a new agency or service as structured
    fields (`proposal`, JSON: see views_proposal.PROPOSAL_FIELDS); waits for an editor in the moderation queue.
    An accepted proposal becomes an entry and then points at it."""

    __tablename__ = "directory_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="change", server_default="change")
    proposal: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(String(1000))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    service = relationship("Service")


class Synonym(Model):
    """A search word that stands for another (ABH -> auslaenderbehoerde); both stored folded."""

    __tablename__ = "directory_synonym"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(64))
    expansion: Mapped[str] = mapped_column(String(64))
    # As the editor typed them, for display.
    term_display: Mapped[str] = mapped_column(String(64))
    expansion_display: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("term", "expansion"),)


class ImportRun(Model):
    """One import (HSDS package or flat sheet) and its report, so a re-read is possible later."""

    __tablename__ = "directory_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(200))
    succeeded: Mapped[bool]
    report: Mapped[str] = mapped_column(Text)

    user: Mapped[User | None] = relationship()


class SearchToken(Model):
    """The search index: one row per service and folded word, with the weight of its best field."""

    __tablename__ = "directory_search_token"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    weight: Mapped[int]

    # Without rowid, SQLite keeps the rows in (token, service_id) order: lookups read no other page.
    __table_args__ = (Index("ix_directory_search_token_service_id", "service_id"), {"sqlite_with_rowid": False})
