"""The search as German is typed: folding, stems, compounds, everyday words, words that are filters, typos,
and the empty result that says why; in isolation and against the demo directory."""

import pytest

from kimweb.directory.choices import LANGUAGES, language_code, language_name
from kimweb.directory.search.filters import Filters, query_without_filter_words, words_as_filters
from kimweb.directory.search.vocabulary import (
    Vocabulary,
    coordinated,
    query_words,
    search_words,
    stem,
    surface,
    weighted_tokens,
    within_two_edits,
    word_keys,
)
from kimweb.extensions import db
from kimweb.textfold import fold
from tests.helpers import titles


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Auslanderbehorde", "Ausländerbehörde"),
        ("Auslaenderbehoerde", "Ausländerbehörde"),
        ("arztin", "Ärztin"),
        ("STRASSE", "Straße"),
        ("Yildiz", "Yıldız"),
        ("YILDIZ", "Yıldız"),
        ("Istanbul", "İstanbul"),
        ("Ayse Cagri Dogan", "Ayşe Çağrı Doğan"),
        ("Jose", "José"),
    ],
)
def test_folding_matches_umlauts_their_spellings_and_accents(typed, stored):
    assert [word_keys(w) for w in fold(typed).split()] == [word_keys(w) for w in fold(stored).split()]


def test_quelle_keeps_its_ue():
    assert surface("quelle") == "quelle"
    assert surface("fuer") == "fur"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Flüchtlinge", "Flüchtling"),
        ("Beratungen", "Beratung"),
        ("Ärztinnen", "Ärztin"),
        ("Integrationskurse", "Integrationskurs"),
        ("Wohnungen", "Wohnung"),
        ("Kindes", "Kind"),
    ],
)
def test_stemming_lets_word_forms_find_each_other(one, other):
    """Snowball's stems are not always equal ("arztinn", "arztin"), but one form's key begins the other's."""

    def finds(query, text):
        return any(key.startswith(q) for q in word_keys(fold(query)) for key in word_keys(fold(text)))

    assert finds(one, other) and finds(other, one)
    assert stem(surface(fold("Flüchtlinge"))) == stem(surface(fold("Flüchtling"))) == "fluchtling"


def test_index_and_query_use_the_same_keys():
    tokens = weighted_tokens([("Beratung für Flüchtlinge", 1)])
    assert {"beratung", "berat", "fluchtlinge", "fluchtling"} <= set(tokens)
    assert "fur" not in tokens  # a stop word
    assert search_words("Beratung für Flüchtlinge") == ["beratung", "fluchtlinge"]
    assert query_words("Beratung für Flüchtlinge") == ["beratung", "fluechtlinge"]  # notes and documents: as before


def test_hyphenated_coordination_expands_to_both_compounds():
    assert "schuldnerberatung" in coordinated("Schuldner- und Insolvenzberatung")
    assert "sprachforderung" in coordinated("Sprach-, Lern- oder Hausaufgabenförderung")
    assert "schuldnerberatung" in weighted_tokens([("Schuldner- und Insolvenzberatung", 10)])


def test_compound_splitter_uses_the_vocabulary_and_fugen_elements():
    vocab = Vocabulary(["kita", "platz", "fluchtling", "beratung", "schuldner", "familie", "hilfe", "amt"])
    assert vocab.split("kitaplatz") == ["kita", "platz"]
    assert vocab.split("fluchtlingsberatung") == ["fluchtling", "beratung"]
    assert vocab.split("familienhilfe") == ["familie", "hilfe"]
    assert vocab.split("schuldnerberatungsplatz") == ["schuldner", "beratung", "platz"]
    assert vocab.split("sozialamt") == []  # "sozial" is not a word of this directory; parts of 4 letters or more
    assert vocab.split("kita") == []


def test_two_typos_in_long_words_only():
    assert within_two_edits("wohnungsvermitlung", "wohnungsvermittlung")
    assert within_two_edits("integartionskrus", "integrationskurs")
    assert not within_two_edits("integration", "integrativ3xx")
    vocab = Vocabulary(["integrationskurs", "integrationszentrum", "kita"])
    assert vocab.two_edits_away("integartionskrus") == ["integrationskurs"]


def test_phrases_of_the_synonym_table_stay_together():
    assert search_words("Deutsch lernen Abend", phrases=["deutsch lernen"]) == ["deutsch lernen", "abend"]


def test_language_and_opening_words_become_filters():
    words, filters, understood = words_as_filters(search_words("Psychotherapie auf Arabisch heute offen"), Filters())
    assert words == ["psychotherapie", "arabisch"]  # the language word stays: services naming it match too
    assert (filters.sprache, filters.geoeffnet, understood) == ("ar", "heute", ["sprache", "geoeffnet"])
    assert words_as_filters(search_words("Sprechstunde jetzt offen"), Filters())[1].geoeffnet == "jetzt"
    for typed, code in [
        ("Ukrainisch", "uk"),
        ("ukrainian", "uk"),
        ("Türkisch", "tr"),
        ("Tigrinya", "ti"),
        ("Dari", "prs"),
    ]:
        assert words_as_filters(search_words(typed), Filters())[1].sprache == code
    # German is no filter; a language chosen in the form is not overridden.
    assert words_as_filters(["deutsch"], Filters())[0] == ["deutsch"]
    assert words_as_filters(["turkisch"], Filters(sprache="ar"))[1].sprache == "ar"
    assert query_without_filter_words("Psychotherapie auf Arabisch jetzt offen") == "Psychotherapie"


