"""Forms of contact notes: writing, editing (with the version read) and deleting (with a reason)."""

import re
from datetime import UTC, datetime, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..deadlines import NonWorkingDay, appeal_kinds, non_working_day
from ..fields import (
    CheckboxCodes,
    ChoiceField,
    CodesField,
    DateText,
    TypedText,
    VersionField,
    area,
    choices,
    parse_id,
    parse_number,
)
from ..fields import text as line
from ..timeutil import BERLIN, local_today
from .choices import KINDS, LETTER_KINDS, LETTER_STATUSES
from .models import MAX_TEXT

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class TimeText(TypedText):
    """A time of day typed as HH:MM (also 9.30)."""

    placeholder = "HH:MM"

    def parse(self, raw: str):
        match = _TIME.match(raw)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValueError(_l("Bitte geben Sie die Uhrzeit als HH:MM ein, z. B. 09:30."))
        return time(int(match.group(1)), int(match.group(2)))

    def show(self, value) -> str:
        return value.strftime("%H:%M")


class MinutesText(TypedText):
    """A duration in whole minutes, 1 to 1440; empty is allowed."""

    def parse(self, raw: str):
        minutes = parse_number(raw)
        if minutes is None or not 1 <= minutes <= 1440:
            raise ValueError(_l("Bitte geben Sie die Dauer in ganzen Minuten ein (1 bis 1440)."))
        return minutes


class AgreementRow(Form):
    """One agreement of a case conference: what, who, by when (it becomes a follow-up). When a
    note is edited, a saved agreement carries its id and can be removed."""

    id = HiddenField()
    what = line(_l("Was"), 500)
    who = line(_l("Wer"), 200)
    due = DateText(_l("Bis wann"))
    remove = BooleanField(_l("Entfernen"))

    @property
    def agreement_id(self) -> int | None:
        """The saved agreement's id; None for a new row (or a value that is no id at all)."""
        value = self.id.data or ""
        return parse_id(value)

    @property
    def is_blank(self) -> bool:
        return not (self.what.data or self.who.data or self.due.raw) and self.agreement_id is None

    def validate(self, extra_validators=None) -> bool:
        if self.remove.data:
            return True  # going away: what it says no longer matters
        valid = super().validate(extra_validators)
        if self.is_blank:
            return valid
        if not self.what.data:
            valid = _fail(self.what, _l("Bitte beschreiben Sie die Vereinbarung."))
        if not self.due.data and not self.due.errors:
            valid = _fail(self.due, _l("Bitte geben Sie an, bis wann."))
        return valid


