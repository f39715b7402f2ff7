"""The reception report for the team lead: tables, a bar chart, and its tables as CSV or XLSX."""

from datetime import date

from flask import render_template, request
from flask_babel import gettext as _

from ..reports.charts import bar_chart
from ..reports.downloads import Table, csv_response, xlsx_response
from ..reports.period import read_period
from ..security import requires
from . import stats as figures
from .blueprint import bp
from .choices import INTERPRETER_KINDS, language_label


def _fmt(minutes) -> str:
    return "" if minutes is None else f"{minutes:.0f}"


def _minutes(value: float | None) -> int | None:
    """Whole minutes, rounded as the page shows them."""
    return None if value is None else round(value)


@bp.route("/empfang/statistik")
@requires("reception.stats")
def stats():
    period = read_period(request.args)
    found = figures.facts(period.start, period.end)
    days = figures.per_day(found, period.start, period.end)
    weekdays, hours, slots = figures.waits_by_slot(found)
    context = dict(
        period=period,
        start=period.start,
        end=period.end,
        days=days,
        summary=figures.summary(found),
        weekdays=weekdays,
        hours=hours,
        slots=slots,
        weekday_names=figures.WEEKDAYS,
        chart=bar_chart([(d.day.strftime("%d.%m."), d.visits) for d in days]),
        languages=[(language_label(c), n) for c, n in figures.languages(found)],
        interpreters=[(str(INTERPRETER_KINDS.get(k, k)), n) for k, n in figures.interpreter_kinds(found)],
        fmt=_fmt,
    )
    return render_template("reception/stats.html", **context), period.status


TABLES = ("tage", "zeiten", "sprachen")


def _table(name: str, start: date, end: date) -> Table:
    """One of the report's tables (TABLES) for download."""
    found = figures.facts(start, end)
    if name == "zeiten":
        _weekdays, _hours, slots = figures.waits_by_slot(found)
        return Table(
            [
                _("Wochentag"),
                _("Stunde"),
                _("Besuche mit Aufruf"),
                _("Median Wartezeit (Min.)"),
                _("90. Perzentil Wartezeit (Min.)"),
            ],
            [
                [figures.WEEKDAYS[weekday], f"{hour:02d}:00", slot.count, _minutes(slot.median), _minutes(slot.p90)]
                for (weekday, hour), slot in sorted(slots.items())
            ],
            title=_("Wartezeiten"),
        )
    if name == "sprachen":
        return Table(
            [_("Art"), _("Wert"), _("Besuche")],
            [[_("Sprache"), language_label(code), count] for code, count in figures.languages(found)]
            + [
                [_("Dolmetschung"), str(INTERPRETER_KINDS.get(kind, kind)), count]
                for kind, count in figures.interpreter_kinds(found)
            ],
            title=_("Sprachen"),
        )
    return Table(
        [
            _("Datum"),
            _("Besuche"),
            _("Median Wartezeit (Min.)"),
            _("Gegangen ohne Gespräch"),
            _("Nicht erschienen"),
            _("Dringend"),
            _("Krise"),
        ],
        [
            [day.day, day.visits, _minutes(day.median_wait), day.left, day.no_show, day.urgent, day.crisis]
            for day in figures.per_day(found, start, end)
        ],
        title=_("Besuche pro Tag"),
    )


def _table_name() -> str:
    name = request.args.get("tabelle", "tage")
    return name if name in TABLES else "tage"


@bp.route("/empfang/statistik.csv")
@requires("reception.stats")
def stats_csv():
    period = read_period(request.args)
    if not period.valid:
        return stats()
    name = _table_name()
    table = _table(name, period.start, period.end)
    return csv_response(table, f"empfang-{name}-{period.start.isoformat()}-{period.end.isoformat()}.csv")


@bp.route("/empfang/statistik.xlsx")
@requires("reception.stats")
def stats_xlsx():
    period = read_period(request.args)
    if not period.valid:
        return stats()
    name = _table_name()
    table = _table(name, period.start, period.end)
    return xlsx_response(table, f"empfang-{name}-{period.start.isoformat()}-{period.end.isoformat()}.xlsx")
