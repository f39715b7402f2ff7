"""The calendar feed of a case manager (iCalendar, RFC 5545, built with `icalendar`): behind a
long random token that only its owner sees once and can renew (stored as a hash), with no client
names and no case content, only initials or the case number as the owner chose."""

import hashlib
import secrets
from datetime import UTC, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select

from ..clients.models import Client
from ..extensions import db
from ..timeutil import utcnow
from .choices import CANCELLED, KINDS
from .models import Appointment, CalendarFeed

# How far the feed reaches: back for what happened, ahead for what is planned.
PAST = timedelta(days=30)
AHEAD = timedelta(days=365)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def renew(user, label: str) -> str:
    """A new token for `user` (the old one stops working); returned this once, never stored."""
    token = secrets.token_urlsafe(32)
    feed = db.session.get(CalendarFeed, user.id)
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
    feed.token_hash, feed.label, feed.created_at = hash_token(token), label, utcnow()
    return token


def feed_for(token: str) -> CalendarFeed | None:
    if not token or len(token) > 200:
        return None
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token)))


def client_label(client: Client, label: str) -> str:
    """How a client appears outside kimweb: initials ("M. A.") or the case number, never a name."""
    if label == "case_number":
        return client.case_number
    letters = [part[:1].upper() + "." for part in (client.given_names, client.family_name) if part]
    return " ".join(letters) or client.case_number


def _event(appointment: Appointment, label: str) -> Event:
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@kimweb")
    event.add("dtstamp", utcnow().replace(tzinfo=UTC))
    event.add("dtstart", appointment.starts_at.replace(tzinfo=UTC))
    event.add("dtend", appointment.ends_at.replace(tzinfo=UTC))
    event.add("summary", f"{KINDS.get(appointment.kind, appointment.kind)}: {client_label(appointment.client, label)}")
    if appointment.place == "room" and appointment.room:
        event.add("location", appointment.room)
    elif appointment.place == "location" and appointment.location is not None:
        event.add("location", appointment.location.name)
    event.add("sequence", appointment.version)
    event.add("status", "CANCELLED" if appointment.state == CANCELLED else "CONFIRMED")
    event.add("class", "CONFIDENTIAL")
    return event


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//kimweb//Termine//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "kimweb Termine")
    return calendar


def build_feed(feed: CalendarFeed) -> bytes:
    now = utcnow()
    rows = db.session.scalars(
        select(Appointment)
        .where(
            Appointment.case_manager_id == feed.user_id,
            Appointment.starts_at >= now - PAST,
            Appointment.starts_at < now + AHEAD,
        )
        .order_by(Appointment.starts_at)
    ).all()
    calendar = _calendar()
    for appointment in rows:
        calendar.add_component(_event(appointment, feed.label))
    return calendar.to_ical()


def single_event(appointment: Appointment, user) -> bytes:
    feed = db.session.get(CalendarFeed, user.id)
    calendar = _calendar()
    calendar.add_component(_event(appointment, feed.label if feed else "initials"))
    return calendar.to_ical()
