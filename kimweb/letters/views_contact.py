"""One's own contact data (phone, e-mail, office address, room), as printed on letters, handouts
and the referral letter. The admin edits everyone's on the account form."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..auth.models import User
from ..extensions import db
from ..security import requires
from .blueprint import bp
from .contact import CONTACT_FIELDS, contact_fields, staff_contact
from .forms import ContactForm


@bp.route("/konto/erreichbarkeit", methods=["GET", "POST"])
@requires("account.own")
def own_contact():
    user = db.session.get_one(User, current_user.id)
    form = ContactForm()
    if not form.is_submitted():
        for name in CONTACT_FIELDS:
            getattr(form, name).data = getattr(user, name)
        form.version.data = str(user.version)
    context = {"form": form, "contact": staff_contact(user)}
    if form.is_submitted() and form.version.stale(user.version):
        form.version.data = str(user.version)
        flash(
            _("Ihr Konto wurde inzwischen geändert. Bitte prüfen Sie Ihre Eingaben und speichern Sie erneut."), "error"
        )
        return render_template("letters/own_contact.html", **context), 409
    if not form.validate_on_submit():
        return render_template("letters/own_contact.html", **context), 422 if form.is_submitted() else 200
    changed = [name for name, value in contact_fields(form).items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, contact_fields(form)[name])
    if changed:
        audit.record("user.changed", "user", user.id, detail="; ".join(changed))
        db.session.commit()
    flash(_("Ihre Erreichbarkeit wurde gespeichert."), "success")
    return redirect(url_for("letters.own_contact"), code=303)
