"""Forms of referrals: the referral itself, a step of its status, and the client picker."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import ValidationError

from ..clients.consent_scope import DATA_KINDS
from ..clients.section_forms import life_area_choices
from ..fields import CheckboxCodes, ChoiceField, DateText, VersionField, area, choices, text
from ..timeutil import local_today
from .choices import CHANNELS, NOTE_LABELS, STATUSES, TRANSITIONS, URGENCY

MIN_OVERRIDE = 20


class _NextSteps(FlaskForm):
    """What making a referral and moving it on both ask: when to follow it up, and a team lead's
    reason for passing data on without a matching consent."""

    follow_up_on = DateText(_l("Nachhalten am"), description=_l("Leer lassen: in 14 Tagen."))
    override_reason = area(_l("Begründung für die Weitergabe ohne passende Einwilligung"), 2000)

    def validate_follow_up_on(self, field):
        if field.data and field.data < local_today():
            raise ValidationError(_l("Das Datum zum Nachhalten kann nicht in der Vergangenheit liegen."))

    def validate_override_reason(self, field):
        if field.data and len(field.data) < MIN_OVERRIDE:
            raise ValidationError(_l("Bitte begründen Sie ausführlicher (mindestens %(n)d Zeichen).", n=MIN_OVERRIDE))


class ReferralForm(_NextSteps):
    service_id = HiddenField()
    reason = area(_l("Worum geht es?"), 5000, required=_l("Bitte beschreiben Sie, worum es geht."))
    life_area_id = ChoiceField(_l("Handlungsfeld"), choices=[])
    urgency = ChoiceField(_l("Dringlichkeit"), choices=choices(URGENCY))
    channel = ChoiceField(_l("Wie"), choices=choices(CHANNELS, empty=_l("– bitte wählen –")))
    data_scope = CheckboxCodes(_l("Welche Daten geben Sie weiter?"), choices=choices(DATA_KINDS))
    health_data = BooleanField(_l("Gesundheitsdaten"))
    send_now = ChoiceField(_l("Stand"), choices=choices({"1": _l("heute übermittelt"), "": _l("erst geplant")}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.life_area_id.choices = life_area_choices(empty=_l("– keines –"))

    def validate_channel(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie, wie die Vermittlung geschieht."))


class StatusForm(_NextSteps):
    status = ChoiceField(_l("Neuer Stand"), choices=[])
    on_date = DateText(_l("Datum"), description=_l("Übermittelt am, oder das Datum des Termins."))
    appointment_note = text(_l("Uhrzeit, bei wem"), 200)
    note = area(_l("Notiz"), 2000)
    follow_up_on = DateText(
        _l("Nachhalten am"), description=_l("Leer lassen: in 14 Tagen, nach einem Termin am Tag danach.")
    )
    version = VersionField()

    def __init__(self, current: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = choices({k: STATUSES[k] for k in TRANSITIONS[current]}, empty=_l("– bitte wählen –"))

    def validate_status(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie den neuen Stand."))

    def validate_on_date(self, field):
        if self.status.data == "appointment" and not field.data:
            raise ValidationError(_l("Bitte geben Sie das Datum des Termins ein."))
        if self.status.data == "sent" and field.data and field.data > local_today():
            raise ValidationError(_l("Übermittelt kann nicht in der Zukunft liegen."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Here, not as validate_note: an empty optional field stops its own validators.
        label, required = NOTE_LABELS.get(self.status.data, (None, False))
        if required and not self.note.data:
            self.note.errors = [*self.note.errors, _l("Bitte tragen Sie ein: %(what)s.", what=label)]
            return False
        return valid


class ClientPickForm(FlaskForm):
    q = text(_l("Name oder Fallnummer"), 200)
