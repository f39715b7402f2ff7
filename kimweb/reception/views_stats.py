"""Statistics for the team lead: tables, a server-rendered SVG chart, CSV (UTF-8 with BOM)."""

import csv
import io
from datetime import timedelta

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from ..fields import DateText
from ..security import requires
from ..timeutil import local_today
from . import stats as figures
from .blueprint import bp
from .choices import INTERPRETER_KINDS, language_label

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

    def period(self):
        end = self.bis.data or local_today()
        return self.von.data or end - timedelta(days=DEFAULT_DAYS - 1), end


def _period_form() -> tuple[PeriodForm, bool]:
    form = PeriodForm(request.args)
    return form, form.validate()


def _fmt(minutes) -> str:
    return "" if minutes is None else f"{minutes:.0f}"


@bp.route("/empfang/statistik")
@requires("reception.stats")
def stats():
    form, valid = _period_form()
    start, end = form.period() if valid else (local_today() - timedelta(days=DEFAULT_DAYS - 1), local_today())
    found = figures.facts(start, end)
    days = figures.per_day(found, start, end)
    weekdays, hours, slots = figures.waits_by_slot(found)
    bars, top, bar_width = figures.bar_chart(days)
    context = dict(
        form=form,
        start=start,
        end=end,
        days=days,
        summary=figures.summary(found),
        weekdays=weekdays,
        hours=hours,
        slots=slots,
        weekday_names=figures.WEEKDAYS,
        bars=bars,
        top=top,
        bar_width=bar_width,
        languages=[(language_label(c), n) for c, n in figures.languages(found)],
        interpreters=[(str(INTERPRETER_KINDS.get(k, k)), n) for k, n in figures.interpreter_kinds(found)],
        fmt=_fmt,
    )
    return render_template("reception/stats.html", **context), 200 if valid else 422


TABLES = ("tage", "zeiten", "sprachen")


@bp.route("/empfang/statistik.csv")
@requires("reception.stats")
def stats_csv():
    form, valid = _period_form()
    if not valid:
        return stats()
    start, end = form.period()
    table = request.args.get("tabelle", "tage")
    found = figures.facts(start, end)
    out = io.StringIO()
    # Semicolons and a BOM: what German Excel opens correctly with a double click.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if table == "zeiten":
        writer.writerow(
            [
                _("Wochentag"),
                _("Stunde"),
                _("Besuche mit Aufruf"),
                _("Median Wartezeit (Min.)"),
                _("90. Perzentil Wartezeit (Min.)"),
            ]
        )
        _weekdays, _hours, slots = figures.waits_by_slot(found)
        for (weekday, hour), slot in sorted(slots.items()):
            writer.writerow(
                [figures.WEEKDAYS[weekday], f"{hour:02d}:00", slot.count, _fmt(slot.median), _fmt(slot.p90)]
            )
    elif table == "sprachen":
        writer.writerow([_("Art"), _("Wert"), _("Besuche")])
        for code, count in figures.languages(found):
            writer.writerow([_("Sprache"), language_label(code), count])
        for kind, count in figures.interpreter_kinds(found):
            writer.writerow([_("Dolmetschung"), str(INTERPRETER_KINDS.get(kind, kind)), count])
    else:
        table = "tage"
        writer.writerow(
            [_("Datum"), _("Besuche"), _("Median Wartezeit (Min.)"), _("Gegangen ohne Gespräch"), _("Nicht erschienen")]
        )
        for day in figures.per_day(found, start, end):
            writer.writerow([day.day.strftime("%d.%m.%Y"), day.visits, _fmt(day.median_wait), day.left, day.no_show])
    name = f"empfang-{table}-{start.isoformat()}-{end.isoformat()}.csv"
    return (
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        200,
        {"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": f'attachment; filename="{name}"'},
    )
