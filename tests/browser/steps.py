"""Steps several browser tests take the way a user does: open a file from "Meine Fälle", open a
section of the file from its list of sections (the first screen shows only what is due and the
latest contacts; everything else loads on demand)."""

import re

from playwright.sync_api import expect


def open_file(page, family: str) -> None:
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Fälle").click()
    # The start page may link to the same file (a due follow-up): wait for the list first.
    page.wait_for_url(re.compile(r"/klienten/?$"))
    page.get_by_role("link", name=re.compile(family)).first.click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))


def open_section(page, tab: str, name: str) -> None:
    page.locator(".cf-tabs").get_by_role("link", name=tab, exact=True).click()
    page.wait_for_url(re.compile(rf"/abschnitt/{name}$"))
    expect(page.locator(f"#section-{name}")).to_be_visible()
