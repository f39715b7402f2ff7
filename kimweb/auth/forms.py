"""Forms for logging in, changing one's own password and language."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..fields import SelectField, clean
from .passwords import MAX_LENGTH, password_problems, verify_password


class LoginForm(FlaskForm):
    # Control characters stripped: a NUL byte would reach PostgreSQL (which refuses it) and LDAP filters.
    username = StringField(
        _l("Benutzername"),
        validators=[DataRequired(_l("Bitte geben Sie Ihren Benutzernamen ein.")), Length(max=64)],
        filters=[clean],
    )
    password = PasswordField(
        _l("Passwort"), validators=[DataRequired(_l("Bitte geben Sie Ihr Passwort ein.")), Length(max=MAX_LENGTH)]
    )


class NewPasswordMixin:
    """A new password entered twice and checked against the password rules."""

    new_password = PasswordField(
        _l("Neues Passwort"), validators=[DataRequired(_l("Bitte geben Sie ein neues Passwort ein."))]
    )
    new_password_again = PasswordField(
        _l("Neues Passwort wiederholen"),
        validators=[
            DataRequired(_l("Bitte wiederholen Sie das neue Passwort.")),
            EqualTo("new_password", _l("Die beiden Passwörter stimmen nicht überein.")),
        ],
    )

    def username_for_rules(self) -> str:
        return ""

    def validate_new_password(self, field):
        problems = password_problems(field.data or "", self.username_for_rules())
        if problems:
            raise ValidationError(" ".join(problems))


class PasswordChangeForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(
        _l("Aktuelles Passwort"), validators=[DataRequired(_l("Bitte geben Sie Ihr aktuelles Passwort ein."))]
    )

    def username_for_rules(self) -> str:
        return current_user.username

    def validate_current_password(self, field):
        if not verify_password(current_user.password_hash, field.data or ""):
            raise ValidationError(_l("Das aktuelle Passwort ist nicht richtig."))


class LanguageForm(FlaskForm):
    locale = SelectField(
        _l("Sprache der Oberfläche"), choices=[SelectChoice("de", "Deutsch"), SelectChoice("en", "English")]
    )
