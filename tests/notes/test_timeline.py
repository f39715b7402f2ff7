"""The timeline on the case file: newest first, grouped by day, filters, pages that load more."""

import re
from datetime import datetime, timedelta

from sqlalchemy import select

from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from tests.helpers import whole_file

HX = {"HX-Request": "true"}


def ids_in(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<article id="note-(\d+)"', html)]


def test_newest_first_grouped_by_day_with_author_and_time(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager", display_name="Anna Becker"))
    person = make_client(owner)
    old = make_note(person, owner, "Erster Kontakt", at=datetime(2026, 3, 2, 8, 15))
    same_day = make_note(person, owner, "Zweiter Kontakt", at=datetime(2026, 3, 2, 13, 0))
    new = make_note(person, owner, "Dritter Kontakt", at=datetime(2026, 3, 5, 9, 0))
    page = whole_file(client, person.id).text
    assert ids_in(page) == [new.id, same_day.id, old.id]
    assert page.count('class="note-day">02.03.2026<') == 1 and 'class="note-day">05.03.2026<' in page
    assert '<span class="note-time">09:15</span>' in page  # 08:15 UTC is 09:15 in Berlin in March
    assert "von Anna Becker" in page


def test_more_pages_load_without_repeating_notes_or_day_headings(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    start = datetime(2026, 1, 1, 9, 0)
    # 60 notes, in pairs at the very same minute (the keyset must break the tie by id).
    notes = [make_note(person, owner, f"Nr {i}", at=start + timedelta(hours=8 * (i // 2))) for i in range(60)]
    first = whole_file(client, person.id).text
    seen = ids_in(first)
    assert len(seen) == 25
    more = re.search(
        r'<p class="note-more"><a class="button button-small" href="([^"]+)" hx-get="([^"]+)" '
        r'hx-trigger="revealed, click"',
        first,
    )
    assert more and more.group(1) == more.group(2)
    url = more.group(1).replace("&amp;", "&")
    while url:
        fragment = client.get(url, headers=HX)
        assert fragment.status_code == 200 and "<html" not in fragment.text
        seen += ids_in(fragment.text)
        found = re.search(r'<p class="note-more"><a class="button button-small" href="([^"]+)"', fragment.text)
        url = found.group(1).replace("&amp;", "&") if found else None
    expected = [n.id for n in sorted(notes, key=lambda n: (n.occurred_at, n.id), reverse=True)]
    assert seen == expected
    # Without JavaScript the same link is a whole page.
    page = client.get(more.group(1).replace("&amp;", "&"))
    assert "<html" in page.text and ids_in(page.text) == expected[25:50]


def test_a_day_split_across_pages_gets_no_second_heading(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    for minute in range(30):
        make_note(person, owner, f"Nr {minute}", at=datetime(2026, 2, 10, 9, minute))
    first = whole_file(client, person.id).text
    url = re.search(r'<p class="note-more"><a class="button button-small" href="([^"]+)"', first).group(1)
    rest = client.get(url.replace("&amp;", "&"), headers=HX).text
    assert len(ids_in(rest)) == 5 and "note-day" not in rest


def test_filters_by_type_life_area_agency_and_author(client, make_user, make_client, make_note, enter, agency):
    owner = make_user("case_manager")
    colleague = make_user("case_manager")
    person = make_client(owner)
    area = db.session.scalar(select(LifeArea).where(LifeArea.code == "wohnen"))
    jobcenter = agency("Jobcenter Oberhausen")
    phone = make_note(person, owner, kind="phone")
    housing = make_note(person, owner, kind="home_visit", life_areas=[area])
    with_jc = make_note(person, colleague, kind="email", organizations=[jobcenter])
    enter(owner)
    base = f"/klienten/{person.id}/notizen"
    assert ids_in(client.get(f"{base}?art=phone", headers=HX).text) == [phone.id]
    assert ids_in(client.get(f"{base}?feld={area.id}", headers=HX).text) == [housing.id]
    assert ids_in(client.get(f"{base}?stelle={jobcenter.id}", headers=HX).text) == [with_jc.id]
    assert ids_in(client.get(f"{base}?von={colleague.id}", headers=HX).text) == [with_jc.id]
    assert "Keine Notizen zu diesem Filter." in client.get(f"{base}?art=letter_in", headers=HX).text
    # Nonsense in a filter is ignored, not a 500.
    assert len(ids_in(client.get(f"{base}?art=x&feld=abc&stelle=-1&von=%00", headers=HX).text)) == 3
    # The filtered list as a fragment swaps into #note-list; the page has the whole timeline.
    assert client.get(f"{base}?art=phone", headers=HX).text.lstrip().startswith('<div id="note-list"')
    assert "<html" in client.get(f"{base}?art=phone").text
