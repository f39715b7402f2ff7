"""Lists in the shapes German offices really have, made by the tests themselves (openpyxl, odfpy)."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from kimweb.extensions import db


def xlsx(rows, merges=(), title="Liste") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    book.close()
    return out.getvalue()


def ods(rows) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Fälle")
    for row in rows:
        table_row = TableRow()
        for value in row:
            if isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d.%m.%Y")))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=str(value))
                cell.addElement(P(text=str(value)))
            elif value is None:
                cell = TableCell()
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


# A case manager's list as it really looks: a title row, a merged group header above the
# headers, headers with trailing spaces, empty rows, mixed date forms, one "Name" column.
OFFICE_ROWS = [
    ["Fallliste Osterfeld – Stand 11/2026"],
    [],
    ["Person", None, "Aufenthalt", None, None, "Betreuung"],
    [
        "Name ",
        "Geb.-Datum",
        "Aufenthaltsstatus",
        "gültig bis ",
        "Staatsang.",
        "Fallmanager/in",
        "Sozialraum",
        "Telefon",
        "nächster Schritt",
        "Wiedervorlage",
        "Bemerkung",
    ],
    [
        "Yilmaz, Ayse",
        "1.2.85",
        "AE § 25 Abs. 2",
        datetime(2027, 3, 31),
        "Türkei",
        "TC",
        "Osterfeld",
        "0208 123456",
        "Verlängerung beantragen",
        "15.01.2027",
        "kommt dienstags",
    ],
    [],
    ["Kowalski, Jan", datetime(1990, 7, 14), "EU", None, "Polen", "TC", "", "", "", "", ""],
    ["Haddad, Rania", "ca. 1980", "Duldung", "02/2027", "Syrien", "TC", "Osterfeld", "", "", "", ""],
    ["Petrenko, Olena", 31000, "Fiktion", "28.02.2027", "Ukraine", "TC", "Osterfeld", "", "", "", ""],
    ["Müller, Fehlerhaft", "31.02.1985", "AE", "", "", "TC", "", "", "", "", ""],
    ["Yilmaz, Ayşe", "01.02.1985", "AE", "", "Türkei", "TC", "", "", "", "", ""],
]


@pytest.fixture
def office_list():
    return xlsx(OFFICE_ROWS, merges=["A3:B3", "C3:E3"])


@pytest.fixture
def lead(make_user):
    """A team lead of Osterfeld and a case manager of the team with initials TC."""
    team_lead = make_user("team_lead", username="leitung", display_name="Lea Leitung")
    make_user("case_manager", username="tcan", display_name="Tarik Can")
    return team_lead


@pytest.fixture
def commit():
    def _commit():
        db.session.commit()

    return _commit
