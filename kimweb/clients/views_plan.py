"""Assessment per life area and the help plan (goals with their measures), edited in place."""

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..lifeareas import LifeArea
from ..security import requires
from ..timeutil import local_today
from .access import client_or_404, part_or_404
from .blueprint import bp
from .casework_models import Assessment, Goal, Measure
from .section_forms import AssessmentForm, GoalForm, MeasureForm
from .views_common import apply, conflict, form_response, record_change, saved


@bp.route("/klienten/<int:client_id>/einschaetzung/<int:area_id>", methods=["GET", "POST"])
@requires("client.write")
def assessment_edit(client_id: int, area_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    area = db.session.get(LifeArea, area_id) or abort(404)
    assessment = db.session.scalar(
        select(Assessment).where(Assessment.client_id == client.id, Assessment.life_area_id == area.id)
    )
    form = AssessmentForm()
    if request.method == "GET":
        if assessment:
            form.situation.data, form.resources.data = assessment.situation, assessment.resources
            form.need.data, form.priority.data = assessment.need, str(assessment.priority or "")
        form.version.data = str(assessment.version if assessment else 0)
    template = "clients/forms/_assessment.html"
    context = {"form": form, "area": area}
    if not form.validate_on_submit():
        return form_response(template, client, "assessment", 422 if form.is_submitted() else 200, **context)
    if form.version.stale(assessment.version if assessment else 0):
        form.version.data = str(assessment.version if assessment else 0)
        return conflict(template, client, "assessment", **context)
    if assessment is None:
        assessment = Assessment(client_id=client.id, life_area_id=area.id, version=0)
        db.session.add(assessment)
    changed = apply(
        assessment,
        {
            "situation": form.situation.data or None,
            "need": form.need.data,
            "priority": int(form.priority.data) if form.priority.data else None,
            "resources": form.resources.data or None,
        },
    )
    if changed:
        assessment.version += 1
        assessment.updated_by_id = current_user.id
        record_change(client, "assessment_changed", changed, life_area=area.id)
        db.session.commit()
    return saved(client, "assessment", _("Die Einschätzung wurde gespeichert.") if changed else None)


def _goal_values(form: GoalForm) -> dict:
    attainment = form.attainment.data or ""
    return {
        "text": form.text.data,
        "life_area_id": int(form.life_area_id.data) if form.life_area_id.data else None,
        "target_on": form.target_on.data,
        "status": form.status.data,
        "attainment": attainment,
        "evaluated_on": (form.evaluated_on.data or local_today()) if attainment else None,
    }


@bp.route("/klienten/<int:client_id>/ziele/neu", methods=["GET", "POST"], defaults={"goal_id": None})
@bp.route("/klienten/<int:client_id>/ziele/<int:goal_id>", methods=["GET", "POST"])
@requires("client.write")
def goal_edit(client_id: int, goal_id: int | None):
    client = client_or_404(client_id, lock=request.method == "POST")
    goal = part_or_404(Goal, goal_id, client) if goal_id else None
    form = GoalForm()
    if request.method == "GET" and goal:
        form.text.data, form.target_on.data, form.evaluated_on.data = goal.text, goal.target_on, goal.evaluated_on
        form.life_area_id.data = str(goal.life_area_id or "")
        form.status.data, form.attainment.data = goal.status, goal.attainment
    if request.method == "GET":
        form.version.data = str(goal.version if goal else 0)
    template = "clients/forms/_goal.html"
    if not form.validate_on_submit():
        return form_response(template, client, "plan", 422 if form.is_submitted() else 200, form=form, goal=goal)
    if goal and form.version.stale(goal.version):
        form.version.data = str(goal.version)
        return conflict(template, client, "plan", form=form, goal=goal)
    if goal is None:
        goal = Goal(client_id=client.id, **_goal_values(form))
        db.session.add(goal)
        db.session.flush()
        record_change(client, "goal_added", goal=goal.id)
    else:
        changed = apply(goal, _goal_values(form))
        if changed:
            goal.version += 1
            record_change(client, "goal_changed", changed, goal=goal.id)
    db.session.commit()
    return saved(client, "plan", _("Das Ziel wurde gespeichert."))


def _measure_values(form: MeasureForm, measure: Measure | None) -> dict:
    done_on = None
    if form.done.data:
        done_on = measure.done_on if measure and measure.done_on else local_today()
    return {
        "what": form.what.data,
        "responsible": form.responsible.data,
        "organization_id": int(form.organization_id.data) if form.organization_id.data else None,
        "due_on": form.due_on.data,
        "done_on": done_on,
    }


@bp.route(
    "/klienten/<int:client_id>/ziele/<int:goal_id>/massnahmen/neu",
    methods=["GET", "POST"],
    defaults={"measure_id": None},
)
@bp.route("/klienten/<int:client_id>/ziele/<int:goal_id>/massnahmen/<int:measure_id>", methods=["GET", "POST"])
@requires("client.write")
def measure_edit(client_id: int, goal_id: int, measure_id: int | None):
    client = client_or_404(client_id, lock=request.method == "POST")
    goal = part_or_404(Goal, goal_id, client)
    measure = part_or_404(Measure, measure_id, client) if measure_id else None
    if measure and measure.goal_id != goal.id:
        abort(404)
    form = MeasureForm()
    if request.method == "GET":
        if measure:
            form.what.data, form.responsible.data, form.due_on.data = measure.what, measure.responsible, measure.due_on
            form.organization_id.data = str(measure.organization_id or "")
            form.done.data = measure.done_on is not None
        form.version.data = str(measure.version if measure else 0)
    template = "clients/forms/_measure.html"
    context = {"form": form, "goal": goal, "measure": measure}
    if not form.validate_on_submit():
        return form_response(template, client, "plan", 422 if form.is_submitted() else 200, **context)
    if measure and form.version.stale(measure.version):
        form.version.data = str(measure.version)
        return conflict(template, client, "plan", **context)
    if measure is None:
        measure = Measure(goal_id=goal.id, **_measure_values(form, None))
        db.session.add(measure)
        db.session.flush()
        record_change(client, "measure_added", goal=goal.id, measure=measure.id)
    else:
        changed = apply(measure, _measure_values(form, measure))
        if changed:
            measure.version += 1
            record_change(client, "measure_changed", changed, goal=goal.id, measure=measure.id)
    db.session.commit()
    return saved(client, "plan", _("Die Maßnahme wurde gespeichert."))
