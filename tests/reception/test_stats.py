"""Statistics on fixed data: per day, median and 90th percentile by weekday and hour, the rate of
people who left unseen, languages and interpreting; the chart, and CSV with a BOM."""

import io
import zipfile
from datetime import date, datetime, timedelta

import pytest

from kimweb.extensions import db
from kimweb.reception import stats
from kimweb.reception.models import Visit

# Monday 2 November 2026, Berlin is UTC+1 in November: 08:xx UTC is 09:xx local.
MONDAY = date(2026, 11, 2)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visit(ticket, day, checked_in, called, state="done", language=None, interpreter=""):
    return Visit(
        day=day,
        ticket=ticket,
        state=state,
        family_name="X",
        checked_in_at=checked_in,
        called_at=called,
        language=language,
        interpreter=interpreter,
    )


@pytest.fixture
def fixed(app):
    waits = [5, 10, 15, 20, 60]  # minutes, all checked in on Monday 09:xx local
    visits = [
        _visit(
            i + 1,
            MONDAY,
            datetime(2026, 11, 2, 8, i),
            datetime(2026, 11, 2, 8, i) + timedelta(minutes=w),
            language="ar" if i < 3 else "uk",
            interpreter="phone" if i < 2 else "",
        )
        for i, w in enumerate(waits)
    ]
    visits.append(
        _visit(6, MONDAY, datetime(2026, 11, 2, 9, 0), None, state="left", language="ar", interpreter="child")
    )
    visits.append(_visit(1, date(2026, 11, 3), datetime(2026, 11, 3, 13, 0), datetime(2026, 11, 3, 13, 30)))
    visits.append(_visit(2, date(2026, 11, 3), datetime(2026, 11, 3, 13, 5), None, state="no_show"))
    db.session.add_all(visits)
    db.session.commit()


def test_figures_on_fixed_data(fixed):
    found = stats.facts(MONDAY, date(2026, 11, 8))
    summary = stats.summary(found)
    assert (summary.visits, summary.left, summary.no_show) == (8, 1, 1)
    assert summary.left_rate == pytest.approx(1 / 8)
    days = stats.per_day(found, MONDAY, date(2026, 11, 8))
    assert [(d.day.day, d.visits) for d in days] == [(2, 6), (3, 2), (4, 0), (5, 0), (6, 0)]
    assert days[0].median_wait == 15 and days[0].left == 1
    weekdays, hours, slots = stats.waits_by_slot(found)
    assert hours == [9, 14]
    monday = slots[(0, 9)]
    assert (monday.count, monday.median, monday.p90) == (5, 15, 60)
    assert slots[(1, 14)].median == 30
    assert stats.languages(found) == [("ar", 4), ("uk", 2)]
    assert dict(stats.interpreter_kinds(found)) == {"phone": 2, "child": 1}


def test_stats_page_table_and_svg(client, enter, staff, fixed):
    enter(staff["lead"])
    response = client.get("/empfang/statistik?von=02.11.2026&bis=08.11.2026")
    assert response.status_code == 200
    text = response.text
    assert "<svg" in text and "<rect" in text and 'role="img"' in text
    assert " style=" not in text
    # The chart is an image with a title; the table after it holds the same figures as text.
    assert text.index("<svg") < text.index('<table class="table rc-stats-table">')
    assert "<title>02.11.: 6</title>" in text and "Mo 02.11.2026</th><td>6</td>" in text
    assert "15 / 60" in text and "12,5 %" in text and "Arabisch" in text and "Ein Kind dolmetscht" in text


def test_stats_period_errors_in_german(client, enter, staff):
    enter(staff["lead"])
    response = client.get("/empfang/statistik?von=08.11.2026&bis=02.11.2026")
    assert response.status_code == 422 and "„Bis“ liegt vor „Von“." in response.text


@pytest.mark.parametrize(
    "table, header",
    [
        ("tage", "Datum;Besuche;Median Wartezeit (Min.)"),
        ("zeiten", "Wochentag;Stunde;Besuche mit Aufruf"),
        ("sprachen", "Art;Wert;Besuche"),
    ],
)
def test_csv_is_utf8_with_bom(client, enter, staff, fixed, table, header):
    enter(staff["lead"])
    response = client.get(f"/empfang/statistik.csv?von=02.11.2026&bis=08.11.2026&tabelle={table}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith("\ufeff".encode())
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith(header)
    if table == "zeiten":
        assert "Mo;09:00;5;15;60" in text
    if table == "sprachen":
        assert "Sprache;Arabisch;4" in text and "Dolmetschung;Ein Kind dolmetscht;1" in text


def test_only_team_leads_see_statistics(client, enter, staff):
    for who in ("desk", "cm", "admin"):
        enter(staff[who])
        assert client.get("/empfang/statistik").status_code == 403
        assert client.get("/empfang/statistik.csv").status_code == 403


def test_xlsx_next_to_the_csv(client, enter, staff, fixed):
    enter(staff["lead"])
    page = client.get("/empfang/statistik?von=02.11.2026&bis=08.11.2026").text
    assert "/empfang/statistik.xlsx?von=02.11.2026&amp;bis=08.11.2026&amp;tabelle=zeiten" in page
    response = client.get("/empfang/statistik.xlsx?von=02.11.2026&bis=08.11.2026&tabelle=sprachen")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == XLSX
    assert 'filename="empfang-sprachen-2026-11-02-2026-11-08.xlsx"' in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet and "Arabisch" in strings and "Ein Kind dolmetscht" in strings
    assert client.get("/empfang/statistik.xlsx?von=08.11.2026&bis=02.11.2026").status_code == 422
    enter(staff["cm"])
    assert client.get("/empfang/statistik.xlsx").status_code == 403