class NoteForm(FlaskForm):
    occurred_on = DateText(_l("Datum"), required=_l("Bitte geben Sie das Datum des Kontakts ein."))
    occurred_time = TimeText(_l("Uhrzeit"))
    kind = ChoiceField(_l("Art des Kontakts"), choices=choices(KINDS, empty=_l("– bitte wählen –")))
    duration_minutes = MinutesText(_l("Dauer in Minuten"))
    organization_ids = CodesField(
        _l("Beteiligte Stellen (Wegweiser)"),
        choices=[],
        description=_l("Kreuzen Sie alle beteiligten Stellen an; das Suchfeld grenzt die Liste ein."),
    )
    participants_text = line(
        _l("Weitere Beteiligte"), 1000, description=_l("Personen und Stellen, die nicht im Wegweiser stehen.")
    )
    life_area_ids = CheckboxCodes(_l("Handlungsfelder"), choices=[])
    text = area(
        _l("Notiz"),
        MAX_TEXT,
        required=_l("Bitte schreiben Sie die Notiz."),
        description=_l("Nur Text; Zeilenumbrüche bleiben erhalten, Links werden anklickbar."),
    )
    confidential = BooleanField(_l("Vertraulich: nur für mich und das zuständige Fallmanagement lesbar"))
    follow_up_title = line(_l("Wiedervorlage: was"), 500)
    follow_up_due = DateText(_l("Wiedervorlage: fällig am"))
    # Only for letters in and out.
    letter_authority = ChoiceField(_l("Behörde oder Stelle"), choices=[])
    letter_subject = line(_l("Betreff"), 500)
    letter_date = DateText(_l("Datum des Schreibens (versandt oder erhalten)"))
    letter_served_on = DateText(_l("Zugestellt am"), description=_l("Bei Bescheiden: der Tag der Zustellung."))
    letter_decision_kind = ChoiceField(_l("Art des Bescheids (für den Fristvorschlag)"), choices=[])
    letter_remedy_missing = BooleanField(_l("Rechtsbehelfsbelehrung fehlt oder ist falsch"))
    letter_deadline = DateText(_l("Antwort- oder Widerspruchsfrist"))
    letter_hearing_on = DateText(
        _l("Termin laut Schreiben (z. B. Anhörung, Vorsprache)"), description=_l("Wird in „Meine Woche“ eingetragen.")
    )
    letter_hearing_time = line(_l("Uhrzeit des Termins"), 20)
    # The deadline day a weekend or holiday warning was shown for: saving it again keeps the day.
    letter_deadline_warned = HiddenField()
    letter_deadline_confirmed = BooleanField(_l("Ich habe die Frist am Schreiben geprüft und bestätige sie"))
    letter_status = ChoiceField(_l("Stand"), choices=choices(LETTER_STATUSES), default="open")
    # Only for case conferences.
    agreements = FieldList(FormField(AgreementRow), min_entries=3, max_entries=20)
    conference_next_date = DateText(_l("Nächste Fallkonferenz am"))
    consent_override = BooleanField(_l("Trotz fehlender Einwilligung speichern"))
    consent_override_reason = area(_l("Grund (wird protokolliert)"), 1000)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter_decision_kind.choices = [SelectChoice("", _l("– keine Frist aus einem Bescheid –"))] + [
            SelectChoice(key, label) for key, label in appeal_kinds()
        ]
        # Editing: the saved agreements' due dates (id -> date). A date that was right when the
        # conference took place may lie in the past now; only a new or changed one must not.
        self.saved_agreement_dates: dict = {}
        # True when this save stopped to warn about a deadline on a weekend or holiday.
        self.deadline_warned_now = False

    @property
    def is_letter(self) -> bool:
        return self.kind.data in LETTER_KINDS

    @property
    def deadline_warning(self) -> NonWorkingDay | None:
        """A typed deadline on a weekend or NRW holiday (a warning, not an error)."""
        return non_working_day(self.letter_deadline.data) if self.is_letter else None

    def validate_kind(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Art des Kontakts."))

    def validate_occurred_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Ein Kontakt kann nicht in der Zukunft liegen."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # A due date without a title: the title's Optional() stops its own validators, so here.
        if self.follow_up_due.data and not self.follow_up_title.data:
            valid = _fail(self.follow_up_title, _l("Bitte beschreiben Sie die Wiedervorlage."))
        if self.is_letter:
            valid = self._validate_letter() and valid
        if (
            self.kind.data == "case_conference"
            and self.conference_next_date.data
            and self.conference_next_date.data < local_today()
        ):
            valid = _fail(self.conference_next_date, _l("Das Datum kann nicht in der Vergangenheit liegen."))
        return self._validate_agreements() and valid

    def _validate_agreements(self) -> bool:
        valid = True
        for row in self.agreements:
            due = row.form.due
            if row.form.remove.data or not due.data:
                continue
            saved = self.saved_agreement_dates.get(row.form.agreement_id)
            if due.data < local_today() and due.data != saved:
                valid = _fail(due, _l("Das Datum kann nicht in der Vergangenheit liegen."))
        kept = [row for row in self.agreements if row.form.agreement_id is not None and not row.form.remove.data]
        if kept and self.kind.data and self.kind.data != "case_conference":
            valid = _fail(
                self.kind,
                _l(
                    "Diese Fallkonferenz hat Vereinbarungen. Bitte entfernen Sie sie zuerst, "
                    "wenn die Notiz keine Fallkonferenz sein soll."
                ),
            )
        return valid

    def agreement_rows(self) -> list:
        """(what, who, due) of the filled-in agreement rows."""
        return [
            (row.what.data, row.who.data or None, row.due.data)
            for row in self.agreements
            if not row.form.is_blank and not row.form.remove.data
        ]

    def agreement_edits(self) -> list:
        """(saved id or None, what, who, due, remove) of every row that is not blank."""
        return [
            (row.form.agreement_id, row.what.data, row.who.data or None, row.due.data, bool(row.form.remove.data))
            for row in self.agreements
            if not row.form.is_blank
        ]

    def _validate_letter(self) -> bool:
        valid = True
        if not self.letter_authority.data and not self.letter_authority.errors:
            valid = _fail(self.letter_authority, _l("Bitte wählen Sie die Behörde oder Stelle."))
        if not self.letter_subject.data:
            valid = _fail(self.letter_subject, _l("Bitte geben Sie den Betreff an."))
        if not self.letter_date.data and not self.letter_date.errors:
            valid = _fail(self.letter_date, _l("Bitte geben Sie das Datum des Schreibens an."))
        elif self.letter_date.data and self.letter_date.data > local_today():
            valid = _fail(self.letter_date, _l("Das Datum kann nicht in der Zukunft liegen."))
        if self.letter_decision_kind.data and not self.letter_served_on.data and not self.letter_served_on.errors:
            valid = _fail(self.letter_served_on, _l("Für den Fristvorschlag brauchen wir den Tag der Zustellung."))
        if self.letter_served_on.data and self.letter_date.data and self.letter_served_on.data < self.letter_date.data:
            valid = _fail(self.letter_served_on, _l("Die Zustellung kann nicht vor dem Datum des Schreibens liegen."))
        if self.letter_deadline.data and not self.letter_deadline_confirmed.data:
            valid = _fail(
                self.letter_deadline_confirmed, _l("Bitte prüfen Sie die Frist am Schreiben und bestätigen Sie sie.")
            )
        return valid

    def validate_follow_up_due(self, field):
        if self.follow_up_title.data and not field.data and not field.errors:
            raise ValidationError(_l("Bitte geben Sie das Fälligkeitsdatum ein."))
        if field.data and field.data < local_today():
            raise ValidationError(_l("Die Wiedervorlage kann nicht in der Vergangenheit liegen."))

    def occurred_at(self) -> datetime:
        """Date and time as typed (Berlin), stored as naive UTC."""
        moment = datetime.combine(self.occurred_on.data, self.occurred_time.data or time(0, 0), tzinfo=BERLIN)
        return moment.astimezone(UTC).replace(tzinfo=None)


def _fail(field, message) -> bool:
    field.errors = [*field.errors, message]
    return False


class StatusForm(FlaskForm):
    status = ChoiceField(_l("Stand"), choices=choices(LETTER_STATUSES))
    version = VersionField()


class DeleteForm(FlaskForm):
    reason = area(_l("Grund der Löschung"), 1000, required=_l("Bitte geben Sie einen Grund an."))
    version = VersionField()
