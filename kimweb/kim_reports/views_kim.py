"""The KIM reports as pages (table and chart per figure), CSV and XLSX; the yearly Sachbericht.

A team lead sees their own team with exact counts; the KIM coordination sees every team with
small numbers suppressed; every download is suppressed (it may leave the team). Each run is
audited with the report and its filters, never with client data.
"""

from dataclasses import dataclass
from datetime import date

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..auth.models import Team, Traeger, User
from ..extensions import db
from ..fields import parse_number
from ..reports.charts import bar_chart
from ..reports.downloads import Table, csv_response, xlsx_response
from ..reports.period import ReportPeriod, read_period
from ..reports.suppression import NOTE
from ..security import has_permission, requires
from ..timeutil import local_today
from .blueprint import bp
from .facts import Scope, build, cycle_collection_paused
from .forms import FilterForm
from .kim import REPORTS, KimTable
from .sachbericht import Sachbericht, sachbericht


@dataclass
class Run:
    period: ReportPeriod
    filters: FilterForm
    scope: Scope
    valid: bool

    @property
    def status(self) -> int:
        return 200 if self.valid else 422

    def args(self) -> dict:
        """The query string that reproduces this run (for download links)."""
        values = {"von": self.period.start.strftime("%d.%m.%Y"), "bis": self.period.end.strftime("%d.%m.%Y")}
        for key, value in (
            ("team", self.scope.team_id),
            ("traeger", self.scope.traeger_id),
            ("fm", self.scope.case_manager_id),
        ):
            if value is not None and not (key == "team" and not has_permission("report.all")):
                values[key] = str(value)
        return values

    def filter_args(self) -> dict:
        """The filters alone, without the period."""
        return {k: v for k, v in self.args().items() if k not in ("von", "bis")}

    def label(self) -> str:
        """The filters in words, for the page and the workbook."""
        parts = []
        if self.scope.team_id is not None:
            team = db.session.get(Team, self.scope.team_id)
            parts.append(_("Team: %(name)s", name=team.name if team else "?"))
        if self.scope.traeger_id is not None:
            traeger = db.session.get(Traeger, self.scope.traeger_id)
            parts.append(_("Träger: %(name)s", name=traeger.name if traeger else "?"))
        if self.scope.case_manager_id is not None:
            user = db.session.get(User, self.scope.case_manager_id)
            parts.append(_("Fallmanagement: %(name)s", name=user.display_name if user else "?"))
        return " · ".join(parts) or _("alle Teams, alle Träger")


def own_team() -> int | None:
    """None for whoever may see all teams; else the team a team lead reports on."""
    if has_permission("report.all"):
        return None
    if current_user.team_id is None:
        abort(404)
    return current_user.team_id


def read_run(period: ReportPeriod | None = None) -> Run:
    period = period or read_period(request.args)
    team = own_team()
    filters = FilterForm(request.args, own_team=team)
    valid = filters.validate() and period.valid
    if filters.errors:
        scope = Scope(team_id=team)
    else:
        scope = Scope(
            team_id=team if team is not None else filters.number(filters.team.data),
            traeger_id=filters.number(filters.traeger.data),
            case_manager_id=filters.number(filters.fm.data),
        )
    return Run(period, filters, scope, valid)


def exact_view() -> bool:
    """The team lead's own view shows exact counts; the coordination's never does."""
    return not has_permission("report.all")


def audit_run(report: str, run: Run, output: str) -> None:
    scope = run.scope
    audit.record(
        "report.run",
        "report",
        report,
        detail=(
            f"from={run.period.start.isoformat()}; to={run.period.end.isoformat()}; team={scope.team_id or '-'}; "
            f"traeger={scope.traeger_id or '-'}; case_manager={scope.case_manager_id or '-'}; format={output}"
        ),
    )


def tables_for(name: str, run: Run, *, suppressed: bool) -> tuple[list[KimTable], bool]:
    report = REPORTS[name]
    # The facts are let go before the garbage collector resumes (kimweb/kim_reports/facts.py).
    with cycle_collection_paused():
        tables = report.build(build(run.period.start, run.period.end, local_today(), report.reads), run.scope)
    return report.suppressed(tables) if suppressed else (tables, False)


