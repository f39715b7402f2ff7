"""Referrals of a client to a service of the directory, their status history, and the disclosure
log: every passing on of client data, with the consent or override it rested on."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..auth.models import User
from ..clients.casework_models import Consent
from ..directory.models import Organization, Service
from ..extensions import Model
from ..lifeareas import LifeArea
from ..timeutil import utcnow
from .choices import OPEN_STATUSES


class Referral(Model):
    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    # The directory may lose the service one day; the names stay as they were when referred.
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    service_name: Mapped[str] = mapped_column(String(200))
    organization_name: Mapped[str] = mapped_column(String(200))
    life_area_id: Mapped[int | None] = mapped_column(ForeignKey("life_area.id"))
    reason: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    channel: Mapped[str] = mapped_column(String(20))
    # What is passed on (codes of clients/consent_scope.py); empty: nothing, no consent needed.
    data_scope: Mapped[str] = mapped_column(String(200), default="")
    health_data: Mapped[bool] = mapped_column(default=False)
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id"))
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    status_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_on: Mapped[date | None]
    appointment_on: Mapped[date | None]
    appointment_note: Mapped[str | None] = mapped_column(String(200))
    follow_up_on: Mapped[date | None]  # open referrals only
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    service: Mapped[Service | None] = relationship()
    life_area: Mapped[LifeArea | None] = relationship()
    consent: Mapped[Consent | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    override_by: Mapped[User | None] = relationship(foreign_keys=[override_by_id])
    events: Mapped[list["ReferralEvent"]] = relationship(
        back_populates="referral", order_by="ReferralEvent.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_referral_client", "client_id", "status"),
        # The directory's figures: a service's referrals of the last year.
        Index("ix_referral_service_sent", "service_id", "sent_on"),
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def passes_data(self) -> bool:
        return bool(self.data_scope.strip()) or self.health_data


class ReferralEvent(Model):
    """One step of a referral: the state it went to, when, by whom, with the date or note it asks for."""

    __tablename__ = "referral_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    on_date: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)

    referral: Mapped[Referral] = relationship(back_populates="events")
    by: Mapped[User | None] = relationship()


class Disclosure(Model):
    """Client data passed to an agency: what, to whom, when, how, under which consent or override.
    Rows are never changed or deleted (only with the whole file, after its retention period)."""

    __tablename__ = "disclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    organization_name: Mapped[str] = mapped_column(String(200))
    data_scope: Mapped[str] = mapped_column(String(200), default="")
    health_data: Mapped[bool] = mapped_column(default=False)
    channel: Mapped[str] = mapped_column(String(20))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id"))
    override_reason: Mapped[str | None] = mapped_column(Text)
    disclosed_on: Mapped[date]  # the day the data left (a referral may be recorded as sent days ago)
    disclosed_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was recorded
    disclosed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    consent: Mapped[Consent | None] = relationship()
    disclosed_by: Mapped[User | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


@event.listens_for(Session, "before_flush")
def _disclosures_stay(session, _context, _instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Disclosure) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("disclosure is append-only")
