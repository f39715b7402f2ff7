"""Intake and personal-data forms, with household rows; every check on the server, in German."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..auth.models import Team, User
from ..directory.choices import LANGUAGE_LABELS
from ..directory.models import Organization
from ..extensions import db
from ..fields import DAY, ChoiceField, CodesField, DateText, VersionField, area, check_email, check_phone, choices, text
from ..security import roles_with
from .choices import ACCESS_ROUTES, GENDERS, NATIONALITIES, RELATIONS

POSTCODE = re.compile(r"^[0-9]{5}$")
MAX_HOUSEHOLD = 20
PLEASE_CHOOSE = _l("– bitte wählen –")


def team_choices() -> list[SelectChoice]:
    teams = db.session.scalars(select(Team).order_by(Team.sort_order, Team.name))
    return [SelectChoice("", _l("– noch offen –"))] + [SelectChoice(str(t.id), t.name) for t in teams]


def organization_choices(empty: object = PLEASE_CHOOSE) -> list[SelectChoice]:
    rows = db.session.execute(select(Organization.id, Organization.name).order_by(Organization.name))
    return [SelectChoice("", empty)] + [SelectChoice(str(i), name) for i, name in rows]


def case_manager_choices(team_id: int | None) -> list[SelectChoice]:
    """Active colleagues who can hold files, of one team or (None) of all teams."""
    query = select(User).where(User.active.is_(True), User.role.in_(roles_with("client.read")))
    if team_id is not None:
        query = query.where(User.team_id == team_id)
    return [SelectChoice(str(u.id), u.display_name) for u in db.session.scalars(query.order_by(User.display_name))]


class HouseholdRow(Form):
    member_id = HiddenField()
    family_name = text(_l("Familienname"))
    given_names = text(_l("Vorname(n)"))
    relation = ChoiceField(_l("Beziehung"), choices=choices(RELATIONS), default="other")
    birth_date = DateText(_l("Geburtsdatum"), birth=True)

    @property
    def is_blank(self) -> bool:
        return not (self.family_name.data or self.given_names.data or self.birth_date.raw)

    def validate_family_name(self, field):
        if not self.is_blank and not (field.data or self.given_names.data):
            raise ValidationError(_l("Bitte geben Sie einen Namen ein oder entfernen Sie die Zeile."))


class HouseholdForm(FlaskForm):
    """The household on its own (the case file's section); also embedded in the intake form."""

    members = FieldList(FormField(HouseholdRow), min_entries=0, max_entries=MAX_HOUSEHOLD)
    version = VersionField()

    def filled_rows(self) -> list[HouseholdRow]:
        return [entry.form for entry in self.members if not entry.form.is_blank]


class PersonForm(FlaskForm):
    family_name = text(
        _l("Familienname"),
        required=_l("Bitte geben Sie den Familiennamen ein."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    given_names = text(_l("Vorname(n)"), render_kw={"autocomplete": "off", "spellcheck": "false"})
    name_original = text(_l("Name in Originalschrift"), render_kw={"autocomplete": "off", "spellcheck": "false"})
    other_spellings = area(
        _l("Andere Schreibweisen"), 1000, description=_l("Eine Schreibweise pro Zeile, z. B. aus Pass oder Bescheiden.")
    )
    birth_date = DateText(
        _l("Geburtsdatum"),
        birth=True,
        months=True,
        description=_l(
            "TT.MM.JJJJ, auch 1.2.90; nur Monat und Jahr als 03.1985; nur ein Jahr (z. B. 1985) gilt als ungefähr."
        ),
    )
    birth_date_approximate = BooleanField(_l("Geburtsdatum nur ungefähr bekannt (z. B. 01.01. als Platzhalter)"))
    gender = ChoiceField(_l("Geschlecht"), choices=choices(GENDERS, empty=_l("– nicht erfasst –")))
    nationalities = CodesField(_l("Staatsangehörigkeit(en)"), choices=choices(NATIONALITIES))
    languages = CodesField(_l("Sprachen"), choices=choices(LANGUAGE_LABELS))
    interpreter_needed = BooleanField(_l("Dolmetschung nötig"))
    interpreter_language = ChoiceField(_l("Sprache der Dolmetschung"), choices=choices(LANGUAGE_LABELS, empty=_l("–")))
    phone = text(_l("Telefon"), 60, validators=[check_phone], render_kw={"type": "tel", "autocomplete": "off"})
    email = text(_l("E-Mail"), 254, validators=[check_email], render_kw={"autocomplete": "off"})
    street = text(_l("Straße und Hausnummer"), render_kw={"autocomplete": "off"})
    postcode = text(_l("PLZ"), 10, render_kw={"inputmode": "numeric", "autocomplete": "off"})
    city = text(_l("Ort"), 100, default="Oberhausen")
    district_id = ChoiceField(_l("Sozialraum"), choices=[])
    access_route = ChoiceField(_l("Zugang"), choices=choices(ACCESS_ROUTES, empty=_l("– bitte wählen –")))
    referred_by_id = ChoiceField(_l("Vermittelt durch"), choices=[])
    azr_number = text(_l("AZR-Nummer"), 40)
    bamf_file_number = text(_l("BAMF-Aktenzeichen"), 40)
    abh_file_number = text(_l("Aktenzeichen Ausländerbehörde"), 40)
    privacy_info_on = DateText(_l("Datenschutzinformation gegeben am"))
    consent_on = DateText(_l("Einwilligung ins Fallmanagement am"))
    consent_language = ChoiceField(_l("Erklärt in der Sprache"), choices=choices(LANGUAGE_LABELS, empty=_l("–")))
    consent_interpreter = text(
        _l("Gedolmetscht von"), description=_l("Name oder Dienst; bei Kindern als Dolmetscher bitte vermerken.")
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.district_id.choices = team_choices()
        self.referred_by_id.choices = organization_choices(empty=_l("– keine Stelle –"))

    def validate_postcode(self, field):
        if field.data and not POSTCODE.match(field.data):
            raise ValidationError(_l("Eine Postleitzahl hat fünf Ziffern."))

    def validate_referred_by_id(self, field):
        if self.access_route.data == "referred" and not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Stelle, die die Person vermittelt hat."))

    def validate_interpreter_language(self, field):
        if self.interpreter_needed.data and not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Sprache für die Dolmetschung."))

    def values(self) -> dict:
        """The column values from the form (birth dates typed as a year count as approximate)."""
        return {
            "family_name": self.family_name.data,
            "given_names": self.given_names.data or "",
            "name_original": self.name_original.data or None,
            "other_spellings": self.other_spellings.data or None,
            "birth_date": self.birth_date.data,
            "birth_date_approximate": bool(self.birth_date_approximate.data or self.birth_date.approximate),
            "birth_date_precision": self.birth_date.precision if self.birth_date.data else DAY,
            "gender": self.gender.data or None,
            "nationalities": self.nationalities.joined,
            "languages": self.languages.joined,
            "interpreter_needed": bool(self.interpreter_needed.data),
            "interpreter_language": self.interpreter_language.data or None,
            "phone": self.phone.data or None,
            "email": self.email.data or None,
            "street": self.street.data or None,
            "postcode": self.postcode.data or None,
            "city": self.city.data or None,
            "district_id": int(self.district_id.data) if self.district_id.data else None,
            "access_route": self.access_route.data or None,
            "referred_by_id": int(self.referred_by_id.data) if self.referred_by_id.data else None,
            "azr_number": self.azr_number.data or None,
            "bamf_file_number": self.bamf_file_number.data or None,
            "abh_file_number": self.abh_file_number.data or None,
            "privacy_info_on": self.privacy_info_on.data,
            "consent_on": self.consent_on.data,
            "consent_language": self.consent_language.data or None,
            "consent_interpreter": self.consent_interpreter.data or None,
        }

    def fill(self, client) -> None:
        """Fill the form from a stored client (for GET)."""
        for name in self.values():
            stored = getattr(client, name)
            if name == "birth_date_precision":  # no field of its own: how the birth date is shown
                self.birth_date.precision = stored or DAY
                continue
            field = getattr(self, name)
            if isinstance(field, CodesField):
                field.set_joined(stored)
            elif name.endswith("_id"):
                field.data = str(stored) if stored else ""
            else:
                field.data = stored
        self.version.data = str(client.version)


class IntakeForm(PersonForm):
    case_manager_id = ChoiceField(_l("Fallmanagement"), choices=[])
    household = FieldList(FormField(HouseholdRow), min_entries=0, max_entries=MAX_HOUSEHOLD)

    def filled_rows(self) -> list[HouseholdRow]:
        return [entry.form for entry in self.household if not entry.form.is_blank]
