"""Proposing a new agency or service: case managers and team leads fill in the structured fields, the
proposal waits in the moderation queue (a Suggestion of kind "new"), and an editor's acceptance turns it
into the entry: agency (unless an existing one was chosen), service, location, phones, languages, areas."""

import json

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..fields import ChoiceField, CodesField, area, check_email, check_phone, check_url, choices, text
from ..lifeareas import LifeArea, all_life_areas
from ..security import requires
from .blueprint import bp
from .choices import LANGUAGE_LABELS, LANGUAGES
from .editing import apply, record, set_main_phone
from .forms import MultiCheckboxField
from .models import Location, Organization, Service, ServiceAtLocation, ServiceLanguage
from .upkeep_models import Suggestion

# The fields a proposal carries (and the moderation queue shows), in order.
PROPOSAL_FIELDS = (
    "organization_id",
    "organization_name",
    "organization_phone",
    "organization_email",
    "organization_url",
    "name",
    "description",
    "life_areas",
    "languages",
    "phone",
    "email",
    "url",
    "address_1",
    "postal_code",
    "city",
    "note",
)


class ProposalForm(FlaskForm):
    organization_id = ChoiceField(_l("Träger"), choices=[])
    organization_name = text(_l("Name des neuen Trägers"), description=_l("Nur wenn der Träger noch fehlt."))
    organization_phone = text(_l("Telefon des Trägers (Zentrale)"), 60, validators=[check_phone])
    organization_email = text(_l("E-Mail des Trägers (öffentlich)"), 254, validators=[check_email])
    organization_url = text(_l("Website des Trägers"), 500, validators=[check_url])
    name = text(_l("Name des Angebots"), required=_l("Bitte geben Sie den Namen des Angebots ein."))
    description = area(_l("Beschreibung"), 5000)
    life_areas = MultiCheckboxField(_l("Handlungsfelder"), choices=[])
    languages = CodesField(_l("Sprachen"), choices=choices(LANGUAGE_LABELS))
    phone = text(_l("Telefon für Klientinnen und Klienten"), 60, validators=[check_phone])
    email = text(_l("E-Mail für Klientinnen und Klienten"), 254, validators=[check_email])
    url = text(_l("Website des Angebots"), 500, validators=[check_url])
    address_1 = text(_l("Straße und Hausnummer"))
    postal_code = text(_l("PLZ"), 10)
    city = text(_l("Ort"), 120)
    note = area(_l("Hinweis an die Redaktion"), 1000)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.organization_id.data and not (self.organization_name.data or "").strip():
            self.organization_name.errors = [_("Bitte wählen Sie einen Träger oder nennen Sie einen neuen.")]
            return False
        return valid


def _proposal_form() -> ProposalForm:
    form = ProposalForm()
    organizations = db.session.execute(select(Organization.id, Organization.name).order_by(Organization.name))
    form.organization_id.choices = choices({str(i): n for i, n in organizations}, _l("– neuer Träger –"))
    form.life_areas.choices = choices({a.code: a.title for a in all_life_areas()})
    return form


@bp.route("/vorschlag/neu", methods=["GET", "POST"])
@requires("directory.propose")
def propose():
    form = _proposal_form()
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in PROPOSAL_FIELDS}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        organization = (
            db.session.get(Organization, int(values["organization_id"])) if values["organization_id"] else None
        )
        summary = _(
            "Neues Angebot „%(name)s“ bei %(organization)s",
            name=values["name"],
            organization=organization.name if organization else values["organization_name"],
        )
        suggestion = Suggestion(
            service_id=None, kind="new", author_id=current_user.id, text=summary, proposal=json.dumps(values)
        )
        db.session.add(suggestion)
        db.session.flush()
        audit.record("directory.proposal.created", "suggestion", suggestion.id)
        db.session.commit()
        flash(_("Danke! Ihr Vorschlag wartet jetzt auf die Redaktion."), "success")
        return redirect(url_for("directory.search"), code=303)
    return render_template(
        "directory/_edit_page.html",
        form=form,
        heading=_("Neues Angebot vorschlagen"),
        back_url=url_for("directory.search"),
        back_label=_("Wegweiser"),
    ), 422 if form.is_submitted() else 200


def proposed_values(suggestion: Suggestion) -> list[tuple[str, str]]:
    """The proposal's filled-in fields as (label, value) for the moderation queue."""
    values = json.loads(suggestion.proposal or "{}")
    form = ProposalForm(formdata=None)
    shown = []
    for name in PROPOSAL_FIELDS:
        value = values.get(name)
        if not value:
            continue
        if name == "organization_id":
            organization = db.session.get(Organization, int(value))
            value = organization.name if organization else value
        elif name == "languages":
            value = ", ".join(str(LANGUAGE_LABELS.get(code, code)) for code in value)
        elif name == "life_areas":
            labels = {a.code: a.title for a in all_life_areas()}
            value = ", ".join(labels.get(code, code) for code in value)
        shown.append((str(getattr(form, name).label.text), str(value)))
    return shown


def create_from_proposal(suggestion: Suggestion) -> Service:
    """The entry an accepted proposal becomes (inside the caller's transaction; audited and indexed)."""
    values = json.loads(suggestion.proposal or "{}")
    organization = (
        db.session.get(Organization, int(values["organization_id"])) if values.get("organization_id") else None
    )
    if organization is None:
        organization = Organization(name=values.get("organization_name") or values["name"])
        db.session.add(organization)
        db.session.flush()
        changes = apply(
            organization, {"email": values.get("organization_email"), "url": values.get("organization_url")}
        )
        changes += set_main_phone(values.get("organization_phone"), organization_id=organization.id)
        record("directory.organization.created", "organization", organization.id, changes)
    service = Service(name=values["name"], organization_id=organization.id)
    db.session.add(service)
    db.session.flush()
    changes = apply(
        service,
        {
            "name": values["name"],
            "description": values.get("description"),
            "email": values.get("email"),
            "url": values.get("url"),
        },
    )
    changes += set_main_phone(values.get("phone"), service_id=service.id)
    codes = values.get("life_areas") or []
    service.life_areas = list(db.session.scalars(select(LifeArea).where(LifeArea.code.in_(codes))))
    for code in values.get("languages") or []:
        if code in LANGUAGES:
            service.languages.append(ServiceLanguage(code=code, mode="staff"))
    if values.get("address_1") or values.get("city"):
        location = Location(
            organization_id=organization.id,
            name=values.get("address_1") or values.get("city"),
            address_1=values.get("address_1") or None,
            postal_code=values.get("postal_code") or None,
            city=values.get("city") or None,
        )
        db.session.add(location)
        db.session.flush()
        db.session.add(ServiceAtLocation(service_id=service.id, location_id=location.id))
    db.session.flush()
    suggestion.service_id = service.id
    record("directory.service.created", "service", service.id, [*changes, f"proposal={suggestion.id}"], [service.id])
    return service
