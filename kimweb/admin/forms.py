"""Forms for creating and editing staff accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, HiddenField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from ..auth.forms import NewPasswordMixin
from ..auth.models import USERNAME_PATTERN, Team, Traeger, User
from ..extensions import db
from ..fields import ChoiceField, SelectField, clean, max_length, parse_id, text
from ..letters.forms import ContactFields
from ..security import ROLE_LABELS, ROLES, roles_with


def team_choices() -> list[SelectChoice]:
    teams = db.session.scalars(select(Team).order_by(Team.sort_order, Team.name))
    return [SelectChoice("", _l("– kein Team –"))] + [SelectChoice(str(t.id), t.name) for t in teams]


def traeger_choices(current: int | None = None) -> list[SelectChoice]:
    """The Träger in use, and the account's own even if no longer in use."""
    rows = db.session.scalars(
        select(Traeger)
        .where((Traeger.active.is_(True)) | (Traeger.id == current))
        .order_by(Traeger.sort_order, Traeger.name)
    )
    return [SelectChoice("", _l("– kein Träger –"))] + [SelectChoice(str(t.id), t.name) for t in rows]


class TraegerForm(FlaskForm):
    name = text(_l("Name des Trägers"), 120, required=_l("Bitte geben Sie den Namen ein."))
    active = BooleanField(_l("In Verwendung"), default=True)

    def __init__(self, *args, traeger_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._traeger_id = traeger_id

    def validate_name(self, field):
        taken = db.session.scalar(
            select(Traeger.id).where(
                func.lower(Traeger.name) == (field.data or "").lower(), Traeger.id != self._traeger_id
            )
        )
        if taken:
            raise ValidationError(_l("Diesen Träger gibt es schon."))


class UserForm(ContactFields, FlaskForm):
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
    traeger_id = ChoiceField(_l("Träger (Anstellung)"), choices=[])
    active = BooleanField(_l("Konto aktiv"), default=True)
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_id.choices = team_choices()
        self.traeger_id.choices = traeger_choices(kwargs["obj"].traeger_id if kwargs.get("obj") else None)

    def validate_traeger_id(self, field):
        traeger_id = parse_id(field.data)
        if field.data and (traeger_id is None or db.session.get(Traeger, traeger_id) is None):
            raise ValidationError(_l("Bitte wählen Sie einen Träger aus der Liste."))

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

    field_order = ("username", "display_name", "role", "team_id", "traeger_id", "new_password", "new_password_again")

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
