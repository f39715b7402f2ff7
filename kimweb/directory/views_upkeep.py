"""Keeping the directory fresh: "still correct", team tips, suggestions and their moderation, re-check list."""

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import nulls_first, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..extensions import db
from ..security import has_permission, requires
from ..timeutil import local_today, utcnow
from .blueprint import bp
from .editing import get_or_404
from .forms import DecisionForm, SuggestionForm, TipForm, VerifyForm
from .models import Service
from .upkeep_models import Suggestion, Tip, Verification
from .views_proposal import create_from_proposal, proposed_values

REVIEW_INTERVAL = timedelta(days=365)


def record_verification(service: Service, method: str, note: str | None = None, user=None) -> None:
    today = local_today()
    user = user or current_user
    db.session.add(
        Verification(service_id=service.id, user_id=getattr(user, "id", None), method=method, note=note or None)
    )
    service.last_verified_on = today
    service.last_verified_by_id = getattr(user, "id", None)
    service.last_verified_method = method
    service.next_review_on = today + REVIEW_INTERVAL


@bp.route("/angebot/<int:service_id>/geprueft", methods=["POST"])
@requires("directory.verify")
def verify(service_id: int):
    # Locked and read afresh: two clicks at once (a double click, two colleagues) record two checks
    # one after the other instead of the second failing on the entry's version (PostgreSQL; on
    # SQLite the write transaction already runs alone).
    service = db.session.scalar(
        select(Service).where(Service.id == service_id).with_for_update().execution_options(populate_existing=True)
    )
    if service is None:
        abort(404)
    form = VerifyForm()
    if not form.validate_on_submit():
        flash(_("Bitte wählen Sie, wie Sie den Eintrag geprüft haben."), "error")
        return redirect(url_for("directory.service", service_id=service.id), code=303)
    record_verification(service, form.method.data, (form.note.data or "").strip())
    audit.record("directory.verified", "service", service.id, detail=f"method={form.method.data}")
    db.session.commit()
    flash(_("Danke! Der Eintrag ist als geprüft vermerkt."), "success")
    target = request.form.get("next") == "pruefliste"
    return redirect(
        url_for("directory.recheck") if target else url_for("directory.service", service_id=service.id), code=303
    )


@bp.route("/pruefliste")
@requires("directory.verify")
def recheck():
    today = local_today()
    due = db.session.scalars(
        select(Service)
        .where(Service.status != "defunct", (Service.next_review_on.is_(None)) | (Service.next_review_on <= today))
        .order_by(nulls_first(Service.last_verified_on.asc()), Service.sort_key)
        .options(selectinload(Service.organization))
        .limit(200)
    ).all()
    return render_template("directory/recheck.html", services=due, today=today, verify_form=VerifyForm())


@bp.route("/angebot/<int:service_id>/tipps", methods=["POST"])
@requires("directory.tip")
def tip_add(service_id: int):
    service = get_or_404(Service, service_id)
    form = TipForm()
    if form.validate_on_submit():
        tip = Tip(
            service_id=service.id, author_id=current_user.id, text=form.text.data.strip(), review_on=form.review_on.data
        )
        db.session.add(tip)
        db.session.flush()
        audit.record("directory.tip.created", "service", service.id, detail=f"tip={tip.id}")
        db.session.commit()
        flash(_("Der Tipp wurde gespeichert."), "success")
        return redirect(url_for("directory.service", service_id=service.id) + "#tipps", code=303)
    return render_template("directory/tip_form.html", service=service, form=form), 422


@bp.route("/tipps/<int:tip_id>/loeschen", methods=["POST"])
@requires("directory.tip")
def tip_delete(tip_id: int):
    tip = get_or_404(Tip, tip_id)
    if tip.author_id != current_user.id and not has_permission("directory.edit"):
        abort(403)
    audit.record("directory.tip.deleted", "service", tip.service_id, detail=f"tip={tip.id}")
    db.session.delete(tip)
    db.session.commit()
    flash(_("Der Tipp wurde gelöscht."), "success")
    return redirect(url_for("directory.service", service_id=tip.service_id) + "#tipps", code=303)


@bp.route("/angebot/<int:service_id>/vorschlag", methods=["GET", "POST"])
@requires("directory.suggest")
def suggest(service_id: int):
    service = get_or_404(Service, service_id)
    form = SuggestionForm()
    if form.validate_on_submit():
        suggestion = Suggestion(service_id=service.id, author_id=current_user.id, text=form.text.data.strip())
        db.session.add(suggestion)
        db.session.flush()
        audit.record("directory.suggestion.created", "service", service.id, detail=f"suggestion={suggestion.id}")
        db.session.commit()
        flash(_("Danke! Ihr Vorschlag wartet jetzt auf die Redaktion."), "success")
        return redirect(url_for("directory.service", service_id=service.id), code=303)
    return render_template("directory/suggest.html", service=service, form=form), 422 if form.is_submitted() else 200


@bp.route("/vorschlaege")
@requires("directory.moderate")
def suggestions():
    show_done = request.args.get("erledigt") == "1"
    query = select(Suggestion).options(
        selectinload(Suggestion.service).selectinload(Service.organization), selectinload(Suggestion.author)
    )
    if show_done:
        query = query.where(Suggestion.status != "open").order_by(Suggestion.decided_at.desc()).limit(100)
    else:
        query = query.where(Suggestion.status == "open").order_by(Suggestion.created_at)
    return render_template(
        "directory/suggestions.html",
        proposed_values=proposed_values,
        suggestions=db.session.scalars(query).all(),
        show_done=show_done,
        form=DecisionForm(formdata=None),
    )


@bp.route("/vorschlaege/<int:suggestion_id>", methods=["POST"])
@requires("directory.moderate")
def suggestion_decide(suggestion_id: int):
    suggestion = get_or_404(Suggestion, suggestion_id)
    form = DecisionForm()
    if suggestion.status != "open":
        flash(_("Über diesen Vorschlag wurde schon entschieden."), "info")
        return redirect(url_for("directory.suggestions"), code=303)
    if not form.validate_on_submit():
        flash(_("Bitte wählen Sie eine Entscheidung."), "error")
        return redirect(url_for("directory.suggestions"), code=303)
    suggestion.status = form.decision.data
    suggestion.decided_by_id = current_user.id
    suggestion.decided_at = utcnow()
    suggestion.decision_note = (form.note.data or "").strip() or None
    if suggestion.kind == "new" and suggestion.status == "accepted":
        service = create_from_proposal(suggestion)
    audit.record(
        "directory.suggestion.decided",
        "service" if suggestion.service_id else "suggestion",
        suggestion.service_id or suggestion.id,
        detail=f"suggestion={suggestion.id}; status: open -> {suggestion.status}",
    )
    db.session.commit()
    if suggestion.kind == "new" and suggestion.status == "accepted":
        flash(
            _(
                "Vorschlag übernommen: „%(name)s“ ist jetzt im Wegweiser. Bitte ergänzen Sie den Eintrag.",
                name=service.name,
            ),
            "success",
        )
        return redirect(url_for("directory.service_edit", service_id=service.id), code=303)
    if suggestion.status == "accepted":
        flash(_("Vorschlag übernommen. Bitte tragen Sie die Änderung jetzt ein."), "success")
        return redirect(url_for("directory.service_edit", service_id=suggestion.service_id), code=303)
    flash(_("Vorschlag abgelehnt."), "success")
    return redirect(url_for("directory.suggestions"), code=303)
