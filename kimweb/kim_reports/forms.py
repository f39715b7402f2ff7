"""The filters of the KIM reports (Sozialraum/team, Träger, case manager): a GET form like the period."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..auth.models import Team, Traeger, User
from ..extensions import db
from ..fields import ChoiceField, parse_id
from ..security import roles_with


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    team = ChoiceField(_l("Sozialraum / Team"), choices=[])
    traeger = ChoiceField(_l("Träger"), choices=[])
    fm = ChoiceField(_l("Fallmanagement"), choices=[])

    def __init__(self, formdata, *, own_team: int | None):
        super().__init__(formdata)
        teams = select(Team).order_by(Team.sort_order, Team.name)
        managers = select(User).where(User.role.in_(roles_with("client.read"))).order_by(User.display_name)
        if own_team is not None:
            teams = teams.where(Team.id == own_team)
            managers = managers.where(User.team_id == own_team)
            self.team.choices = [SelectChoice(str(t.id), t.name) for t in db.session.scalars(teams)]
            self.team.data = str(own_team)  # a team lead reports on their own team only
        else:
            self.team.choices = [SelectChoice("", _l("alle"))] + [
                SelectChoice(str(t.id), t.name) for t in db.session.scalars(teams)
            ]
        self.traeger.choices = [SelectChoice("", _l("alle"))] + [
            SelectChoice(str(t.id), t.name) for t in db.session.scalars(select(Traeger).order_by(Traeger.sort_order))
        ]
        self.fm.choices = [SelectChoice("", _l("alle"))] + [
            SelectChoice(str(u.id), u.display_name) for u in db.session.scalars(managers)
        ]

    @staticmethod
    def number(value: str | None) -> int | None:
        return parse_id(value)
