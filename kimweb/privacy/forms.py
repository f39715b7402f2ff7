"""Forms of the privacy steps: restriction, legal hold, erasure, the retention confirmation, the
DPO's audit search."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import ValidationError

from ..fields import ChoiceField, DateText, area, choices, text

ERASURE_REASON_LABELS = {
    "request": _l("Antrag der Person (Art. 17 Abs. 1)"),
    "consent_withdrawn": _l("Einwilligung widerrufen"),
    "objection": _l("Widerspruch (Art. 21)"),
    "unlawful": _l("Unrechtmäßig verarbeitet"),
}


class RestrictionForm(FlaskForm):
    reason = area(_l("Grund der Einschränkung"), n=500, required=_l("Bitte nennen Sie den Grund."))


class LiftForm(FlaskForm):
    lift = HiddenField()


class HoldForm(FlaskForm):
    reason = text(_l("Grund der Aufbewahrungssperre"), n=500, required=_l("Bitte nennen Sie den Grund."))
    until = DateText(_l("Gesperrt bis"), required=_l("Bitte geben Sie ein Datum ein."))


class ErasureForm(FlaskForm):
    reason_code = ChoiceField(_l("Grund"), choices=choices(ERASURE_REASON_LABELS, _l("Bitte wählen")))
    confirm = BooleanField(
        _l("Ich bestätige die Löschung. Die Akte wird anonymisiert; das kann nicht rückgängig gemacht werden.")
    )

    def validate_reason_code(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie den Grund."))

    def validate_confirm(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte bestätigen Sie die Löschung."))


class AuditSearchForm(FlaskForm):
    """Sent by POST: a case number is personal data and stays out of URLs and logs."""

    person = text(_l("Person (Akten-Nr. oder Aktenzeichen)"), n=40)
    user = text(_l("Benutzername"), n=64)
    action = text(_l("Vorgang"), n=64)
    start = DateText(_l("Von"))
    end = DateText(_l("Bis"))