@bp.route("/")
@requires("report.read")
def index():
    run = read_run()
    audit_run("index", run, "html")
    return render_template("reports/index.html", run=run, reports=REPORTS.values()), run.status


@bp.route("/kim/<name>")
@requires("report.read")
def kim(name: str):
    if name not in REPORTS:
        abort(404)
    run = read_run()
    exact = exact_view()
    tables, hidden = tables_for(name, run, suppressed=not exact)
    audit_run(name, run, "html")
    charts = {t.key: bar_chart(t.chart_points()) for t in tables if t.chart and t.chart_points()}
    return render_template(
        "reports/kim.html",
        run=run,
        report=REPORTS[name],
        reports=REPORTS.values(),
        tables=tables,
        charts=charts,
        exact=exact,
        hidden=hidden,
        note=str(NOTE),
    ), run.status


def _filename(name: str, run: Run, suffix: str) -> str:
    return f"kim-{name}-{run.period.start.isoformat()}-{run.period.end.isoformat()}.{suffix}"


def _download_run(name: str) -> Run:
    """The filters of a download; an unknown report is a 404 (an invalid period shows the page)."""
    if name not in REPORTS:
        abort(404)
    return read_run()


def _note_table(run: Run, hidden: bool) -> Table:
    rows = [[_("Zeitraum"), f"{run.period.start:%d.%m.%Y} – {run.period.end:%d.%m.%Y}"], [_("Filter"), run.label()]]
    if hidden:
        rows.append([_("Hinweis"), str(NOTE)])
    return Table([_("Angabe"), _("Wert")], rows, title=_("Hinweise"))


@bp.route("/kim/<name>.csv")
@requires("report.read")
def kim_csv(name: str):
    run = _download_run(name)
    if not run.valid:
        return kim(name)
    tables, hidden = tables_for(name, run, suppressed=True)
    wanted = request.args.get("tabelle")
    table = next((t for t in tables if t.key == wanted), tables[0])
    rows = [list(r) for r in table.rows]
    if hidden:
        rows.append([str(NOTE)] + [None] * (len(table.header) - 1))
    audit_run(f"{name}/{table.key}", run, "csv")
    return csv_response(Table(table.header, rows, title=table.title), _filename(f"{name}-{table.key}", run, "csv"))


@bp.route("/kim/<name>.xlsx")
@requires("report.read")
def kim_xlsx(name: str):
    run = _download_run(name)
    if not run.valid:
        return kim(name)
    tables, hidden = tables_for(name, run, suppressed=True)
    audit_run(name, run, "xlsx")
    return xlsx_response([_note_table(run, hidden)] + [t.as_download() for t in tables], _filename(name, run, "xlsx"))


def year_period(args) -> tuple[int, ReportPeriod]:
    """The Sachbericht's year (?jahr=2026, default: this year) as a report period."""
    today = local_today()
    text = args.get("jahr", "")
    number = parse_number(text)
    year = number if number is not None and 2000 <= number <= today.year + 1 else today.year
    base = read_period({})
    return year, ReportPeriod(base.form, date(year, 1, 1), date(year, 12, 31), True)


def _sachbericht(year_run: Run) -> Sachbericht:
    return sachbericht(year_run.period.start, year_run.period.end, year_run.scope, local_today(), year_run.label())


@bp.route("/sachbericht")
@requires("report.read")
def summary():
    year, period = year_period(request.args)
    run = read_run(period)
    report = _sachbericht(run)
    audit_run("sachbericht", run, "html")
    charts = {
        key: bar_chart(report.table(*key.split("/")).chart_points(), height=150)
        for key in (
            "faelle/zugang",
            "faelle/abschluss",
            "personen/alter",
            "personen/status",
            "arbeit/kontakte",
            "netzwerk/ergebnis",
        )
    }
    return render_template(
        "reports/sachbericht.html", run=run, year=year, report=report, charts=charts, note=str(NOTE)
    ), run.status


@bp.route("/sachbericht.xlsx")
@requires("report.read")
def summary_xlsx():
    year, period = year_period(request.args)
    run = read_run(period)
    report = _sachbericht(run)
    audit_run("sachbericht", run, "xlsx")
    return xlsx_response(report.workbook(), f"kim-sachbericht-{year}.xlsx")
