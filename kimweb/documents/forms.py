"""Forms of the documents area: upload (one or many files), delete with a reason, an identity
document seen, passing documents on with a referral, and the admin's list of document types."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, MultipleFileField
from wtforms.validators import NumberRange, Optional, ValidationError

from ..clients.consent_scope import DATA_KINDS
from ..fields import CheckboxCodes, ChoiceField, CodesField, DateText, area, choices, text
from ..timeutil import local_today
from .choices import ID_KINDS

MAX_FILES = 20


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Dateien"), description=_l("Eine oder mehrere Dateien."))
    type_id = ChoiceField(_l("Art des Dokuments"), choices=[])
    title = text(_l("Titel"), 200, description=_l("Leer: der Dateiname."))
    document_date = DateText(_l("Datum des Dokuments"))
    valid_until = DateText(
        _l("Gültig bis"), description=_l("Zum Beispiel bei einem Zertifikat oder einer Fiktionsbescheinigung.")
    )
    confidential = BooleanField(
        _l("Vertraulich (nur Sie und das Fallmanagement der Akte sehen Titel und Inhalt)"),
    )
    copy_reason = area(
        _l("Grund, eine Kopie des Ausweisdokuments aufzubewahren"),
        1000,
        description=_l("Meist genügt der Vermerk „gesehen am … von …“ (unten auf der Seite)."),
    )
    note_id = HiddenField()
    consent_id = HiddenField()
    referral_id = HiddenField()
    previous_id = HiddenField()

    def validate_files(self, field):
        uploads = [f for f in field.data or () if getattr(f, "filename", "")]
        if not uploads:
            raise ValidationError(_l("Bitte wählen Sie mindestens eine Datei."))
        if len(uploads) > MAX_FILES:
            raise ValidationError(_l("Höchstens %(n)d Dateien auf einmal.", n=MAX_FILES))
        field.data = uploads

    def validate_type_id(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Art des Dokuments."))

    def validate_document_date(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Das Datum kann nicht in der Zukunft liegen."))

    def validate_valid_until(self, field):
        if field.data and self.document_date.data and field.data < self.document_date.data:
            raise ValidationError(_l("„Gültig bis“ kann nicht vor dem Datum des Dokuments liegen."))


class DeleteForm(FlaskForm):
    reason = area(_l("Grund"), 1000, required=_l("Bitte geben Sie an, warum das Dokument gelöscht wird."))


class SightingForm(FlaskForm):
    kind = ChoiceField(_l("Dokument"), choices=choices(ID_KINDS))
    number = text(_l("Nummer"), 60)
    valid_until = DateText(_l("Gültig bis"))
    seen_on = DateText(_l("Gesehen am"), required=_l("Bitte geben Sie an, wann Sie das Dokument gesehen haben."))
    remark = text(_l("Bemerkung"), 500)

    def validate_seen_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Das Datum kann nicht in der Zukunft liegen."))


class PassOnForm(FlaskForm):
    document_ids = CodesField(_l("Dokumente"), choices=[])


class TypeForm(FlaskForm):
    label = text(_l("Bezeichnung"), 100, required=_l("Bitte geben Sie eine Bezeichnung an."))
    health = BooleanField(_l("Gesundheitsdaten (Einwilligung muss Gesundheitsdaten nennen)"))
    identity = BooleanField(_l("Ausweisdokument (Kopie nur mit Begründung)"))
    data_scope = CheckboxCodes(_l("Was die Weitergabe offenlegt"), choices=choices(DATA_KINDS))
    active = BooleanField(_l("In der Auswahl anbieten"), default=True)
    sort_order = IntegerField(_l("Reihenfolge"), validators=[Optional(), NumberRange(0, 9999)], default=100)
