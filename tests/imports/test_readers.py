"""Reading lists: XLSX with title rows and merged headers, ODS, CSV in German Excel's encodings,
and broken files with a German message."""

import io
import zipfile
from datetime import date

import pytest

from kimweb.imports.mapping import find_header, propose
from kimweb.imports.readers import TableError, read_table
from tests.imports.conftest import OFFICE_ROWS, ods, xlsx


def test_xlsx_header_found_below_title_and_merged_group_row(app, office_list):
    sheet = find_header(read_table(office_list, "liste.xlsx"))
    assert sheet.header_row == 4
    assert sheet.columns[:4] == ["Name", "Geb.-Datum", "Aufenthaltsstatus", "gültig bis"]
    assert "XLSX" in sheet.detected
    # the empty row is gone, the others keep their spreadsheet numbers
    assert [number for number, _values in sheet.rows] == [5, 7, 8, 9, 10, 11]
    mapping = propose(sheet)
    assert mapping.columns["Name"] == "full_name"
    assert mapping.columns["Geb.-Datum"] == "birth_date"
    assert mapping.columns["gültig bis"] == "status_valid_until"
    assert mapping.columns["Staatsang."] == "nationalities"
    assert mapping.columns["Fallmanager/in"] == "case_manager"
    assert mapping.columns["nächster Schritt"] == "next_step"
    assert mapping.columns["Wiedervorlage"] == "follow_up_on"


def test_formulas_are_read_as_their_saved_values_never_evaluated(app):
    # openpyxl writes no cached value for a formula: read with data_only it is empty, not run.
    data = xlsx([["Nachname", "Vorname", "Notiz"], ["Test", "Anna", "=1+1"], ["Zwei", "Bea", '=HYPERLINK("http://x")']])
    sheet = find_header(read_table(data))
    assert [values for _n, values in sheet.rows] == [["Test", "Anna"], ["Zwei", "Bea"]]


def test_ods(app):
    data = ods(
        [["Familienname", "Vorname", "Geburtsdatum"], ["Haddad", "Rania", date(1980, 5, 1)], ["Can", "Ali", 1985]]
    )
    sheet = find_header(read_table(data, "liste.ods"))
    assert "ODS" in sheet.detected
    assert sheet.rows[0][1] == ["Haddad", "Rania", date(1980, 5, 1)]
    assert sheet.rows[1][1] == ["Can", "Ali", 1985]


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter", "expected"),
    [
        ("cp1252", b"", ";", "Semikolon, Zeichensatz Windows-1252"),
        ("utf-8", b"\xef\xbb\xbf", ";", "Semikolon, Zeichensatz UTF-8 mit BOM"),
        ("utf-8", b"", ",", "Komma, Zeichensatz UTF-8"),
        ("utf-8", b"", "\t", "Tabulator, Zeichensatz UTF-8"),
    ],
)
def test_csv_encodings_and_separators(app, encoding, bom, delimiter, expected):
    text = (
        delimiter.join(["Nachname", "Vorname", "Straße"])
        + "\r\n"
        + delimiter.join(["Müller", "Jürgen", "Großstraße 1"])
        + "\r\n"
    )
    sheet = find_header(read_table(bom + text.encode(encoding), "liste.csv"))
    assert expected in sheet.detected
    assert sheet.rows[0][1] == ["Müller", "Jürgen", "Großstraße 1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leer"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "kennwortgeschützt"),
        (b"PK\x03\x04broken", "beschädigt"),
        (b"<html><body>no</body></html>", "keine Tabelle"),
        (b"\x00\x01\x02binary", "keine Tabelle"),
    ],
)
def test_broken_files_give_a_german_message(app, data, message):
    with pytest.raises(TableError) as caught:
        read_table(data, "x.xlsx")
    assert message in caught.value.message


def test_zip_that_is_not_a_table(app):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(TableError, match="keine Tabelle"):
        read_table(out.getvalue())


def test_limits(app):
    with pytest.raises(TableError, match="20 MB"):
        read_table(b"a;b\n" * (6 * 1024 * 1024))
    rows = "Nachname;Vorname\r\n" + "X;Y\r\n" * 20_100
    with pytest.raises(TableError, match="20.000"):
        find_header(read_table(rows.encode()))


def test_office_rows_fixture_has_the_shapes(app):
    assert OFFICE_ROWS[0] == ["Fallliste Osterfeld – Stand 11/2026"]
