"""Every marked string has an English translation, and the interface follows the user's choice."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def extracted_msgids() -> set[str]:
    method_map = [("kimweb/**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.do"}}
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords=KEYWORDS
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_english_catalog_translates_every_marked_string():
    with open(ROOT / "kimweb/translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string)) and "fuzzy" not in m.flags
    }
    missing = sorted(extracted_msgids() - translated)
    assert missing == [], f"{len(missing)} strings without English translation (run `make i18n`): {missing[:20]}"


def test_german_is_the_default(client):
    assert 'lang="de"' in client.get("/login").text
    assert "Anmelden" in client.get("/login").text


def test_browser_language_is_used_before_login(client):
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert 'lang="en"' in page.text and "Log in" in page.text
