""" "Terminstatistik" for team leads: kept / cancelled / missed per case manager and month of their
own team (counts only)."""

from flask import render_template, request
from flask_login import current_user

from .. import audit
from ..reports.period import read_period
from ..security import requires
from .blueprint import bp
from .stats import appointment_figures


@bp.route("/termine/statistik")
@requires("appointment.stats")
def stats():
    period = read_period(request.args)
    # A team lead sees their own team's figures; one without a team sees none.
    team_id = current_user.team_id
    rows = appointment_figures(period.start, period.end, team_id=team_id) if team_id is not None else []
    audit.record("appointment.stats", detail=f"{period.start.isoformat()}..{period.end.isoformat()}")
    totals = {
        "kept": sum(r.kept for r in rows),
        "cancelled": sum(r.cancelled for r in rows),
        "missed": sum(r.missed for r in rows),
    }
    return render_template("appointments/stats.html", period=period, rows=rows, totals=totals), period.status
