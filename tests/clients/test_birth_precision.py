"""Birth dates known only to the month ("03.1985", "3/1985") or the year ("1985"): accepted in the
client forms, stored with their precision, shown as such everywhere; full dates unchanged; age,
duplicate hints, reception and the Art. 15 export keep working."""

import io
import json
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from kimweb.clients.matching.scoring import PersonQuery, score
from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.fields import MONTH, YEAR, DateInputError, parse_date, show_partial_date
from kimweb.kim_reports.facts import CaseFact
from tests.helpers import intake_data

TODAY = date(2026, 11, 21)
HX = {"HX-Request": "true"}


@pytest.mark.parametrize("typed", ["03.1985", "3.1985", "3/1985", "03/1985", " 3 / 1985 "])
def test_month_and_year(typed):
    parsed = parse_date(typed, TODAY, birth=True, months=True)
    assert (parsed.value, parsed.precision, parsed.approximate) == (date(1985, 3, 1), MONTH, False)
    assert show_partial_date(parsed.value, parsed.precision) == "03.1985"


def test_month_and_year_only_where_the_precision_is_stored():
    with pytest.raises(DateInputError):
        parse_date("03.1985", TODAY, birth=True)  # household rows, other dates
    with pytest.raises(DateInputError, match="Diesen Monat gibt es nicht"):
        parse_date("13.1985", TODAY, birth=True, months=True)
    with pytest.raises(DateInputError, match="Zukunft"):
        parse_date("12.2026", TODAY, birth=True, months=True)
    assert parse_date("1985", TODAY, birth=True, months=True).precision == YEAR
    assert parse_date("1.2.90", TODAY, birth=True, months=True).value == date(1990, 2, 1)


def _intake(client, typed: str, family: str = "Kovalenko") -> Client:
    response = client.post("/aufnahme", data=intake_data(birth_date=typed, family_name=family))
    assert response.status_code == 303, response.text
    return db.session.scalar(select(Client).order_by(Client.id.desc()))


def test_intake_stores_and_shows_month_and_year(client, login_as):
    login_as("case_manager")
    person = _intake(client, "3/1985")
    assert (person.birth_date, person.birth_date_precision, person.birth_date_approximate) == (
        date(1985, 3, 1),
        "month",
        False,
    )
    page = client.get(f"/klienten/{person.id}").text
    assert "03.1985" in page and "01.03.1985" not in page
    form = client.get(f"/klienten/{person.id}/stammdaten", headers=HX).text
    assert 'value="03.1985"' in form
    caseload = client.get("/klienten/").text
    assert "03.1985" in caseload and "01.03.1985" not in caseload


def test_a_year_alone_and_a_full_date(client, login_as):
    login_as("case_manager")
    year = _intake(client, "1985")
    assert (year.birth_date, year.birth_date_precision, year.birth_date_approximate) == (date(1985, 1, 1), "year", True)
    assert "ca. 1985" in client.get(f"/klienten/{year.id}").text
    full = _intake(client, "12.03.1985", "Papadopoulos")
    assert (full.birth_date, full.birth_date_precision) == (date(1985, 3, 12), "day")
    assert "12.03.1985" in client.get(f"/klienten/{full.id}").text


def test_editing_keeps_or_changes_the_precision(client, login_as, make_client):
    owner = login_as("case_manager")
    person = make_client(owner)
    assert person.birth_date_precision == "day"  # existing full dates stay as they are
    data = {"family_name": "Al-Hassan", "given_names": "Mohammed", "birth_date": "03.1985", "version": "1"}
    assert client.post(f"/klienten/{person.id}/stammdaten", data=data, headers=HX).status_code == 303
    db.session.expire_all()
    stored = db.session.get(Client, person.id)
    assert (stored.birth_date, stored.birth_date_precision) == (date(1985, 3, 1), "month")
    data.update(birth_date="12.03.1985", version="2")
    assert client.post(f"/klienten/{person.id}/stammdaten", data=data, headers=HX).status_code == 303
    db.session.expire_all()
    assert db.session.get(Client, person.id).birth_date_precision == "day"


def test_duplicate_hints_with_month_and_year(client, login_as, make_user, make_client):
    colleague = make_user("case_manager")
    make_client(colleague, "Al-Hassan", "Mohammed", date(1985, 3, 12))
    login_as("case_manager")
    found = client.post(
        "/aufnahme/dubletten",
        headers=HX,
        data={"family_name": "Al-Hassan", "given_names": "Mohammed", "birth_date": "03.1985"},
    )
    assert "Al-Hassan, Mohammed" in found.text
    other_year = client.post(
        "/aufnahme/dubletten",
        headers=HX,
        data={"family_name": "Al-Hassan", "given_names": "Mohammed", "birth_date": "03.1991"},
    )
    assert "Al-Hassan, Mohammed" not in other_year.text
    same = PersonQuery("Al-Hassan", "Mohammed", birth_date=date(1985, 3, 1), birth_month_only=True)
    on_file = PersonQuery("Al-Hassan", "Mohammed", birth_date=date(1985, 3, 12))
    wrong_month = PersonQuery("Al-Hassan", "Mohammed", birth_date=date(1985, 9, 12))
    assert score(same, on_file) >= 0.9 > score(same, wrong_month)


def test_age_by_birth_year_and_reception_and_export(client, login_as, make_client, enter, make_user):
    owner = login_as("case_manager")
    person = make_client(owner, birth=date(1985, 3, 1), birth_date_precision="month")
    fact = CaseFact.__new__(CaseFact)
    object.__setattr__(fact, "birth_date", person.birth_date)
    assert fact.age_on(date(2026, 1, 1)) == 41
    response = client.post(f"/klienten/{person.id}/auskunft")
    assert response.status_code == 200
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("auskunft.json"))
    assert '"birth_date_precision": "month"' in json.dumps(data)
    enter(make_user("reception"))
    desk = client.post("/empfang/suche", data={"q": "Mohammed Al-Hassan"}, headers=HX)
    assert desk.status_code == 200 and "geb. 1985" in desk.text
