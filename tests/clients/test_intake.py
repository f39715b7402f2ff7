"""Intake: a new file with its case number, German messages, household rows, duplicate hints."""

import re
from datetime import date

from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.auth.models import Team
from kimweb.clients.models import Client, ClientDistinct, HouseholdMember
from kimweb.extensions import db
from tests.helpers import intake_data

HX = {"HX-Request": "true"}


def test_intake_creates_the_file_and_goes_there(client, login_as):
    manager = login_as("case_manager")
    response = client.post(
        "/aufnahme",
        data=intake_data(
            name_original="Олена Коваленко",
            languages=["uk", "ru"],
            nationalities=["UA"],
            interpreter_needed="y",
            interpreter_language="uk",
            postcode="46119",
            **{
                "household-0-family_name": "Kovalenko",
                "household-0-given_names": "Sofiia",
                "household-0-relation": "child",
                "household-0-birth_date": "18.4.12",
            },
        ),
    )
    assert response.status_code == 303
    person = db.session.scalar(select(Client))
    assert response.headers["Location"].endswith(f"/klienten/{person.id}")
    assert person.case_number.startswith("KIM-") and person.case_number.endswith("-00001")
    assert person.birth_date == date(1979, 2, 1)
    assert person.case_manager_id == manager.id
    assert person.languages == "uk ru" and person.nationalities == "UA"
    assert person.district_id == db.session.scalar(select(Team.id).where(Team.name == "Osterfeld"))
    assert [(m.given_names, m.birth_date) for m in person.household] == [("Sofiia", date(2012, 4, 18))]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "client.created"))
    assert event.object_id == str(person.id)
    assert "Kovalenko" not in (event.detail or "") and "Olena" not in (event.detail or "")
    page = client.get(f"/klienten/{person.id}")
    assert page.status_code == 200
    assert "Олена Коваленко" in page.text and person.case_number in page.text


def test_invalid_intake_answers_422_in_german_and_keeps_the_text(client, login_as):
    login_as("case_manager")
    response = client.post(
        "/aufnahme",
        data=intake_data(
            family_name="",
            given_names="Olena",
            birth_date="31.02.1990",
            postcode="461",
            email="kein-at",
            access_route="referred",
        ),
    )
    assert response.status_code == 422
    text = response.text
    assert "Bitte geben Sie den Familiennamen ein." in text
    assert "Diesen Tag gibt es nicht" in text
    assert "fünf Ziffern" in text
    assert "gültige E-Mail-Adresse" in text
    assert "die die Person vermittelt hat" in text
    assert 'value="31.02.1990"' in text and 'value="Olena"' in text
    assert 'aria-invalid="true"' in text
    assert db.session.scalar(select(func.count()).select_from(Client)) == 0


def test_future_birth_date_is_refused(client, login_as):
    login_as("case_manager")
    response = client.post("/aufnahme", data=intake_data(birth_date="01.01.2999"))
    assert response.status_code == 422
    assert "Bitte prüfen Sie das Jahr" in response.text
    response = client.post(
        "/aufnahme", data=intake_data(birth_date=date.today().replace(year=date.today().year + 1).strftime("%d.%m.%Y"))
    )
    assert "nicht in der Zukunft" in response.text


def test_a_year_alone_is_an_approximate_birth_date(client, login_as):
    login_as("case_manager")
    assert client.post("/aufnahme", data=intake_data(birth_date="1979")).status_code == 303
    person = db.session.scalar(select(Client))
    assert (person.birth_date, person.birth_date_approximate) == (date(1979, 1, 1), True)


def test_names_of_200_characters_in_any_script(client, login_as):
    login_as("case_manager")
    long_name = ("Ὀδυσσεύς 李小龍 محمد " * 20)[:200].strip()
    response = client.post("/aufnahme", data=intake_data(family_name=long_name, given_names="Ἀθηνᾶ"))
    assert response.status_code == 303
    assert db.session.scalar(select(Client.family_name)) == long_name
    too_long = client.post("/aufnahme", data=intake_data(family_name="x" * 201))
    assert too_long.status_code == 422 and "Höchstens 200 Zeichen." in too_long.text


def test_duplicate_hints_while_typing_show_only_what_colleagues_may_see(
    client, login_as, make_user, make_client, add_status
):
    colleague = make_user("case_manager", team="Sterkrade-Mitte", display_name="Sabine Kollegin")
    other = make_client(colleague, "Al-Hassan", "Mohammed", date(1985, 3, 12), phone="0208 111", street="Geheimweg 1")
    add_status(other, status_type="duldung_60a", legal_basis="GEHEIM-STATUS", valid_until=date(2030, 1, 1))
    login_as("case_manager")
    response = client.post(
        "/aufnahme/dubletten",
        headers=HX,
        data={"family_name": "Alhasan", "given_names": "Muhamad", "birth_date": "12.3.85"},
    )
    assert response.status_code == 200
    text = response.text
    assert "Al-Hassan, Mohammed" in text and "1985" in text
    assert "Sterkrade-Mitte" in text and "Sabine Kollegin" in text
    for secret in ("0208 111", "Geheimweg", "GEHEIM-STATUS", "12.03.1985", other.case_number):
        assert secret not in text
    # A colleague's client: no link into a file the user may not open.
    assert f"/klienten/{other.id}" not in text
    assert "ansprechen" in text


def test_own_client_hint_links_to_the_file(client, login_as, make_client):
    me = login_as("case_manager")
    mine = make_client(me, "Yılmaz", "Ayşe", date(1970, 2, 14))
    response = client.post(
        "/aufnahme/dubletten",
        headers=HX,
        data={"family_name": "Yilmaz", "given_names": "Ayse", "birth_date": "14.02.1970"},
    )
    assert f'href="/klienten/{mine.id}"' in response.text


