"""The preview: values read from German lists, errors naming the cell, duplicates on file and
within the list by the intake's matching."""

from datetime import date

import pytest

from kimweb.fields import DateInputError
from kimweb.imports.mapping import Mapping, find_header, propose
from kimweb.imports.plan import build_plan, importer_for
from kimweb.imports.readers import read_table
from kimweb.imports.values import read_date, read_status, split_name

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("cell", "expected", "approximate"),
    [
        ("1.2.85", date(1985, 2, 1), False),
        ("01.02.1985", date(1985, 2, 1), False),
        ("1985", date(1985, 1, 1), True),
        ("02/1985", date(1985, 2, 1), True),
        ("ca. 1980", date(1980, 1, 1), True),
        (31000, date(1984, 11, 14), False),
        ("31000", date(1984, 11, 14), False),
        (1985, date(1985, 1, 1), True),
        (date(1990, 7, 14), date(1990, 7, 14), False),
    ],
)
def test_birth_dates_in_german_forms(app, cell, expected, approximate):
    read = read_date(cell, TODAY, birth=True)
    assert (read.value, read.approximate) == (expected, approximate)


def test_a_day_that_does_not_exist(app):
    with pytest.raises(DateInputError, match="gibt es nicht"):
        read_date("31.02.1985", TODAY, birth=True)


def test_names_and_status_words(app):
    assert split_name("Yilmaz,  Ayse Nur") == ("Yilmaz", "Ayse Nur")
    assert split_name("Jan Kowalski") == ("Kowalski", "Jan")
    assert read_status("AE § 25 Abs. 2", {}).code == "aufenthaltserlaubnis"
    assert read_status("AE § 25 Abs. 2", {}).legal_basis == "§ 25 Abs. 2"
    assert read_status("NE", {}).code == "niederlassungserlaubnis"
    assert read_status("Duldung § 60b", {}).code == "duldung_60b"
    assert read_status("Gestattung", {}).code == "aufenthaltsgestattung"
    assert read_status("Fiktion", {}).code == "fiktion_81_4"
    assert read_status("Titel X", {}) is None
    assert read_status("Titel X", {"titel x": "visum"}).code == "visum"


def test_preview_of_an_office_list(app, office_list, lead, make_client):
    can = next(u for u in importer_for(lead).managers if u.username == "tcan")
    on_file = make_client(can, family="Kowalski", given="Jan", birth=date(1990, 7, 14))
    sheet = find_header(read_table(office_list))
    plan = build_plan(sheet, propose(sheet), importer_for(lead), TODAY)
    rows = {row.number: row for row in plan.rows}
    ayse = rows[5]
    assert (ayse.client["family_name"], ayse.client["given_names"]) == ("Yilmaz", "Ayse")
    assert ayse.client["birth_date"] == date(1985, 2, 1)
    assert ayse.client["case_manager_id"] == can.id
    assert ayse.client["nationalities"] == "TR"
    assert ayse.status == {
        "status_type": "aufenthaltserlaubnis",
        "legal_basis": "§ 25 Abs. 2",
        "valid_until": date(2027, 3, 31),
    }
    assert ayse.follow_up == {"title": "Verlängerung beantragen", "due_on": date(2027, 1, 15)}
    assert "Bemerkung: kommt dienstags" in ayse.note_lines
    assert ayse.decision == "new" and not ayse.errors
    # on file already: a likely duplicate to decide
    assert [h.client_id for h in rows[7].hints] == [on_file.id]
    assert rows[7].decision == ""
    # imprecise dates are flagged and kept as written
    assert any("ungenaues Datum" in w for w in rows[8].warnings)
    assert rows[8].client["birth_date_approximate"] is True
    assert "Geburtsdatum laut Liste: ca. 1980" in rows[8].note_lines
    assert rows[8].status["status_type"] == "duldung_60a"
    assert rows[9].client["birth_date"] == date(1984, 11, 14)
    # the error names the cell
    assert rows[10].errors == [
        "Zeile 10, Spalte B: „31.02.1985“ – Diesen Tag gibt es nicht. Bitte prüfen Sie Tag und Monat."
    ]
    # within the list: the same person written with ş
    assert rows[11].same_as_row == 5 and rows[11].decision == ""


def test_unknown_case_manager_and_status_are_errors_naming_the_cell(app, lead):
    from tests.imports.conftest import xlsx

    data = xlsx([["Nachname", "Vorname", "Status", "FM"], ["Test", "Anna", "Wunschtitel", "ZZ"]])
    sheet = find_header(read_table(data))
    plan = build_plan(sheet, propose(sheet), importer_for(lead), TODAY)
    errors = plan.rows[0].errors
    assert any(e.startswith("Zeile 2, Spalte C: Aufenthaltsstatus „Wunschtitel“") for e in errors)
    assert any(e.startswith("Zeile 2, Spalte D: Fallmanager/in „ZZ“") for e in errors)


def test_team_lead_cannot_import_for_another_team(app, make_user):
    from tests.imports.conftest import xlsx

    lead = make_user("team_lead", username="leitung")
    make_user("case_manager", username="fremd", display_name="Frieda Fremd", team="Sterkrade-Nord")
    data = xlsx([["Nachname", "Vorname", "Fallmanager/in"], ["Test", "Anna", "fremd"]])
    sheet = find_header(read_table(data))
    plan = build_plan(sheet, propose(sheet), importer_for(lead), TODAY)
    assert any("nicht in Ihrem Team" in e for e in plan.rows[0].errors)
    mapping = Mapping(columns=propose(sheet).columns, values={"case_manager": {"fremd": "fremd"}})
    plan = build_plan(sheet, mapping, importer_for(lead), TODAY)
    assert plan.rows[0].errors
