"""The notes search with German stems (the directory search's own folding and stemming, the same for
the stored keys and the query), the matching words marked (escaped first), why a note matched, the
team search in the navigation, and `flask notes reindex`."""

import re

from sqlalchemy import text, update

from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from kimweb.notes.search_keys import marked, query_keys, snippet, text_keys

HX = {"HX-Request": "true"}


def hits(response) -> list[int]:
    return [int(i) for i in re.findall(r'<article id="note-(\d+)"', response.text)]


def test_index_and_query_share_the_stems():
    assert query_keys("Kontoauszug") == query_keys("Kontoauszüge") == ["kontoauszug"]
    assert query_keys("Termine") == query_keys("Termin") == ["termin"]
    assert "kontoauszug" in text_keys("Bitte Kontoauszüge mitbringen") and "termin" in text_keys("Termine")
    assert query_keys("der die das") == []


def test_stemmed_words_find_each_other(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    statements = make_note(person, owner, "Frau A. bringt die Kontoauszüge der letzten drei Monate.")
    appointment = make_note(person, owner, "Termin bei der Ausländerbehörde am Montag.")
    url = f"/klienten/{person.id}/notizen/suche"
    assert hits(client.post(url, data={"q": "Kontoauszug"}, headers=HX)) == [statements.id]
    assert hits(client.post(url, data={"q": "Termine"}, headers=HX)) == [appointment.id]
    assert hits(client.post(url, data={"q": "Auslaenderbehoerde Termine"}, headers=HX)) == [appointment.id]
    response = client.post(url, data={"q": "Termine"}, headers=HX)
    assert "<mark>Termin</mark> bei der Ausländerbehörde" in response.text
    assert "Treffer im Text" in response.text


def test_marks_escape_the_text_first(client, make_user, make_client, make_note, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    make_note(person, owner, '<script>alert("Termin")</script> & <b>Termine</b>')
    response = client.post(f"/klienten/{person.id}/notizen/suche", data={"q": "termin"}, headers=HX)
    assert "<script>" not in response.text and "<b>" not in response.text
    assert "&lt;script&gt;alert(&#34;<mark>Termin</mark>&#34;)&lt;/script&gt; &amp; &lt;b&gt;<mark>Termine</mark>" in (
        response.text
    )
    assert str(marked("<i>Termin</i>", ["termin"])) == "&lt;i&gt;<mark>Termin</mark>&lt;/i&gt;"
    assert str(marked("a < b", [])) == "a &lt; b"


def test_the_snippet_shows_the_match_and_says_where(client, login_as, make_user, make_client, make_note, agency):
    colleague = make_user("case_manager", team="Osterfeld")
    person = make_client(colleague, "Haddad", "Rania")
    long_text = "Vorher. " + "Allerlei ohne Bezug. " * 40 + "Die Kontoauszüge fehlen noch. " + "Mehr. " * 60
    note = make_note(person, colleague, long_text)
    by_agency = make_note(person, colleague, "Anruf.", organizations=[agency("Schuldnerberatung Termine & Co")])
    login_as("team_lead", team="Osterfeld")
    found = client.post("/notizen/teamsuche", data={"q": "kontoauszug"}, headers=HX)
    assert found.status_code == 200 and f"note-{note.id}" in found.text
    assert "Die <mark>Kontoauszüge</mark> fehlen noch." in found.text and "Treffer im Text" in found.text
    assert "… " in found.text  # the snippet starts near the match, not at "Vorher."
    other = client.post("/notizen/teamsuche", data={"q": "termin"}, headers=HX)
    assert f"note-{by_agency.id}" in other.text and "Treffer bei den beteiligten Stellen" in other.text
    assert "<mark>" in str(snippet(long_text, ["kontoauszug"]))


def test_the_team_search_is_in_the_navigation_of_team_leads_only(client, login_as):
    login_as("team_lead")
    page = client.get("/")
    assert re.search(r'<a [^>]*href="/notizen/teamsuche"[^>]*>\s*Notizsuche', page.text)


def test_case_managers_do_not_see_it(client, login_as):
    login_as("case_manager")
    assert 'href="/notizen/teamsuche"' not in client.get("/").text


def test_reindex_rebuilds_every_notes_keys(app, runner, make_user, make_client, make_note):
    owner = make_user("case_manager")
    person = make_client(owner)
    note_id = make_note(person, owner, "Termine vereinbart").id
    db.session.execute(update(ContactNote).where(ContactNote.id == note_id).values(search_text="alt"))
    db.session.commit()
    result = runner.invoke(args=["notes", "reindex"])
    assert result.exit_code == 0 and "1 Notizen" in result.output
    db.session.remove()
    stored = db.session.scalar(text("SELECT search_text FROM contact_note WHERE id = :id"), {"id": note_id})
    assert stored == text_keys("Termine vereinbart") and "termin" in stored
