"""Documents of a case file: metadata here, the bytes in the document store (storage.py), named by
their SHA-256. Never edited in place: a new version is a new row pointing to the one it replaces;
a deletion only marks the row (with a reason) until the retention rules remove it."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import Model, db
from ..timeutil import utcnow

# Where a document's text stands: "pending" until the background reader is done.
TEXT_PENDING, TEXT_DONE, TEXT_NONE, TEXT_FAILED = "pending", "done", "none", "failed"


class DocumentType(Model):
    """A kind of document (admin-editable). Health kinds count as health data for consents and
    referrals; identity kinds (passport, residence card) are kept as a copy only with a reason."""

    __tablename__ = "document_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100), unique=True)
    health: Mapped[bool] = mapped_column(default=False)
    identity: Mapped[bool] = mapped_column(default=False)
    # What passing such a document on discloses, as codes of clients/consent_scope.DATA_KINDS.
    data_scope: Mapped[str] = mapped_column(String(200), default="identity concern")
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=100)


class Document(Model):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    type_id: Mapped[int] = mapped_column(ForeignKey("document_type.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    document_date: Mapped[date | None]
    valid_until: Mapped[date | None]
    confidential: Mapped[bool] = mapped_column(default=False)
    # Why a copy of an identity document is kept (German social courts ordered such copies deleted).
    copy_reason: Mapped[str | None] = mapped_column(String(1000))
    # The name as uploaded, cleaned (no path, no control characters): offered again on download.
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # A small PNG preview in the store, when one could be made (images, scanned PDFs).
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    # The version this upload replaces.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"), index=True)
    # What the document belongs to in the file: a letter or conference note, a consent, a referral.
    note_id: Mapped[int | None] = mapped_column(ForeignKey("contact_note.id", ondelete="SET NULL"), index=True)
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id", ondelete="SET NULL"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="SET NULL"), index=True)
    text_status: Mapped[str] = mapped_column(String(20), default=TEXT_PENDING)
    # "pdf" (the text layer), "ocr", "plain" (text, e-mail, DOCX/ODT) or None.
    text_source: Mapped[str | None] = mapped_column(String(20))
    # Which process reads the text since when: a worker that died leaves an old claim, taken over later.
    text_claimed_at: Mapped[datetime | None]
    text: Mapped[str | None] = mapped_column(Text, deferred=True)
    # Title and text folded (kimweb.textfold): what the search matches.
    search_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    delete_reason: Mapped[str | None] = mapped_column(String(1000))

    type: Mapped[DocumentType] = relationship()
    uploaded_by: Mapped[User] = relationship(foreign_keys=[uploaded_by_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    previous: Mapped["Document | None"] = relationship(remote_side=[id])

    __table_args__ = (Index("ix_document_client", "client_id", "uploaded_at"),)

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def inline(self) -> bool:
        """Shown in the browser (the others are downloads)."""
        return self.media_type in INLINE_TYPES


INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "text/plain"})

# Documents passed on (with a referral): which went out with which disclosure.
disclosure_document = Table(
    "disclosure_document",
    db.metadata,
    Column("disclosure_id", ForeignKey("disclosure.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class IdSighting(Model):
    """An identity document seen, instead of a copy kept: which, its number and validity, seen on
    which day by whom."""

    __tablename__ = "id_sighting"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str | None] = mapped_column(String(60))
    valid_until: Mapped[date | None]
    seen_on: Mapped[date]
    seen_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    remark: Mapped[str | None] = mapped_column(String(500))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    seen_by: Mapped[User] = relationship()


# The documents' search index (migration 0010, like the notes' in 0007): left out of schema comparisons.
SEARCH_INDEX_OBJECTS = frozenset(
    {
        "document_search",
        "document_search_data",
        "document_search_idx",
        "document_search_config",
        "ix_document_search_trgm",
    }
)
db.metadata.info.setdefault("unmodelled", set()).update(SEARCH_INDEX_OBJECTS)
