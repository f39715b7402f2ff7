"""Forms of the case file's sections: status, assessment, plan, consents, network, follow-ups, phase."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..directory.choices import LANGUAGE_LABELS
from ..fields import (
    CheckboxCodes,
    ChoiceField,
    DateText,
    VersionField,
    area,
    check_email,
    check_phone,
    choices,
    text,
)
from ..lifeareas import all_life_areas
from ..timeutil import local_today
from .choices import (
    ATTAINMENT,
    CLOSURE_REASONS,
    EMPLOYMENT,
    GOAL_STATUSES,
    NEEDS,
    PERSON_KINDS,
    PHASES,
    PRIORITIES,
    RESPONSIBLE,
    STATUS_TYPES,
)
from .consent_scope import DATA_KINDS, PURPOSES
from .forms import organization_choices


def life_area_choices(empty=None) -> list[SelectChoice]:
    items = [SelectChoice(str(a.id), a.title) for a in all_life_areas()]
    return ([SelectChoice("", empty)] if empty is not None else []) + items


def _not_before(other_name: str, message):
    def check(form, field):
        other = getattr(form, other_name).data
        if field.data and other and field.data < other:
            raise ValidationError(message)

    return check


class StatusForm(FlaskForm):
    status_type = ChoiceField(_l("Art des Aufenthalts"), choices=choices(STATUS_TYPES, empty=_l("– bitte wählen –")))
    legal_basis = text(_l("Rechtsgrundlage"), description=_l("Wie im Dokument, z. B. „§ 25 Abs. 2 AufenthG“."))
    issued_on = DateText(_l("Ausgestellt am"))
    valid_from = DateText(_l("Gültig ab"))
    valid_until = DateText(
        _l("Gültig bis"), validators=[_not_before("valid_from", _l("„Gültig bis“ liegt vor „Gültig ab“."))]
    )
    card_valid_until = DateText(_l("Karte (eAT) gültig bis"))
    passport_valid_until = DateText(_l("Pass gültig bis"))
    employment_permitted = ChoiceField(_l("Erwerbstätigkeit"), choices=choices(EMPLOYMENT))
    residence_obligation_until = DateText(_l("Wohnsitzauflage bis"))
    application_submitted_on = DateText(_l("Antrag gestellt am"))
    file_number = text(_l("Aktenzeichen Ausländerbehörde"), 60)
    notes = area(_l("Notizen"), 2000)
    version = VersionField()

    def validate_status_type(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Art des Aufenthalts."))


STATUS_FIELDS = (
    "status_type",
    "legal_basis",
    "issued_on",
    "valid_from",
    "valid_until",
    "card_valid_until",
    "passport_valid_until",
    "employment_permitted",
    "residence_obligation_until",
    "application_submitted_on",
    "file_number",
    "notes",
)


class ConfirmDeadlineForm(FlaskForm):
    kind = HiddenField()
    due = HiddenField()


class AssessmentForm(FlaskForm):
    situation = area(_l("Situation"), 5000)
    need = ChoiceField(_l("Bedarf"), choices=choices(NEEDS))
    priority = ChoiceField(_l("Priorität"), choices=choices(PRIORITIES))
    resources = area(_l("Ressourcen"), 5000, description=_l("Was die Person selbst mitbringt, wer unterstützt."))
    version = VersionField()


class GoalForm(FlaskForm):
    text = area(_l("Ziel"), 1000, required=_l("Bitte beschreiben Sie das Ziel."))
    life_area_id = ChoiceField(_l("Handlungsfeld"), choices=[])
    target_on = DateText(_l("Zieldatum"))
    status = ChoiceField(_l("Stand"), choices=choices(GOAL_STATUSES))
    attainment = ChoiceField(_l("Zielerreichung"), choices=choices(ATTAINMENT))
    evaluated_on = DateText(_l("Bewertet am"))
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.life_area_id.choices = life_area_choices(empty=_l("– keines –"))


class MeasureForm(FlaskForm):
    what = area(_l("Maßnahme"), 1000, required=_l("Bitte beschreiben Sie die Maßnahme."))
    responsible = ChoiceField(_l("Wer"), choices=choices(RESPONSIBLE))
    organization_id = ChoiceField(_l("Stelle"), choices=[])
    due_on = DateText(_l("Fällig am"))
    done = BooleanField(_l("erledigt"))
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization_id.choices = organization_choices(empty=_l("– keine –"))

    def validate_organization_id(self, field):
        if self.responsible.data == "agency" and not field.data:
            raise ValidationError(_l("Bitte wählen Sie die zuständige Stelle."))


class _AgencyForm(FlaskForm):
    """A record about one agency of the directory, which must be chosen (consents, involvement)."""

    organization_id = ChoiceField(_l("Stelle"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization_id.choices = organization_choices()

    def validate_organization_id(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Stelle."))


class ConsentForm(_AgencyForm):
    purposes = CheckboxCodes(_l("Wofür"), choices=choices(PURPOSES))
    purpose = text(
        _l("Zweck in eigenen Worten"), 500, description=_l("Optional, z. B. „Anmeldung zur Schuldnerberatung“.")
    )
    data_scope = CheckboxCodes(_l("Welche Daten"), choices=choices(DATA_KINDS))
    health_data = BooleanField(_l("einschließlich Gesundheitsdaten"))
    data_kinds = text(_l("Weitere Daten"), 500, description=_l("Was sonst weitergegeben werden darf, in Worten."))
    given_on = DateText(_l("Erteilt am"), required=_l("Bitte geben Sie das Datum der Einwilligung ein."))
    valid_until = DateText(
        _l("Gültig bis"), validators=[_not_before("given_on", _l("„Gültig bis“ liegt vor dem Tag der Einwilligung."))]
    )
    explained_language = ChoiceField(_l("Erklärt in der Sprache"), choices=choices(LANGUAGE_LABELS, empty=_l("–")))
    interpreted_by = text(_l("Gedolmetscht von"))
    paper_reference = text(_l("Ablage des unterschriebenen Formulars"))

    def validate_purposes(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte kreuzen Sie an, wofür die Einwilligung gilt."))

    def validate_data_scope(self, field):
        if not field.data and not self.health_data.data and not self.data_kinds.data:
            raise ValidationError(_l("Bitte kreuzen Sie an, welche Daten weitergegeben werden dürfen."))


class RevokeForm(FlaskForm):
    revoked_on = DateText(_l("Widerrufen am"), required=_l("Bitte geben Sie das Datum des Widerrufs ein."))
    version = VersionField()

    def validate_revoked_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Ein Widerruf kann nicht in der Zukunft liegen."))


class InvolvementForm(_AgencyForm):
    contact_person = text(_l("Ansprechperson"))
    role = text(_l("Rolle"), description=_l("z. B. Sachbearbeitung Leistungen, behandelnde Ärztin"))
    since = DateText(_l("Beteiligt seit"))
    ended_on = DateText(_l("Beteiligt bis"))
    version = VersionField()


class InvolvedPersonForm(FlaskForm):
    kind = ChoiceField(_l("Wer"), choices=choices(PERSON_KINDS, empty=_l("– bitte wählen –")))
    name = text(_l("Name"), required=_l("Bitte geben Sie den Namen ein."))
    role = text(_l("Rolle"), description=_l("z. B. Betreuung für Behörden- und Vermögensangelegenheiten"))
    phone = text(_l("Telefon"), 60, validators=[check_phone])
    email = text(_l("E-Mail"), validators=[check_email])
    address = area(_l("Adresse"), 500)
    note = area(_l("Notiz"), 1000)
    since = DateText(_l("Beteiligt seit"))
    ended_on = DateText(
        _l("Beteiligt bis"), validators=[_not_before("since", _l("„Beteiligt bis“ liegt vor „Beteiligt seit“."))]
    )
    version = VersionField()

    def validate_kind(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie, wer beteiligt ist."))


class FollowUpForm(FlaskForm):
    title = text(_l("Was"), 500, required=_l("Bitte beschreiben Sie die Wiedervorlage."))
    due_on = DateText(_l("Fällig am"), required=_l("Bitte geben Sie das Fälligkeitsdatum ein."))
    assignee_id = ChoiceField(_l("Für"), choices=[])
    version = VersionField()


class PhaseForm(FlaskForm):
    phase = ChoiceField(_l("Neue Phase"), choices=[SelectChoice(str(k), v) for k, v in PHASES.items()])
    entered_on = DateText(_l("Seit"), required=_l("Bitte geben Sie das Datum ein."))
    closure_reason = ChoiceField(_l("Grund des Abschlusses"), choices=choices(CLOSURE_REASONS, empty=_l("–")))
    version = VersionField()

    def validate_entered_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Das Datum kann nicht in der Zukunft liegen."))

    def validate_closure_reason(self, field):
        if self.phase.data == "7" and not field.data:
            raise ValidationError(_l("Bitte wählen Sie den Grund des Abschlusses."))


class VersionForm(FlaskForm):
    """A button that acts on a record as it was seen (reopen, done/undone)."""

    version = VersionField()


class DeputyForm(FlaskForm):
    user_id = ChoiceField(_l("Vertretung"), choices=[])


class ReassignForm(FlaskForm):
    case_manager_id = ChoiceField(_l("Neue Fallverantwortung"), choices=[])
    # Kept in the file's case manager history (never in the audit trail: it may name people).
    reason = text(_l("Grund der Übergabe"), 500, required=False)
