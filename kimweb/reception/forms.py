"""Forms at the desk: the search, the walk-in, corrections, calling; every check on the server."""

import re
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..auth.models import Team, User
from ..extensions import db
from ..fields import ChoiceField, DateInputError, VersionField, clean, parse_date, text
from ..lifeareas import all_life_areas
from ..security import roles_with
from ..timeutil import local_today
from .choices import INTERPRETER_KINDS, PRIORITY_LABELS, language_choices
from .models import NORMAL

REASON_MAX = 200
NEXT_FREE = ""
_YEARISH = re.compile(r"^(?:\d{1,2}\.\d{1,2}\.)?\d{2,4}$|^\d{4}-\d{1,2}-\d{1,2}$")


class SearchForm(FlaskForm):
    q = text(
        _l("Name der Person"),
        200,
        render_kw={"autocomplete": "off", "spellcheck": "false", "type": "search", "autofocus": True},
    )

    def person(self) -> tuple[str, str, date | None]:
        """Family name, given names and birth date as typed in one field: "Hassan Mohammed",
        "Al-Hassan, Mohammed", "Mohammed Hassan 1985" or "... 12.03.1985" all work."""
        words, birth = [], None
        for word in (self.q.data or "").replace(",", " , ").split():
            if _YEARISH.match(word):
                try:
                    parsed = parse_date(word, local_today(), birth=True)
                except DateInputError:
                    parsed = None
                birth = parsed.value if parsed else birth
            else:
                words.append(word)
        joined = " ".join(words)
        if "," in joined:
            family, _, given = joined.partition(",")
            return family.strip(" ,"), given.replace(",", " ").strip(), birth
        names = joined.split()
        if len(names) < 2:
            return joined, "", birth
        # "Vorname Nachname" is how most people say it; matching also tries the fields swapped.
        return names[-1], " ".join(names[:-1]), birth


def _select(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def wanted_choices() -> list[SelectChoice]:
    """ "Next free", anyone in a district team, or one colleague (values "", "team:3", "cm:7")."""
    teams = db.session.execute(select(Team.id, Team.name, Team.kind).order_by(Team.sort_order, Team.name)).all()
    people = db.session.execute(
        select(User.id, User.display_name)
        .where(User.active.is_(True), User.role.in_(roles_with("reception.queue_own")))
        .order_by(User.display_name)
    ).all()
    return _select(
        [(NEXT_FREE, _l("Nächste freie Fachkraft"))]
        # The KI (kind "central") is a team, not a Sozialraum.
        + [
            (
                f"team:{i}",
                # gettext, not lazy: a lazy string counts as safe HTML, and the name must be escaped.
                _("Sozialraum %(name)s (wer frei ist)", name=n)
                if kind == "district"
                else _("Team %(name)s (wer frei ist)", name=n),
            )
            for i, n, kind in teams
        ]
        + [(f"cm:{i}", n) for i, n in people]
    )


def life_area_choices() -> list[SelectChoice]:
    return _select([("", _l("– bitte wählen –"))] + [(str(a.id), a.title) for a in all_life_areas()])


class ConcernMixin:
    """What the person needs and whom they want: shared by the walk-in and the correction form."""

    language = ChoiceField(_l("Sprache"), choices=[])
    interpreter = ChoiceField(
        _l("Dolmetschung"), choices=_select([("", _l("nicht nötig"))] + list(INTERPRETER_KINDS.items()))
    )
    life_area_id = ChoiceField(_l("Anliegen (Lebensbereich)"), choices=[])
    reason = text(
        _l("Kurz: worum geht es?"),
        REASON_MAX,
        description=_l("Höchstens 200 Zeichen. Keine Gesundheits- oder Aufenthaltsdetails, nur das Stichwort."),
    )
    wanted = ChoiceField(_l("Zu wem?"), choices=[])
    priority = ChoiceField(_l("Dringlichkeit"), choices=_select(PRIORITY_LABELS.items()), default=NORMAL)

    def fill_choices(self) -> None:
        self.language.choices = _select(language_choices())
        self.life_area_id.choices = life_area_choices()
        self.wanted.choices = wanted_choices()

    def validate_interpreter(self, field):
        if field.data and not self.language.data:
            raise ValidationError(_l("Bitte wählen Sie die Sprache, in die gedolmetscht werden soll."))

    def concern_values(self) -> dict:
        kind, _, ident = (self.wanted.data or "").partition(":")
        return {
            "language": self.language.data or None,
            "interpreter": self.interpreter.data or "",
            "life_area_id": int(self.life_area_id.data) if self.life_area_id.data else None,
            "reason": self.reason.data or "",
            "priority": self.priority.data or NORMAL,
            "case_manager_id": int(ident) if kind == "cm" else None,
            "team_id": int(ident) if kind == "team" else None,
        }

    def wanted_from(self, visit) -> None:
        self.wanted.data = (
            f"cm:{visit.case_manager_id}"
            if visit.case_manager_id
            else f"team:{visit.team_id}"
            if visit.team_id
            else NEXT_FREE
        )


class WalkInForm(ConcernMixin, FlaskForm):
    family_name = text(
        _l("Familienname"),
        200,
        required=_l("Bitte geben Sie den Familiennamen ein."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    given_names = text(_l("Vorname(n)"), 200, render_kw={"autocomplete": "off", "spellcheck": "false"})
    # Asked only when someone of this name already waits "ohne Akte" (views_desk).
    other_person = BooleanField(_l("Es ist eine andere Person mit gleichem Namen."))
    # The rows of today's walk-ins of this name (queue.VisitRow), set by the view.
    same_name_waiting: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_choices()


class VisitEditForm(ConcernMixin, FlaskForm):
    """Corrections at the desk; names only for walk-ins (a client's name lives in the file)."""

    family_name = text(_l("Familienname"), 200, render_kw={"autocomplete": "off", "spellcheck": "false"})
    given_names = text(_l("Vorname(n)"), 200, render_kw={"autocomplete": "off", "spellcheck": "false"})
    version = VersionField()

    def __init__(self, *args, walk_in: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_choices()
        self.walk_in = walk_in

    def validate_family_name(self, field):
        if self.walk_in and not field.data:
            raise ValidationError(_l("Bitte geben Sie den Familiennamen ein."))


class KnownCheckInForm(FlaskForm):
    """One-click check-in of a person the search found: the signed id, and the priority."""

    client_id = HiddenField()
    priority = ChoiceField(_l("Dringlichkeit"), choices=_select(PRIORITY_LABELS.items()), default=NORMAL)


class LinkForm(FlaskForm):
    """Link a walk-in's visit to the file the search found (the signed id)."""

    client_id = HiddenField()


class CallForm(FlaskForm):
    room = text(
        _l("Raum"),
        40,
        required=_l("Bitte geben Sie den Raum an, in den Sie die Person bitten."),
        render_kw={"autocomplete": "off"},
        description=_l("Erscheint mit der Nummer auf dem Wartezimmer-Bildschirm."),
    )


class StateForm(FlaskForm):
    """One button of the state machine; `seen` is the state the screen showed."""

    to = HiddenField()
    seen = HiddenField()
    room = HiddenField(filters=[clean])


class ScreenKeyForm(FlaskForm):
    label = text(
        _l("Bezeichnung"),
        80,
        required=_l("Bitte geben Sie an, wo der Bildschirm hängt."),
        description=_l("Zum Beispiel: Wartebereich Erdgeschoss."),
    )
