"""Letters and forms: templates kept as versions (a letter keeps the version it was written
from), the letters written (each saved once, as a letter note and a PDF document of the file),
the office's texts per language (privacy information) and the forms printed for signature."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..directory.models import Organization
from ..extensions import Model
from ..timeutil import utcnow


class LetterTemplate(Model):
    """A kind of letter (admin-editable); its wording lives in versions, the newest is used."""

    __tablename__ = "letter_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=100)

    versions: Mapped[list["LetterTemplateVersion"]] = relationship(
        back_populates="template", order_by="LetterTemplateVersion.number"
    )

    @property
    def current(self) -> "LetterTemplateVersion":
        return self.versions[-1]


class LetterTemplateVersion(Model):
    """One wording of a template, never changed: an edit adds the next number."""

    __tablename__ = "letter_template_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("letter_template.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    # Whether the letter passes the client's data to the agency (then a consent must cover it);
    # a Vollmacht or a Schweigepflichtentbindung is signed by the client, and is the consent itself.
    passes_data: Mapped[bool] = mapped_column(default=True)
    # Days from the letter's date to its answer deadline in the register (None: no deadline).
    deadline_days: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    template: Mapped[LetterTemplate] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_letter_template_version_number", "template_id", "number", unique=True),)


class Letter(Model):
    """A letter written from a template, as saved: the text as sent, its note in the
    correspondence register and its PDF in the file's documents."""

    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    template_version_id: Mapped[int] = mapped_column(ForeignKey("letter_template_version.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    address: Mapped[str] = mapped_column(String(1000))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    letter_date: Mapped[date]
    deadline: Mapped[date | None]
    # The consent that covered what the letter passes on (None: nothing passed on).
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id", ondelete="SET NULL"))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("contact_note.id", ondelete="SET NULL"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    template_version: Mapped[LetterTemplateVersion] = relationship()
    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User] = relationship()


class OfficeText(Model):
    """A text of the office in one language (the privacy information, Art. 13 GDPR), versioned:
    the newest row of a key and language is current. A new language is a new row, not code."""

    __tablename__ = "office_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    # BCP 47: "de", "en", "ar"; simple German (Leichte Sprache) is "de-x-ls".
    language: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    __table_args__ = (Index("ix_office_text_key_language", "key", "language", "number", unique=True),)


class FormPrint(Model):
    """A form printed for the client's signature: which, when, by whom (the consent shows it,
    and, once a signed scan is among its documents, when it came back)."""

    __tablename__ = "form_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # consent / privacy / plan
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id", ondelete="CASCADE"), index=True)
    language: Mapped[str | None] = mapped_column(String(20))
    printed_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    printed_by: Mapped[User] = relationship()