def test_not_the_same_person_is_remembered(client, login_as, make_user, make_client):
    colleague = make_user("case_manager")
    other = make_client(colleague, "Müller", "Hans", date(1960, 5, 5))
    login_as("case_manager")
    data = intake_data(family_name="Mueller", given_names="Hans", birth_date="05.05.1960")
    blocked = client.post("/aufnahme", data=data)
    assert blocked.status_code == 422
    assert "mögliche Dubletten" in blocked.text
    # The button "Nicht dieselbe Person" (htmx fragment) keeps the decision in a hidden field.
    dismissed = client.post("/aufnahme/dubletten", headers=HX, data={**data, "not_same_add": str(other.id)})
    assert f'name="not_same" value="{other.id}"' in dismissed.text
    assert "Müller, Hans" not in dismissed.text
    created = client.post("/aufnahme", data={**data, "not_same": str(other.id)})
    assert created.status_code == 303
    new = db.session.scalar(select(Client).where(Client.id != other.id))
    pair = db.session.scalar(select(ClientDistinct))
    assert (pair.client_id, pair.other_id) == tuple(sorted((new.id, other.id)))


def test_not_the_same_works_without_javascript(client, login_as, make_user, make_client):
    other = make_client(make_user("case_manager"), "Müller", "Hans", date(1960, 5, 5))
    login_as("case_manager")
    data = intake_data(family_name="Mueller", given_names="Hans", birth_date="05.05.1960")
    page = client.post("/aufnahme", data={**data, "not_same_add": str(other.id)})
    assert page.status_code == 200
    assert f'name="not_same" value="{other.id}"' in page.text


def test_household_rows_added_and_removed_with_htmx(client, login_as):
    login_as("case_manager")
    added = client.post(
        "/klienten/haushalt-zeilen",
        headers=HX,
        data={
            "rows": "household",
            "add_member": "1",
            "household-0-family_name": "Erste",
            "household-0-given_names": "A",
        },
    )
    assert added.status_code == 200
    assert 'name="household-1-family_name"' in added.text and 'value="Erste"' in added.text
    # A new row starts with the family name typed above.
    assert re.search(
        r'id="household-1-family_name"[^>]*value="Kovalenko"|value="Kovalenko"[^>]*id="household-1-family_name"',
        client.post(
            "/klienten/haushalt-zeilen",
            headers=HX,
            data={
                "rows": "household",
                "add_member": "1",
                "family_name": "Kovalenko",
                "household-0-family_name": "Erste",
            },
        ).text,
    )
    assert "data-focus-after-swap" in added.text
    removed = client.post(
        "/klienten/haushalt-zeilen",
        headers=HX,
        data={
            "rows": "household",
            "remove_member": "0",
            "household-0-family_name": "Erste",
            "household-1-family_name": "Zweite",
            "household-1-birth_date": "kaputt",
        },
    )
    assert 'name="household-0-family_name"' in removed.text and 'value="Zweite"' in removed.text
    assert 'value="kaputt"' in removed.text
    assert "Erste" not in removed.text and "household-1-" not in removed.text


def test_household_rows_without_javascript(client, login_as):
    login_as("case_manager")
    page = client.post("/aufnahme", data=intake_data(add_member="1"))
    assert page.status_code == 200
    assert 'name="household-0-family_name"' in page.text
    assert 'value="Kovalenko"' in page.text
    assert db.session.scalar(select(func.count()).select_from(HouseholdMember)) == 0


def test_invalid_household_row_is_refused(client, login_as):
    login_as("case_manager")
    response = client.post(
        "/aufnahme", data=intake_data(**{"household-0-given_names": "", "household-0-birth_date": "30.02.2010"})
    )
    assert response.status_code == 422
    assert "Diesen Tag gibt es nicht" in response.text


def test_district_is_suggested_from_postcode_and_street(client, login_as):
    login_as("case_manager")
    response = client.post(
        "/klienten/sozialraum", headers=HX, data={"postcode": "46117", "street": "Vestische Str. 12"}
    )
    osterfeld = db.session.scalar(select(Team.id).where(Team.name == "Osterfeld"))
    assert f'<option selected value="{osterfeld}">' in response.text or f'value="{osterfeld}" selected' in response.text
    assert "Nach PLZ und Straße: Osterfeld" in response.text
    other = client.post("/klienten/sozialraum", headers=HX, data={"postcode": "46117", "street": "Lindnerstraße 1"})
    assert "Oberhausen-Ost" in other.text


def test_team_lead_assigns_intake_to_a_team_member(client, login_as, make_user):
    member = make_user("case_manager", team="Osterfeld")
    outsider = make_user("case_manager", team="Sterkrade-Nord")
    login_as("team_lead", team="Osterfeld")
    refused = client.post("/aufnahme", data=intake_data(case_manager_id=str(outsider.id)))
    assert refused.status_code == 422
    assert client.post("/aufnahme", data=intake_data(case_manager_id=str(member.id))).status_code == 303
    assert db.session.scalar(select(Client.case_manager_id)) == member.id


def test_case_manager_cannot_assign_intake_to_someone_else(client, login_as, make_user):
    colleague = make_user("case_manager")
    me = login_as("case_manager")
    assert client.post("/aufnahme", data=intake_data(case_manager_id=str(colleague.id))).status_code == 303
    assert db.session.scalar(select(Client.case_manager_id)) == me.id


def test_intake_without_csrf_token_is_refused(client, login_as):
    login_as("case_manager")
    assert client.post("/aufnahme", data=intake_data(), csrf=False).status_code == 400
    assert client.post("/aufnahme/dubletten", data=intake_data(), csrf=False).status_code == 400
