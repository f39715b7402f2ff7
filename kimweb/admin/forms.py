"""Forms for creating and editing staff accounts."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from ..auth.forms import NewPasswordMixin
from ..auth.models import Team, User
from ..extensions import db
from ..fields import clean, max_length, parse_id
from ..security import ROLE_LABELS, ROLES, roles_with

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def team_choices() -> list[SelectChoice]:
    teams = db.session.scalars(select(Team).order_by(Team.sort_order, Team.name))
    return [SelectChoice("", _l("– kein Team –"))] + [SelectChoice(str(t.id), t.name) for t in teams]


class UserForm(FlaskForm):
    display_name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Bitte geben Sie den Namen ein.")),
            Length(max=120, message=_l("Höchstens %(max)d Zeichen.")),
        ],
        filters=[clean],
    )
    role = SelectField(_l("Rolle"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    team_id = SelectField(_l("Team / Sozialraum"), choices=[])
    active = BooleanField(_l("Konto aktiv"), default=True)
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_id.choices = team_choices()

    def validate_team_id(self, field):
        if self.role.data in roles_with("client.read") and not field.data:
            raise ValidationError(_l("Fallmanagement und Teamleitung brauchen ein Team."))
        team_id = parse_id(field.data)
        if field.data and (team_id is None or db.session.get(Team, team_id) is None):
            raise ValidationError(_l("Bitte wählen Sie ein Team aus der Liste."))


class UserCreateForm(NewPasswordMixin, UserForm):
    username = StringField(
        _l("Benutzername"),
        validators=[DataRequired(_l("Bitte geben Sie einen Benutzernamen ein.")), max_length(64)],
        filters=[clean],
        description=_l("Kleinbuchstaben, Ziffern, Punkt, Binde- und Unterstrich; 2 bis 64 Zeichen."),
    )

    field_order = ("username", "display_name", "role", "team_id", "new_password", "new_password_again")

    def username_for_rules(self) -> str:
        return (self.username.data or "").strip().lower()

    def validate_username(self, field):
        name = (field.data or "").strip().lower()
        if not USERNAME_PATTERN.match(name):
            raise ValidationError(
                _l("Nur Kleinbuchstaben (a–z), Ziffern, Punkt, Binde- und Unterstrich; 2 bis 64 Zeichen.")
            )
        if db.session.scalar(select(User.id).where(func.lower(User.username) == name)):
            raise ValidationError(_l("Diesen Benutzernamen gibt es schon."))
        field.data = name


class PasswordResetForm(NewPasswordMixin, FlaskForm):
    def __init__(self, *args, username: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._username = username

    def username_for_rules(self) -> str:
        return self._username
