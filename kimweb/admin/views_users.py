"""Staff accounts: list, create, edit (role, team, active), reset password. Every change audited."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..auth.models import Team, User
from ..auth.passwords import hash_password
from ..extensions import db
from ..letters.contact import CONTACT_FIELDS, contact_fields
from ..security import requires, roles_with
from ..timeutil import utcnow
from .blueprint import bp
from .forms import PasswordResetForm, UserCreateForm, UserForm


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/benutzer")
@requires("users.manage")
def users():
    show_inactive = request.args.get("inaktive") == "1"
    query = select(User).outerjoin(Team).order_by(User.active.desc(), User.display_name)
    if not show_inactive:
        query = query.where(User.active.is_(True))
    return render_template("admin/users.html", users=db.session.scalars(query).all(), show_inactive=show_inactive)


@bp.route("/benutzer/neu", methods=["GET", "POST"])
@requires("users.manage")
def user_create():
    form = UserCreateForm()
    if form.validate_on_submit():
        user = User(
            username=form.username.data,
            display_name=form.display_name.data.strip(),
            role=form.role.data,
            team_id=int(form.team_id.data) if form.team_id.data else None,
            traeger_id=int(form.traeger_id.data) if form.traeger_id.data else None,
            **contact_fields(form),
            active=True,
            password_hash=hash_password(form.new_password.data),
        )
        db.session.add(user)
        db.session.flush()
        audit.record(
            "user.created", "user", user.id, detail=f"role={user.role}; team={user.team_id}; traeger={user.traeger_id}"
        )
        db.session.commit()
        flash(_("Das Konto „%(name)s“ wurde angelegt.", name=user.username), "success")
        return redirect(url_for("admin.users"), code=303)
    return render_template("admin/user_form.html", form=form, user=None), 422 if form.is_submitted() else 200


@bp.route("/benutzer/<int:user_id>", methods=["GET", "POST"])
@requires("users.manage")
def user_edit(user_id: int):
    user = _user_or_404(user_id)
    form = UserForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.team_id.data = str(user.team_id or "")
        form.traeger_id.data = str(user.traeger_id or "")
        form.version.data = str(user.version)
    if form.validate_on_submit():
        if form.version.data != str(user.version):
            flash(
                _(
                    "Jemand anderes hat dieses Konto inzwischen geändert. Bitte prüfen Sie Ihre Eingaben "
                    "und speichern Sie erneut."
                ),
                "error",
            )
            form.version.data = str(user.version)
            return render_template("admin/user_form.html", form=form, user=user, conflict=True), 409
        if user.id == current_user.id and (not form.active.data or form.role.data not in roles_with("users.manage")):
            form.role.errors.append(
                _("Sie können sich nicht selbst die Administration entziehen oder Ihr eigenes Konto deaktivieren.")
            )
            return render_template("admin/user_form.html", form=form, user=user), 422
        changes = _apply(user, form)
        if changes:
            audit.record("user.changed", "user", user.id, detail="; ".join(changes))
            db.session.commit()
            flash(_("Das Konto „%(name)s“ wurde gespeichert.", name=user.username), "success")
        return redirect(url_for("admin.users"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=user), status


def _apply(user: User, form: UserForm) -> list[str]:
    new = {
        "display_name": form.display_name.data.strip(),
        "role": form.role.data,
        "team_id": int(form.team_id.data) if form.team_id.data else None,
        "traeger_id": int(form.traeger_id.data) if form.traeger_id.data else None,
        "active": bool(form.active.data),
        **contact_fields(form),
    }
    changes = []
    for field, value in new.items():
        old = getattr(user, field)
        if old != value:
            # Names of staff are not client data; still, log only which field changed for names.
            changes.append(
                field if field == "display_name" or field in CONTACT_FIELDS else f"{field}: {old} -> {value}"
            )
            setattr(user, field, value)
    if "active" in new and not new["active"] and any(c.startswith("active") for c in changes):
        user.end_all_sessions()
    if any(c.startswith("role") for c in changes):
        user.end_all_sessions()
    return changes


@bp.route("/benutzer/<int:user_id>/passwort", methods=["GET", "POST"])
@requires("users.manage")
def user_password(user_id: int):
    user = _user_or_404(user_id)
    form = PasswordResetForm(username=user.username)
    if form.validate_on_submit():
        user.password_hash = hash_password(form.new_password.data)
        user.password_changed_at = utcnow()
        user.end_all_sessions()
        audit.record("user.password_reset", "user", user.id)
        db.session.commit()
        flash(
            _(
                "Das Passwort für „%(name)s“ wurde neu gesetzt. Alle Sitzungen dieses Kontos sind beendet.",
                name=user.username,
            ),
            "success",
        )
        return redirect(url_for("admin.users"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("admin/user_password.html", form=form, user=user), status
