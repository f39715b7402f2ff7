""" "Meine Woche": a case manager's week as days side by side and as a list, printable, with the
previous and next week as plain links; and the calendar feed's settings."""

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..extensions import db
from ..holidays_nrw import holiday_name
from ..security import requires
from ..timeutil import local_today, to_local
from . import feed as feeds
from .blueprint import bp
from .choices import MISSED_UNCONFIRMED
from .forms import FeedForm
from .models import CalendarFeed
from .queries import week as week_rows
from .schedule import week_start

_NEW_TOKEN = "appointments_new_feed_token"


@bp.route("/termine/")
@bp.route("/termine/woche")
@requires("appointment.read")
def this_week():
    return redirect(url_for("appointments.week", monday=week_start(local_today()).isoformat()))


@bp.route("/termine/woche/<monday>")
@requires("appointment.read")
def week(monday: str):
    try:
        first = date.fromisoformat(monday)
    except ValueError:
        abort(404)
    if first.weekday() != 0:
        return redirect(url_for("appointments.week", monday=week_start(first).isoformat()))
    if not date(1990, 1, 1) <= first <= date(2100, 1, 1):
        abort(404)
    rows = week_rows(current_user, first)
    today = local_today()
    days = []
    for offset in range(7):
        day = first + timedelta(days=offset)
        items = [a for a in rows if to_local(a.starts_at).date() == day]
        if offset >= 5 and not items:
            continue
        days.append({"day": day, "entries": items, "holiday": holiday_name(day), "today": day == today})
    return render_template(
        "appointments/week.html",
        days=days,
        rows=rows,
        monday=first,
        sunday=first + timedelta(days=6),
        previous=(first - timedelta(days=7)).isoformat(),
        following=(first + timedelta(days=7)).isoformat(),
        current=week_start(today).isoformat(),
        to_confirm=[a for a in rows if a.state == MISSED_UNCONFIRMED],
        week_number=first.isocalendar().week,
    )


@bp.route("/termine/kalender", methods=["GET", "POST"])
@requires("appointment.read")
def feed_settings():
    """Subscribe to one's appointments in Outlook or Thunderbird; renewing ends the old address."""
    existing = db.session.get(CalendarFeed, current_user.id)
    form = FeedForm(data={"label": existing.label if existing else "initials"})
    if form.validate_on_submit():
        token = feeds.renew(current_user, form.label.data or "initials")
        audit.record("appointment.feed_renewed", "user", current_user.id, detail=f"label={form.label.data}")
        db.session.commit()
        session[_NEW_TOKEN] = token
        flash(_("Die neue Kalender-Adresse ist erstellt. Die alte Adresse funktioniert nicht mehr."), "success")
        return redirect(url_for("appointments.feed_settings"), code=303)
    token = session.pop(_NEW_TOKEN, None)
    url = url_for("appointments.feed", token=token, _external=True) if token else None
    status = 422 if form.is_submitted() else 200
    return render_template("appointments/feed_settings.html", form=form, existing=existing, url=url), status


@bp.route("/kalender/<token>.ics")
def feed(token: str):
    """Public by design (see security.PUBLIC_ENDPOINTS): the token is the only way in."""
    found = feeds.feed_for(token)
    if found is None:
        abort(404)
    body = feeds.build_feed(found)
    audit.record("appointment.feed_read", "user", found.user_id)
    return body, 200, {"Content-Type": "text/calendar; charset=utf-8"}
