"""Referral pages: make one (from the file or from a service page), follow it up, print the
referral letter; the list of open referrals. Every client comes through client_or_404."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import htmx
from ..clients import caseload
from ..clients.access import client_or_404, part_or_404
from ..clients.consent_scope import HEALTH_AREA
from ..clients.section_forms import ConsentForm
from ..clients.views_network import prefill_consent, record_consent
from ..database import reads_only
from ..directory import search as finder
from ..directory.models import Service
from ..extensions import db
from ..fields import parse_id
from ..lifeareas import all_life_areas
from ..security import has_permission, requires
from ..timeutil import local_today
from . import workflow
from .blueprint import bp
from .choices import INVOLVING as LETTER_STATUSES
from .choices import NOTE_LABELS, TRANSITIONS
from .forms import ClientPickForm, ReferralForm, StatusForm
from .letter import letter_context
from .models import Referral
from .queries import open_referrals, proposes_no_response, team_counts


def _service_or_none(raw) -> Service | None:
    service_id = parse_id(raw)
    if service_id is None:
        return None
    return db.session.scalar(
        select(Service)
        .where(Service.id == service_id)
        .options(selectinload(Service.organization), selectinload(Service.life_areas))
    )


def _refusable(service: Service | None) -> str | None:
    if service is None:
        return _("Bitte wählen Sie ein Angebot aus dem Wegweiser.")
    if service.status == "defunct":
        return _("Dieses Angebot ist eingestellt. Bitte wählen Sie ein anderes.")
    return None


def _draft(form: ReferralForm, service: Service) -> workflow.Draft | None:
    """The form as a Draft, or None after putting an error next to the field that is wrong."""
    areas = {str(a.id): a for a in all_life_areas()}
    area = areas.get(form.life_area_id.data)
    # Anliegen and Lage in the health life area are health data, whatever box was ticked.
    scope = set(form.data_scope.data or ())
    if scope & {"concern", "situation"} and area and area.code == HEALTH_AREA and not form.health_data.data:
        form.health_data.errors = [
            _(
                "Anliegen und Lage im Handlungsfeld Gesundheit sind Gesundheitsdaten: "
                "bitte kreuzen Sie „Gesundheitsdaten“ an."
            )
        ]
        return None
    return workflow.Draft(
        service=service,
        life_area_id=area.id if area else None,
        reason=form.reason.data,
        urgency=form.urgency.data or "normal",
        channel=form.channel.data,
        scope=list(form.data_scope.data or ()),
        health=bool(form.health_data.data),
        send_now=form.send_now.data == "1",
        follow_up_on=form.follow_up_on.data,
        override_reason=form.override_reason.data if workflow.may_override() else None,
    )


@bp.route("/klienten/<int:client_id>/vermittlungen/neu", methods=["GET", "POST"])
@requires("referral.write")
def new(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    form = ReferralForm()
    today = local_today()
    service = _service_or_none(form.service_id.data if form.is_submitted() else request.args.get("angebot"))
    context = {
        "client": client,
        "form": form,
        "service": service,
        "blocked": None,
        "may_override": workflow.may_override(),
        "life_areas": all_life_areas(),
    }
    if request.method == "GET":
        if service is None:
            return render_template("referrals/new.html", **context, pick=True)
        form.service_id.data = str(service.id)
        form.send_now.data = "1"
        if service.life_areas:
            form.life_area_id.data = str(service.life_areas[0].id)
        context["problem"] = _refusable(service)
        return render_template("referrals/new.html", **context)
    problem = _refusable(service)
    if service is None:
        return render_template("referrals/new.html", **context, pick=True, problem=problem), 422
    if not form.validate_on_submit() or problem:
        context["problem"] = problem
        return render_template("referrals/new.html", **context), 422
    draft = _draft(form, service)
    if draft is None:
        return render_template("referrals/new.html", **context), 422
    try:
        referral = workflow.create(client, draft, today)
    except workflow.Refused as refused:
        db.session.rollback()
        context["blocked"] = refused.check
        context["consent_args"] = {
            "stelle": service.organization_id,
            "zweck": workflow.PURPOSE,
            "daten": " ".join(draft.scope),
            "gesundheit": "1" if draft.health else "",
        }
        return render_template("referrals/new.html", **context), 422
    db.session.commit()
    flash(_("Die Vermittlung an %(service)s wurde gespeichert.", service=referral.service_name), "success")
    return redirect(url_for("referrals.detail", client_id=client.id, referral_id=referral.id), code=303)


@bp.route("/klienten/<int:client_id>/vermittlungen/angebote", methods=["POST"])
@reads_only
@requires("referral.write")
def services(client_id: int):
    """The directory, searched in place. A POST, so that what is looked for (which can say much
    about the person) stays out of URLs and logs."""
    client = client_or_404(client_id)
    filters = finder.Filters.from_args(request.form)
    filters.alle = False
    results = finder.find(filters) if filters.active else None
    context = {"client": client, "filters": filters, "results": results}
    if htmx.is_partial():
        return render_template("referrals/_service_results.html", **context)
    return render_template(
        "referrals/new.html",
        form=ReferralForm(formdata=None),
        service=None,
        pick=True,
        blocked=None,
        life_areas=all_life_areas(),
        **context,
    )


@bp.route("/klienten/<int:client_id>/vermittlungen/einwilligung", methods=["GET", "POST"])
@requires("referral.write", "client.write")
def consent(client_id: int):
    """Record the consent a refused referral needed, without leaving the referral form."""
    client = client_or_404(client_id, lock=request.method == "POST")
    form = ConsentForm()
    if request.method == "GET":
        prefill_consent(form, client, request.args)
    back = request.values.get("angebot", "")
    # From a referral whose sending was refused: back to that referral afterwards.
    from_referral = request.values.get("vermittlung", "")
    referral_id = parse_id(from_referral)
    referral = _referral(client, referral_id) if referral_id else None
    context = {"client": client, "form": form, "back": str(parse_id(back) or ""), "referral": referral}
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return htmx.render("referrals/consent_page.html", "referrals/_consent_form.html", **context), status
    consent = record_consent(client, form)
    db.session.commit()
    message = _(
        "Die Einwilligung für %(agency)s wurde eingetragen. Sie können die Vermittlung jetzt speichern.",
        agency=consent.organization.name,
    )
    if htmx.is_partial():
        return render_template("referrals/_consent_saved.html", message=message, **context)
    flash(message, "success")
    if referral is not None:
        return redirect(url_for("referrals.detail", client_id=client.id, referral_id=referral.id), code=303)
    return redirect(url_for("referrals.new", client_id=client.id, angebot=context["back"] or None), code=303)


def _referral(client, referral_id: int) -> Referral:
    return part_or_404(Referral, referral_id, client)


@bp.route("/klienten/<int:client_id>/vermittlungen/<int:referral_id>")
@requires("referral.write")
def detail(client_id: int, referral_id: int):
    client = client_or_404(client_id)
    referral = _referral(client, referral_id)
    form = StatusForm(referral.status, formdata=None, version=str(referral.version))
    return _detail_page(client, referral, form)


def _detail_page(client, referral, form, status: int = 200, blocked=None):
    today = local_today()
    return render_template(
        "referrals/detail.html",
        client=client,
        referral=referral,
        form=form,
        today=today,
        blocked=blocked,
        can_move=bool(TRANSITIONS[referral.status]) and not client.closed,
        letter_ready=referral.status in LETTER_STATUSES,
        may_override=workflow.may_override(),
        propose_no_response=proposes_no_response(referral, today),
        note_labels=NOTE_LABELS,
        consent_args={
            "stelle": referral.organization_id,
            "zweck": workflow.PURPOSE,
            "daten": referral.data_scope,
            "gesundheit": "1" if referral.health_data else "",
            "vermittlung": referral.id,
        },
    ), status


@bp.route("/klienten/<int:client_id>/vermittlungen/<int:referral_id>/stand", methods=["POST"])
@requires("referral.write")
def move(client_id: int, referral_id: int):
    client = client_or_404(client_id, lock=True)
    referral = _referral(client, referral_id)
    form = StatusForm(referral.status)
    # Before validating: the choices follow the current state, which a stale form did not see.
    if form.version.stale(referral.version):
        flash(
            _(
                "Diese Vermittlung wurde inzwischen von jemand anderem geändert. Ihre Eingaben stehen unten; "
                "bitte prüfen Sie den Stand und speichern Sie erneut."
            ),
            "error",
        )
        form.version.data = str(referral.version)
        return _detail_page(client, referral, form, 409)
    if not form.validate_on_submit():
        return _detail_page(client, referral, form, 422)
    if form.override_reason.data and workflow.may_override() and not referral.override_reason:
        # A team lead decides to pass the data on without a matching consent, with a reason.
        referral.override_reason, referral.override_by_id = form.override_reason.data, current_user.id
    try:
        workflow.move(
            client,
            referral,
            form.status.data,
            local_today(),
            on_date=form.on_date.data,
            note=form.note.data or None,
            appointment_note=form.appointment_note.data or None,
            follow_up_on=form.follow_up_on.data,
        )
    except workflow.Refused as refused:
        db.session.rollback()
        client = client_or_404(client_id, lock=True)
        referral = _referral(client, referral_id)
        return _detail_page(client, referral, form, 422, blocked=refused.check)
    db.session.commit()
    flash(_("Der Stand wurde gespeichert: %(status)s.", status=workflow.status_label(referral.status)), "success")
    return redirect(url_for("referrals.detail", client_id=client.id, referral_id=referral.id), code=303)


@bp.route("/klienten/<int:client_id>/vermittlungen/<int:referral_id>/keine-rueckmeldung", methods=["POST"])
@requires("referral.write")
def no_response(client_id: int, referral_id: int):
    """The proposal on the referral's page once the follow-up date passed, in one click."""
    client = client_or_404(client_id, lock=True)
    referral = _referral(client, referral_id)
    form = StatusForm(referral.status)
    if form.version.stale(referral.version) or "no_response" not in TRANSITIONS[referral.status]:
        flash(_("Diese Vermittlung wurde inzwischen geändert; bitte prüfen Sie den Stand."), "error")
    else:
        workflow.move(client, referral, "no_response", local_today())
        db.session.commit()
        flash(_("Eingetragen: keine Rückmeldung von %(agency)s.", agency=referral.organization_name), "success")
    return redirect(url_for("referrals.detail", client_id=client.id, referral_id=referral.id), code=303)


