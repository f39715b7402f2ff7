"""Search as you type: folding, prefixes and compounds, one typo, synonyms, ranking, filters, URLs."""

import pytest

from kimweb.directory.search.results import PAGE_SIZE
from kimweb.directory.search.vocabulary import Vocabulary, expand, within_one_edit
from tests.helpers import shared_data, titles


@pytest.fixture
def staff(login_as):
    return login_as("case_manager")


def search(client, **params):
    response = client.get("/wegweiser/", query_string=params)
    assert response.status_code == 200
    return titles(response)


def test_german_folding_finds_umlauts_either_way(client, staff, make_service):
    make_service("Beratung für Flüchtlinge")
    make_service("Straßensozialarbeit")
    assert search(client, q="fluechtlinge") == ["Beratung für Flüchtlinge"]
    assert search(client, q="FLÜCHTLINGE") == ["Beratung für Flüchtlinge"]
    assert search(client, q="Strassensozialarbeit") == ["Straßensozialarbeit"]


def test_prefix_and_inner_parts_of_compounds(client, staff, make_service):
    make_service("Sprachkurs am Abend")
    make_service("Integrationssprachkurs")
    make_service("Schuldnerberatung")
    assert sorted(search(client, q="Sprach")) == ["Integrationssprachkurs", "Sprachkurs am Abend"]
    assert search(client, q="Sprach")[0] == "Sprachkurs am Abend"  # a prefix beats an inner part


def test_one_typo_in_longer_words_only(client, staff, make_service):
    make_service("Schuldnerberatung")
    make_service("Kita Sonnenblume")
    assert search(client, q="Schuldnerberatnug") == ["Schuldnerberatung"]  # swapped letters
    assert search(client, q="Schuldnerbeartung") == ["Schuldnerberatung"]
    assert search(client, q="Schulderberatung") == ["Schuldnerberatung"]  # one letter missing
    assert search(client, q="Kiat") == []  # short words need the exact letters


def test_synonyms_and_their_table_can_be_edited(client, login_as, make_service):
    make_service("Ausländerbehörde – Aufenthaltstitel")
    make_service("Jobcenter Leistungen")
    login_as("admin")
    assert search(client, q="ABH") == ["Ausländerbehörde – Aufenthaltstitel"]
    assert search(client, q="jc") == ["Jobcenter Leistungen"]
    assert search(client, q="Arbeitsamt") == []
    response = client.post("/wegweiser/synonyme", data={"term": "Arbeitsamt", "expansion": "Jobcenter"})
    assert response.status_code == 303
    assert search(client, q="Arbeitsamt") == ["Jobcenter Leistungen"]
    response = client.post("/wegweiser/synonyme", data={"term": "zwei Wörter", "expansion": "Jobcenter"})
    assert response.status_code == 422
    assert "Bitte genau ein Wort" in response.text


def test_name_matches_rank_before_agency_and_description_matches(client, staff, make_service):
    make_service("Allgemeine Sozialberatung", description="Hier gibt es auch Schuldnerberatung.")
    make_service("Offene Sprechstunde", organization="Schuldnerberatung Ruhr e. V.")
    make_service("Schuldnerberatung")
    assert search(client, q="schuldnerberatung") == [
        "Schuldnerberatung",
        "Offene Sprechstunde",
        "Allgemeine Sozialberatung",
    ]


def test_several_words_must_all_match(client, staff, make_service):
    make_service("Sprachkurs mit Kinderbetreuung")
    make_service("Sprachkurs am Abend")
    assert search(client, q="sprachkurs kinder") == ["Sprachkurs mit Kinderbetreuung"]


def test_filters_combine_with_text(client, staff, make_service):
    make_service("Migrationsberatung A", languages=[("ar", "staff")], areas=["aufenthalt"], capacity="accepting")
    make_service("Migrationsberatung B", languages=[("ar", "phone_interpreter")], areas=["aufenthalt"])
    make_service("Migrationsberatung C", languages=[("tr", "staff")], areas=["sprache"], capacity="waitlist")
    assert search(client, q="migration", sprache="ar") == ["Migrationsberatung A", "Migrationsberatung B"]
    assert search(client, q="migration", sprache="ar", modus="staff") == ["Migrationsberatung A"]
    assert search(client, q="migration", bereich="sprache") == ["Migrationsberatung C"]
    assert search(client, q="migration", aufnahme="1") == ["Migrationsberatung A"]


