"""The forms of letters and forms: choosing and filling a template, the letter's text, a
template's wording, an office text, a print for signature."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import ValidationError

from ..fields import ChoiceField, DateText, VersionField, area, check_email, check_phone, parse_number, text
from ..timeutil import local_today
from . import sandbox

MAX_BODY = 20_000


class StartForm(FlaskForm):
    """Step 1: which template, to which agency, and what only the writer knows."""

    template_id = ChoiceField(_l("Vorlage"), choices=[])
    organization_id = ChoiceField(_l("An (Stelle aus dem Wegweiser)"), choices=[])
    bescheid_datum = DateText(_l("Datum des Bescheids"))
    aktenzeichen = text(_l("Aktenzeichen der Stelle"), 100)
    frist_bis = DateText(_l("Frist oder Wunschdatum"))
    unterlagen = area(_l("Unterlagen (eine pro Zeile)"), 3000)

    def validate_template_id(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie eine Vorlage."))

    def validate_organization_id(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Stelle, an die der Brief geht."))

    def filled(self) -> dict:
        return {name: getattr(self, name).data for name in sandbox.USER_FIELDS}


class LetterForm(FlaskForm):
    """Step 2: the filled letter, as the writer edits it before saving."""

    template_version_id = HiddenField()
    organization_id = HiddenField()
    address = area(
        _l("Anschrift (Fensterumschlag, höchstens 6 Zeilen)"), 1000, required=_l("Bitte geben Sie die Anschrift an.")
    )
    subject = text(_l("Betreff"), 500, required=_l("Bitte geben Sie den Betreff an."))
    body = area(_l("Text des Briefs"), MAX_BODY, required=_l("Bitte schreiben Sie den Text des Briefs."))
    deadline = DateText(
        _l("Frist im Schriftverkehr (Wiedervorlage der Antwort)"),
        description=_l("Bis wann eine Antwort da sein sollte; leer lassen, wenn keine Frist gilt."),
    )

    def validate_address(self, field):
        if field.data and len([line for line in field.data.splitlines() if line.strip()]) > 6:
            raise ValidationError(_l("Das Anschriftfeld hat Platz für höchstens 6 Zeilen."))

    def validate_deadline(self, field):
        if field.data and field.data < local_today():
            raise ValidationError(_l("Die Frist kann nicht in der Vergangenheit liegen."))


class TemplateForm(FlaskForm):
    """A template's wording; saving adds a version (letters keep the one they used)."""

    title = text(_l("Name der Vorlage"), 200, required=_l("Bitte geben Sie einen Namen an."))
    subject = text(_l("Betreff"), 500, required=_l("Bitte geben Sie den Betreff an."))
    body = area(_l("Text"), sandbox.MAX_SOURCE, required=_l("Bitte geben Sie den Text an."))
    passes_data = BooleanField(_l("Der Brief gibt Daten der Person an die Stelle weiter (Einwilligung nötig)"))
    deadline_days = text(_l("Antwortfrist in Tagen (leer: keine)"), 4)
    version = VersionField()

    def validate_deadline_days(self, field):
        number = parse_number(field.data)
        if field.data and (number is None or not 0 < number <= 365):
            raise ValidationError(_l("Bitte geben Sie eine Zahl von 1 bis 365 an, oder lassen Sie das Feld leer."))

    def validate_subject(self, field):
        _check_template(field)

    def validate_body(self, field):
        _check_template(field)


def _check_template(field) -> None:
    if field.data:
        try:
            sandbox.check(field.data)
        except sandbox.TemplateRefused as refused:
            raise ValidationError(str(refused)) from None


class OfficeTextForm(FlaskForm):
    language = text(_l("Sprache (Code nach BCP 47, z. B. ar, uk, tr, fa; Leichte Sprache: de-x-ls)"), 20)
    title = text(_l("Überschrift"), 200, required=_l("Bitte geben Sie eine Überschrift an."))
    body = area(_l("Text"), 20_000, required=_l("Bitte geben Sie den Text an."))
    version = VersionField()

    def validate_language(self, field):
        code = field.data or ""
        parts = code.split("-")
        if not code or not all(p.isalnum() and p.isascii() and 1 <= len(p) <= 8 for p in parts) or len(parts[0]) > 3:
            raise ValidationError(_l("Bitte geben Sie einen Sprachcode wie „ar“ oder „de-x-ls“ an."))


class PrintForm(FlaskForm):
    """Printing a form for signature: the person's language (beside German)."""

    language = HiddenField()


class ContactFields:
    """How clients and agencies reach a member of staff (letters, handouts, the referral letter):
    on the admin's account form and on one's own."""

    contact_phone = text(_l("Telefon (dienstlich)"), 60, validators=[check_phone])
    contact_email = text(_l("E-Mail (dienstlich)"), 254, validators=[check_email])
    contact_address = area(_l("Dienstanschrift"), 300, description=_l("Leer: die Anschrift der Dienststelle."))
    contact_room = text(_l("Raum"), 60)


class ContactForm(ContactFields, FlaskForm):
    version = VersionField()