def test_languages_come_from_cldr_with_german_and_english_names():
    assert len(LANGUAGES) > 500
    assert list(LANGUAGES)[:4] == ["de", "en", "tr", "ar"]  # the frequent ones first, codes unchanged
    assert language_name("ti") == "Tigrinya" and language_name("prs", "en") == "Dari"
    assert language_name("yue") and language_name("xx-unknown") == "xx-unknown"
    for name, code in [
        ("Tigrinya", "ti"),
        ("Dari", "prs"),
        ("Pashto", "ps"),
        ("Paschtu", "ps"),
        ("Farsi", "fa"),
        ("Persian", "fa"),
        ("fa-AF", "prs"),
        ("Kurmanji", "kmr"),
        ("Sorani", "ckb"),
        ("Central Kurdish", "ckb"),
        ("Somali", "so"),
        ("Amharic", "am"),
        ("ar-SY", "ar"),
        ("Elvish", None),
    ]:
        assert language_code(name) == code, name


# The issue's queries against the demo directory: (query, a service it must find, one it must not).
DEMO_QUERIES = [
    ("Schuldnerberatung", "Schuldner- und Insolvenzberatung", "Flüchtlingsberatung"),
    (
        "Psychotherapie Arabisch",
        "Psychotherapie und psychosoziale Beratung für traumatisierte Geflüchtete",
        "Traumatherapie, Psychotherapie für Erwachsene",
    ),
    ("Deutschkurs", "Integrationskurs (allgemein)", "Wohnungsvermittlung"),
    ("Deutsch lernen", "Integrationskurs mit Kinderbetreuung", "Schuldner- und Insolvenzberatung"),
    ("Kitaplatz", "Kindertagesbetreuung (Kita-Platz)", "Zahnmedizin"),
    ("Wohnungssuche", "Wohnungsvermittlung", "Zahnmedizin"),
    ("Anwalt", "Ehrenamtliche Rechtsberatung im Asyl- und Aufenthaltsrecht", "Wohnungsvermittlung"),
    ("Auslanderbehorde", "Aufenthaltstitel und Verlängerungen", "Wohngeldstelle"),
    ("Ausländerbehörde", "Einbürgerung", "Wohngeldstelle"),
    ("Arztin", "Allgemeinmedizin", "Wohnungsvermittlung"),
    ("Flüchtlinge", "Flüchtlingsberatung", "Zahnmedizin"),
    ("Flüchtlingsberatung", "Flüchtlingsberatung", "Zahnmedizin"),
    ("Traumatherapie", "Psychotherapie für Kinder und Jugendliche", "Zahnmedizin"),
    ("Psychoterapie", "Traumatherapie, Psychotherapie für Erwachsene", "Zahnmedizin"),
    ("Wohnungsvermitlung", "Wohnungsvermittlung", "Wohngeldstelle"),
    ("Kinderarzt", "Kinder- und Jugendmedizin", "Zahnmedizin"),
    ("ABH", "Aufenthaltstitel und Verlängerungen", "Zahnmedizin"),
    ("auf Ukrainisch", "Kindertagesbetreuung (Kita-Platz)", "Zahnmedizin"),
    (
        "Beratung Tigrinya",
        "Psychotherapie und psychosoziale Beratung für traumatisierte Geflüchtete",
        "Mietrechtsberatung",
    ),
    ("Jobcenter", "Bürgergeld und Leistungen", "Zahnmedizin"),
]


@pytest.fixture
def demo_directory(app, login_as):
    from kimweb.directory.demo import seed_directory

    seed_directory()
    db.session.commit()
    login_as("case_manager")


def test_the_issues_queries_find_the_service(client, demo_directory):
    wrong = []
    for query, finds, not_found in DEMO_QUERIES:
        found = titles(client.get("/wegweiser/", query_string={"q": query}))
        if finds not in found or not_found in found:
            wrong.append((query, found))
    assert wrong == []


def test_a_language_word_shows_as_filter_and_names_not_codes(client, demo_directory):
    response = client.get("/wegweiser/", query_string={"q": "Psychotherapie auf Arabisch"})
    assert "Aus Ihrer Suche als Filter übernommen" in response.text
    assert "Sprache: Arabisch" in response.text
    assert "Sprachen: Arabisch" in response.text or "Arabisch, " in response.text
    assert ">AR<" not in response.text and ">TI<" not in response.text.upper().replace("TIGRINYA", "")


def test_the_empty_result_names_the_filter_and_offers_the_closest(client, demo_directory):
    response = client.get("/wegweiser/", query_string={"q": "Zahnmedizin", "sprache": "ti"})
    assert titles(response) == []
    assert "Der Filter „Sprache: Tigrinya“ hat das Ergebnis geleert" in response.text
    assert "/wegweiser/?q=Zahnmedizin" in response.text
    response = client.get("/wegweiser/", query_string={"q": "Zahnmedizin Flüchtlingsberatung"})
    assert "Am nächsten an Ihrer Suche" in response.text
    assert "Zahnmedizin" in response.text
