"""Records of a person's rights and of retention: restrictions (Art. 18), legal holds, erasures and
anonymisations (Art. 17). The erasure record keeps ids, dates and codes only, never personal data."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..timeutil import utcnow

# Why a file was anonymised: the codes of the erasure record (no free text: it would be personal data).
ERASURE_REASONS = ("retention", "request", "objection", "unlawful", "consent_withdrawn")


class PrivacyRestriction(Model):
    """Art. 18: while set, the file is read-only and only the team lead sees it."""

    __tablename__ = "privacy_restriction"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    lifted_at: Mapped[datetime | None]
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class PrivacyHold(Model):
    """A legal hold (a pending court case...): nothing of the file is anonymised until it ends."""

    __tablename__ = "privacy_hold"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    until: Mapped[date]
    set_at: Mapped[datetime] = mapped_column(default=utcnow)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    lifted_at: Mapped[datetime | None]
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class PrivacyErasure(Model):
    """An erasure confirmed by the team lead (on request or at the end of retention). anonymised_at
    is empty while a legal hold stops it."""

    __tablename__ = "privacy_erasure"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), unique=True)
    reason_code: Mapped[str] = mapped_column(String(30))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    anonymised_at: Mapped[datetime | None]
