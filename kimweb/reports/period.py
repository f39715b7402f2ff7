"""The period of a report: a from/to form with German dates (at most a year) and presets for this
month, quarter and year. A GET form: the period travels in the URL, so a report can be bookmarked."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from ..fields import DateText
from ..timeutil import local_today

DEFAULT_DAYS = 28
MAX_DAYS = 366


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    von = DateText(_l("Von"))
    bis = DateText(_l("Bis"))

    def validate_bis(self, field):
        start, end = self.period()
        if end < start:
            raise ValidationError(_l("„Bis“ liegt vor „Von“."))
        if (end - start).days >= MAX_DAYS:
            raise ValidationError(_l("Bitte wählen Sie höchstens ein Jahr."))

    def period(self) -> tuple[date, date]:
        """The period as typed; a missing end is today, a missing start DEFAULT_DAYS before the end."""
        end = self.bis.data or local_today()
        return self.von.data or end - timedelta(days=DEFAULT_DAYS - 1), end


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=DEFAULT_DAYS - 1), today


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    start: date
    end: date


def presets(today: date) -> list[Preset]:
    """This month, this quarter and this year, each up to today."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [
        Preset("monat", str(_l("Dieser Monat")), today.replace(day=1), today),
        Preset("quartal", str(_l("Dieses Quartal")), quarter_start, today),
        Preset("jahr", str(_l("Dieses Jahr")), date(today.year, 1, 1), today),
    ]


@dataclass(frozen=True)
class ReportPeriod:
    """What a report view needs: the form to show again, the period to report on, and whether the
    typed period was valid (if not, the default period is shown and the page answers 422)."""

    form: PeriodForm
    start: date
    end: date
    valid: bool

    @property
    def status(self) -> int:
        return 200 if self.valid else 422

    @property
    def presets(self) -> list[Preset]:
        return presets(local_today())


def read_period(args) -> ReportPeriod:
    """The period from a request's query string (`von`, `bis` as DD.MM.YYYY)."""
    form = PeriodForm(args)
    valid = form.validate()
    start, end = form.period() if valid else default_period(local_today())
    return ReportPeriod(form, start, end, valid)