def test_district_filter_includes_citywide_services(client, staff, make_service, app):
    from kimweb.auth.models import Team
    from kimweb.directory.models import ServiceArea
    from kimweb.extensions import db

    osterfeld = db.session.query(Team).filter_by(name="Osterfeld").one()
    lirich = db.session.query(Team).filter_by(name="Alstaden/Lirich").one()
    local = make_service("Quartiersbüro Osterfeld")
    elsewhere = make_service("Quartiersbüro Lirich")
    make_service("Quartiersbüro Stadtweit")
    local.areas.append(ServiceArea(district_id=osterfeld.id))
    elsewhere.areas.append(ServiceArea(district_id=lirich.id))
    db.session.commit()
    assert search(client, q="quartiersbuero", bezirk=osterfeld.id) == [
        "Quartiersbüro Osterfeld",
        "Quartiersbüro Stadtweit",
    ]


def test_inactive_services_only_on_request(client, staff, make_service):
    make_service("Altes Angebot", status="defunct")
    make_service("Neues Angebot")
    assert search(client, q="angebot") == ["Neues Angebot"]
    assert search(client, q="angebot", alle="1") == ["Altes Angebot", "Neues Angebot"]


def test_htmx_answers_a_fragment_with_the_count_out_of_band(client, staff, make_service):
    make_service("Sprachkurs am Abend")
    response = client.get("/wegweiser/?q=sprach", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="result-count"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "1 Angebot gefunden" in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_plain_get_form_works_without_javascript(client, staff, make_service):
    make_service("Sprachkurs am Abend")
    response = client.get("/wegweiser/?q=sprach&sprache=&bezirk=&geoeffnet=")
    assert "<html" in response.text
    assert 'method="get"' in response.text and 'name="q"' in response.text and 'value="sprach"' in response.text
    assert 'hx-trigger="input changed delay:300ms, search"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert titles(response) == ["Sprachkurs am Abend"]


def test_paging(client, staff, make_service):
    for n in range(PAGE_SIZE + 3):
        make_service(f"Beratung {n:02d}")
    assert len(search(client, q="beratung")) == PAGE_SIZE
    assert search(client, q="beratung", seite="2") == ["Beratung 20", "Beratung 21", "Beratung 22"]
    response = client.get("/wegweiser/?q=beratung&seite=99")
    assert response.status_code == 200 and "23 Angebote gefunden" in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"bezirk": "x"},
        {"bezirk": "9" * 30},
        {"seite": "-1"},
        {"seite": "99999999999"},
        {"sprache": "<script>"},
        {"geoeffnet": "immer"},
        {"q": "%" * 500},
        {"q": "'; DROP TABLE service; --"},
        {"q": "\x00"},
    ],
)
def test_odd_urls_never_fail(client, staff, make_service, params):
    make_service("Sprachkurs")
    response = client.get("/wegweiser/", query_string=params)
    assert response.status_code == 200
    assert "<script>" not in response.text.split("</head>")[1]


def test_naughty_strings_are_escaped(client, staff, make_service):
    path = shared_data("blns.txt")
    make_service("Sprachkurs")
    lines = [
        line
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line and not line.startswith("#")
    ]
    for line in lines[::3]:
        response = client.get("/wegweiser/", query_string={"q": line}, headers={"HX-Request": "true"})
        assert response.status_code == 200, line
        assert "<script>alert" not in response.text


def test_vocabulary_expansion_unit():
    vocab = Vocabulary(["sprachkurs", "integrationssprachkurs", "schuldnerberatung", "amt", "jugendamt", "gesamt"])
    found = expand("sprach", vocab)
    assert found["sprachkurs"] > found["integrationssprachkurs"]
    assert "jugendamt" in expand("amt", vocab) and expand("amt", vocab)["amt"] == 3
    assert "schuldnerberatung" in expand("schuldnerberatng", vocab)
    assert within_one_edit("beratung", "beartung") and not within_one_edit("beratung", "bratnug")