@bp.route("/klienten/<int:client_id>/vermittlungen/<int:referral_id>/ueberleitungsbogen")
@requires("referral.write")
def letter(client_id: int, referral_id: int):
    client = client_or_404(client_id)
    referral = _referral(client, referral_id)
    if referral.status not in LETTER_STATUSES:
        # The letter passes data on: it exists once the referral is sent (and the disclosure logged).
        abort(
            409,
            _(
                "Den Überleitungsbogen gibt es, sobald die Vermittlung als „übermittelt“ eingetragen "
                "ist (dann wird die Weitergabe protokolliert), und solange sie offen ist."
            ),
        )
    context = letter_context(client, referral, local_today())
    if context is None:
        abort(
            409,
            _(
                "Die Einwilligung deckt diese Weitergabe nicht mehr (widerrufen oder abgelaufen). "
                "Der Überleitungsbogen kann so nicht gedruckt werden."
            ),
        )
    return render_template("referrals/letter.html", client=client, referral=referral, **context)


@bp.route("/wegweiser/angebot/<int:service_id>/vermitteln", methods=["GET", "POST"])
@reads_only
@requires("referral.write")
def pick_client(service_id: int):
    """From a service page: which of my clients to refer. Names are searched by POST only."""
    service = db.session.get(Service, service_id) or abort(404)
    form = ClientPickForm()
    rows = None
    if form.validate_on_submit() and form.q.data:
        query = caseload.CaseloadForm(formdata=None)
        query.q.data, query.phase.data = form.q.data, "active"
        rows = caseload.search(query, current_user, local_today()).rows[:15]
    context = {"service": service, "form": form, "rows": rows, "problem": _refusable(service)}
    return htmx.render("referrals/pick_client.html", "referrals/_client_results.html", **context)


@bp.route("/vermittlungen/")
@requires("referral.write")
def overview():
    overdue = request.args.get("faellig") == "1"
    own = request.args.get("eigene") == "1"
    rows = open_referrals(current_user, overdue_only=overdue, own_only=own)
    return render_template(
        "referrals/overview.html",
        rows=rows,
        overdue=overdue,
        own=own,
        today=local_today(),
        counts=team_counts(current_user),
        team_view=has_permission("team.read"),
    )
