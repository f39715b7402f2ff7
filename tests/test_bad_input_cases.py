"""The cases the bad-input walk (test_bad_input.py) found or that the hardening issue named, kept as
regression tests that run without ../shared: odd ids and page numbers, control characters on their
way to the database (PostgreSQL refuses NUL), very long search words, malformed headers."""

import pytest
from sqlalchemy import func, select

from kimweb.auth.models import User
from kimweb.directory.models import Organization, Service
from kimweb.directory.search import indexing
from kimweb.extensions import db
from kimweb.fields import parse_id, parse_ids, parse_page, search_words, valid_url
from kimweb.textfold import fold
from tests.helpers import TEST_PASSWORD

ODD_NUMBERS = ["²", "٢", "１２", "-1", "+1", "0", " 7", "1e3", "1.0", str(2**31), str(2**63), "9" * 40, "", "a\x00"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("42", 42),
        ("007", 7),
        (str(2**31 - 1), 2**31 - 1),
        *((odd, None) for odd in ODD_NUMBERS),
        (None, None),
    ],
)
def test_parse_id_takes_ascii_digits_within_postgres_integer(text, expected):
    assert parse_id(text) == expected


def test_parse_page_and_ids():
    assert parse_page("3") == 3
    assert parse_page("²") == parse_page(str(2**63)) == parse_page("0") == parse_page(None) == 1
    assert parse_page("99999", maximum=100) == 100
    assert parse_ids(["3", "²", "1", "3", str(2**31), "x"]) == [1, 3]


def test_search_words_are_cleaned_and_cut():
    assert search_words("a\x00b\x1b ") == "ab"
    assert len(search_words("x" * 50_000)) == 200
    assert search_words(None) == ""


def test_valid_url_refuses_what_urlsplit_cannot_read():
    assert not valid_url("http://[")
    assert not valid_url("https://[::1")
    assert valid_url("https://www.oberhausen.de/")


@pytest.mark.parametrize("odd", ODD_NUMBERS[:11])
def test_odd_ids_in_routes_answer_404(client, login_as, make_client, odd):
    manager = login_as("case_manager")
    make_client(manager)
    assert client.get(f"/klienten/{odd}").status_code == 404
    assert client.get(f"/wegweiser/angebot/{odd}").status_code == 404


def test_odd_numbers_in_queries_and_forms_are_ignored(client, login_as, make_client):
    manager = login_as("team_lead")
    person = make_client(manager)
    for odd in ODD_NUMBERS:
        assert client.get("/klienten/", query_string={"seite": odd}).status_code == 200, odd
        assert client.post("/klienten/", data={"seite": odd, "q": "Hassan"}).status_code == 200, odd
        assert client.get("/aufnahme", query_string={"besuch": odd}).status_code == 200, odd
        hints = client.post("/aufnahme/dubletten", data={"family_name": "Hassan", "not_same": odd})
        assert hints.status_code == 200, odd
        consent = client.get(
            f"/klienten/{person.id}/vermittlungen/einwilligung", query_string={"angebot": odd, "vermittlung": odd}
        )
        assert consent.status_code == 200, odd
        assert client.get(f"/klienten/{person.id}/vermittlungen/neu", query_string={"angebot": odd}).status_code == 200
        timeline = client.get(f"/klienten/{person.id}/notizen", query_string={"vor": odd, "stelle": odd})
        assert timeline.status_code in (200, 404), odd
        assert client.get("/wegweiser/", query_string={"bezirk": odd, "seite": odd}).status_code == 200, odd


def test_a_50000_character_search_word_is_cut_not_a_500(client, login_as, make_client):
    """It was a 500 on SQLite ("LIKE or GLOB pattern too complex") in the caseload search."""
    person = make_client(login_as("case_manager"))
    word = "Hassan" * 10_000
    assert client.post("/klienten/", data={"q": word}).status_code == 200
    assert client.post("/klienten/", data={"q": "Al-Hassan" + "x" * 50_000}).status_code == 200
    assert client.get("/wegweiser/", query_string={"q": word}).status_code == 200
    assert client.post(f"/klienten/{person.id}/notizen/suche", data={"q": word}).status_code == 200
    assert client.post("/notizen/teamsuche", data={"q": word}).status_code in (200, 403, 404)


def _service() -> Service:
    organization = Organization(name="Testträger")
    db.session.add(organization)
    db.session.flush()
    service = Service(name="Testangebot", sort_key=fold("Testangebot"), organization_id=organization.id)
    db.session.add(service)
    db.session.flush()
    indexing.reindex([service.id])
    db.session.commit()
    return service


def test_control_characters_never_reach_the_database(client, login_as, make_client):
    """PostgreSQL refuses NUL in text: every search box and field strips control characters."""
    person = make_client(login_as("case_manager"))
    service = _service()
    nul = "Has\x00san\x1b"
    assert client.post("/klienten/", data={"q": nul}).status_code == 200
    assert client.post(f"/klienten/{person.id}/notizen/suche", data={"q": nul}).status_code == 200
    assert client.get("/wegweiser/", query_string={"q": nul, "bereich": nul}).status_code == 200
    tip = client.post(f"/wegweiser/angebot/{service.id}/tipps", data={"text": "Diens\x00tags", "review_on": ""})
    assert tip.status_code in (303, 422)
    suggestion = client.post(f"/wegweiser/angebot/{service.id}/vorschlag", data={"text": "Neue\x00 Nummer"})
    assert suggestion.status_code in (200, 303)


def test_admin_user_form_strips_control_characters(client, login_as):
    login_as("admin")
    response = client.post(
        "/admin/benutzer/neu",
        data={
            "username": "neu\x00.kollegin",
            "display_name": "Neue\x00 Kollegin",
            "role": "reception",
            "team_id": "",
            "new_password": TEST_PASSWORD,
            "new_password_again": TEST_PASSWORD,
        },
    )
    assert response.status_code in (303, 422)
    names = db.session.scalars(select(User.display_name).where(func.lower(User.username).like("neu%"))).all()
    assert all("\x00" not in name for name in names)


@pytest.mark.parametrize("header", ["http://[", "http://\x00/x", "h" * 10_000, "//evil.example/x", "/klienten/\x01"])
def test_malformed_hx_current_url(client, login_as, header):
    """An expired session's htmx request goes to the login page; a live one is answered normally."""
    expired = client.get("/klienten/", headers={"HX-Request": "true", "HX-Current-URL": header})
    assert expired.status_code == 401
    assert expired.headers["HX-Redirect"].startswith("/login")
    assert "evil" not in expired.headers["HX-Redirect"]
    login_as("case_manager")
    assert client.get("/klienten/", headers={"HX-Request": "true", "HX-Current-URL": header}).status_code == 200


def test_odd_numbers_in_reports_and_data_protection_pages_are_ignored(client, login_as, make_user):
    lead = login_as("team_lead")
    for odd in ODD_NUMBERS:
        assert client.get("/berichte/sachbericht", query_string={"jahr": odd}).status_code == 200, odd
        assert client.get("/berichte/kim/faelle", query_string={"fm": odd}).status_code in (200, 422), odd
        assert client.post("/datenschutz/aufbewahrung", data={"client_id": odd}).status_code in (302, 303), odd
    login_as("dpo")
    for odd in ODD_NUMBERS:
        response = client.post("/datenschutz/protokoll", data={"person": odd})
        assert response.status_code in (200, 422), odd
    assert lead.id
