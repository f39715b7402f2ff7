"""The directory's HSDS entities: organization, service, location, service at location, schedules,
contacts, phones, languages and service areas. Table and column names follow HSDS where it has them."""

import uuid as uuid_module
from datetime import date, datetime, time

from sqlalchemy import Column, Float, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import Team
from ..extensions import Model, db
from ..lifeareas import LifeArea
from ..timeutil import utcnow


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class _Stamped:
    # HSDS ids: kept as given on import (some packages use ids that are not strict UUIDs).
    uuid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uuid)


class Organization(_Stamped, Model):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    alternate_name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    url: Mapped[str | None] = mapped_column(String(500))
    legal_status: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    services: Mapped[list["Service"]] = relationship(
        back_populates="organization", order_by="Service.name", cascade="all, delete-orphan"
    )
    locations: Mapped[list["Location"]] = relationship(
        back_populates="organization", order_by="Location.name", cascade="all, delete-orphan"
    )
    phones: Mapped[list["Phone"]] = relationship(
        primaryjoin="and_(Phone.organization_id == Organization.id, Phone.service_id.is_(None), "
        "Phone.location_id.is_(None), Phone.contact_id.is_(None))",
        viewonly=True,
    )

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.name


class Location(_Stamped, Model):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    alternate_name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # The HSDS physical_address, held on the location (kimweb has one address per location).
    address_uuid: Mapped[str | None] = mapped_column(String(64))
    address_1: Mapped[str | None] = mapped_column(String(200))
    address_2: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(120))
    state_province: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(2))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    # Women's shelters: the address is shown to staff only, never on handouts or in exports.
    address_confidential: Mapped[bool] = mapped_column(default=False)
    step_free: Mapped[bool | None]
    lift: Mapped[bool | None]
    accessible_wc: Mapped[bool | None]
    accessibility_note: Mapped[str | None] = mapped_column(String(1000))
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization | None] = relationship(back_populates="locations")
    district: Mapped[Team | None] = relationship()
    phones: Mapped[list["Phone"]] = relationship(
        primaryjoin="and_(Phone.location_id == Location.id, Phone.service_id.is_(None), Phone.contact_id.is_(None))",
        viewonly=True,
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in (self.address_1, " ".join(x for x in (self.postal_code, self.city) if x)) if p)

    def __str__(self) -> str:
        return self.name


service_life_area = Table(
    "service_life_area",
    db.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("life_area_id", ForeignKey("life_area.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_service_life_area_life_area_id", "life_area_id", "service_id"),
)


class Service(_Stamped, Model):
    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # Folded name: the order of result lists, the same on both databases.
    sort_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    alternate_name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20), default="active")
    alert: Mapped[str | None] = mapped_column(String(500))
    status_until: Mapped[date | None]
    eligibility: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None]
    maximum_age: Mapped[int | None]
    application_process: Mapped[str | None] = mapped_column(Text)
    # The professional referral channel, apart from the public contacts.
    referral_channel: Mapped[str | None] = mapped_column(String(20))
    referral_address: Mapped[str | None] = mapped_column(String(500))
    referral_note: Mapped[str | None] = mapped_column(Text)
    documents_required: Mapped[str | None] = mapped_column(Text)
    fees: Mapped[str | None] = mapped_column(Text)
    fees_covered_by: Mapped[str | None] = mapped_column(String(300))
    intake_mode: Mapped[str | None] = mapped_column(String(20))
    capacity: Mapped[str | None] = mapped_column(String(20))
    wait_days: Mapped[int | None]
    capacity_updated_on: Mapped[date | None]
    interpretation_services: Mapped[str | None] = mapped_column(String(500))
    last_verified_on: Mapped[date | None] = mapped_column(index=True)
    last_verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    last_verified_method: Mapped[str | None] = mapped_column(String(20))
    next_review_on: Mapped[date | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship(back_populates="services")
    life_areas: Mapped[list[LifeArea]] = relationship(secondary=service_life_area, order_by=LifeArea.sort_order)
    at_locations: Mapped[list["ServiceAtLocation"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    areas: Mapped[list["ServiceArea"]] = relationship(cascade="all, delete-orphan")
    schedules: Mapped[list["Schedule"]] = relationship(
        cascade="all, delete-orphan", order_by="(Schedule.weekday, Schedule.opens_at)"
    )
    exceptions: Mapped[list["ScheduleException"]] = relationship(
        cascade="all, delete-orphan", order_by="ScheduleException.start_date"
    )
    contacts: Mapped[list["Contact"]] = relationship(cascade="all, delete-orphan", order_by="Contact.name")
    languages: Mapped[list["ServiceLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="(ServiceLanguage.code, ServiceLanguage.mode)"
    )
    phones: Mapped[list["Phone"]] = relationship(
        primaryjoin="and_(Phone.service_id == Service.id, Phone.contact_id.is_(None))", viewonly=True
    )
    last_verified_by = relationship("User")

    __mapper_args__ = {"version_id_col": version}

    @property
    def locations(self) -> list[Location]:
        return [link.location for link in self.at_locations]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(_Stamped, Model):
    __tablename__ = "service_at_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="at_locations")
    location: Mapped[Location] = relationship()

    __table_args__ = (UniqueConstraint("service_id", "location_id"),)


class ServiceArea(_Stamped, Model):
    """A district (Sozialraum) the service is responsible for; none means the whole city."""

    __tablename__ = "service_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(1000))

    district: Mapped[Team | None] = relationship()

    __table_args__ = (Index("ix_service_area_district_id", "district_id", "service_id"),)


class Schedule(_Stamped, Model):
    """A weekly opening slot (HSDS regular_schedule); weekday 1 is Monday."""

    __tablename__ = "regular_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="SET NULL"))
    weekday: Mapped[int]
    opens_at: Mapped[time]
    closes_at: Mapped[time]
    # "hours" when the way in is not known (plain opening hours, as most HSDS data has them).
    attending: Mapped[str] = mapped_column(String(20), default="hours")
    booking_url: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(String(300))

    location: Mapped[Location | None] = relationship()

    __table_args__ = (
        Index("ix_regular_schedule_open", "weekday", "service_id", "opens_at", "closes_at"),
        Index("ix_regular_schedule_service_id", "service_id"),
    )


class ScheduleException(_Stamped, Model):
    """Dated exceptions (HSDS holiday_schedule): closed, or special hours on those days."""

    __tablename__ = "holiday_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="SET NULL"))
    start_date: Mapped[date]
    end_date: Mapped[date]
    closed: Mapped[bool] = mapped_column(default=True)
    opens_at: Mapped[time | None]
    closes_at: Mapped[time | None]
    note: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (Index("ix_holiday_schedule_service_dates", "service_id", "start_date", "end_date"),)


class Contact(_Stamped, Model):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    responsibility: Mapped[str | None] = mapped_column(String(1000))
    email: Mapped[str | None] = mapped_column(String(254))
    visibility: Mapped[str] = mapped_column(String(10), default="public")

    phones: Mapped[list["Phone"]] = relationship(cascade="all, delete-orphan")

    @property
    def phone(self) -> str | None:
        return self.phones[0].number if self.phones else None


class Phone(_Stamped, Model):
    __tablename__ = "phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(60))
    extension: Mapped[str | None] = mapped_column(String(20))
    type: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(300))


class ServiceLanguage(_Stamped, Model):
    __tablename__ = "language"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(20), default="staff")
    note: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        UniqueConstraint("service_id", "code", "mode"),
        Index("ix_language_code", "code", "mode", "service_id"),
    )
