"""Start page (what each role needs first thing in the morning) and /healthz."""

from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..auth.models import User
from ..extensions import db
from ..security import has_permission, requires
from . import health
from .blueprint import bp
from .panels import panels_for_current_user, start_page_for


@bp.route("/")
@requires("start.view")
def index():
    start = start_page_for(current_user)
    if start is not None:
        return redirect(url_for(start))
    context = {}
    if has_permission("users.manage"):
        context["user_counts"] = dict(db.session.execute(select(User.active, func.count()).group_by(User.active)).all())
    return render_template("home/index.html", panels=panels_for_current_user(), **context)


@bp.route("/healthz")
def healthz():
    """200 "ok", or 503 with one short line per problem (kimweb/home/health.py); for monitoring."""
    found = health.problems()
    if found:
        return "\n".join(found) + "\n", 503, {"Content-Type": "text/plain; charset=utf-8"}
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
