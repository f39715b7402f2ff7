"""The KIM reports in a real browser: the team lead opens the case report from the navigation,
picks this year, sees a chart and its table; the coordination sees the suppression note; axe scans."""

import re

from playwright.sync_api import expect


def test_case_report_for_the_team_lead_and_the_coordination(new_page, login, axe_violations):
    lead = new_page()
    login(lead, "leitung")
    lead.get_by_role("link", name="Berichte", exact=True).click()
    lead.get_by_role("link", name="Fälle", exact=True).click()
    # Both pages have a "Dieses Jahr" link: wait for the case report before clicking it.
    expect(lead).to_have_url(re.compile(r"/berichte/kim/faelle"))
    lead.get_by_role("link", name="Dieses Jahr").click()
    expect(lead).to_have_url(re.compile(r"/berichte/kim/faelle\?"))
    expect(lead.get_by_role("link", name="Dieses Jahr")).to_have_attribute("aria-current", "true")
    expect(lead.get_by_role("heading", name="Fälle im Überblick")).to_be_visible()
    expect(lead.get_by_role("img", name=re.compile("Balkendiagramm: Neue Fälle nach Zugangsweg"))).to_be_visible()
    expect(lead.get_by_role("rowheader", name="Offen am Ende")).to_be_visible()
    assert axe_violations(lead) == []
    lead.get_by_role("link", name="Team", exact=True).click()
    expect(lead.get_by_role("table", name="Fälle je Fallmanagement")).to_be_visible()
    assert axe_violations(lead) == []

    coordination = new_page()
    login(coordination, "koordination")
    coordination.goto("/berichte/kim/personen")
    expect(coordination.get_by_role("note")).to_contain_text("<3")
    assert axe_violations(coordination) == []
    coordination.goto("/berichte/sachbericht")
    expect(coordination.get_by_role("heading", name=re.compile("Sachbericht"))).to_be_visible()
    assert axe_violations(coordination) == []
