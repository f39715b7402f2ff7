"""The English interface names life areas, nationalities and languages in English: the case file,
the intake form and the note form show none of the German default names."""

import re

from kimweb.lifeareas import DEFAULT_LIFE_AREAS

GERMAN_AREAS = [label for _code, label, _order in DEFAULT_LIFE_AREAS]


def _visible(html: str) -> str:
    """The text a reader sees: no tags, scripts or attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


def test_case_file_intake_and_note_form_in_english(client, login_as, make_client):
    owner = login_as("case_manager", locale="en")
    person = make_client(owner, nationalities="SY XXA", languages="ar ku")
    pages = {
        "file": client.get(f"/klienten/{person.id}"),
        # The life areas' assessment is a section of the file, opened on demand.
        "assessment": client.get(f"/klienten/{person.id}/abschnitt/assessment"),
        "intake": client.get("/aufnahme"),
        "note": client.get(f"/klienten/{person.id}/notizen/neu"),
        "personal": client.get(f"/klienten/{person.id}/stammdaten"),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert 'lang="en"' in page.text
        text = _visible(page.text)
        found = [label for label in GERMAN_AREAS if label in text and label not in ("Sprache",)]
        assert found == [], (name, found)
        assert "Syrien" not in text and "Arabisch" not in text and "staatenlos" not in text, name
    file_text = _visible(pages["file"].text) + _visible(pages["personal"].text)
    areas = _visible(pages["assessment"].text)
    assert "Residence/immigration law" in areas and "Housing" in areas
    assert "Syria" in file_text and "stateless" in file_text and "Arabic" in file_text
    intake = pages["intake"].text
    assert "Syria" in intake and "Filter the list" in intake and "selected" in intake


def test_german_stays_german(client, login_as, make_client):
    owner = login_as("case_manager")
    person = make_client(owner, nationalities="SY", languages="ar")
    # The first screen has the languages; nationality is under "Stammdaten", areas under "Einschätzung".
    text = _visible(client.get(f"/klienten/{person.id}").text)
    text += _visible(client.get(f"/klienten/{person.id}/abschnitt/personal").text)
    areas = _visible(client.get(f"/klienten/{person.id}/abschnitt/assessment").text)
    assert "Aufenthalt/Ausländerrecht" in areas and "Syrien" in text and "Arabisch" in text
