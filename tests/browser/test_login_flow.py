"""Log in through the real form, see the start page, log out; axe scans of both pages."""

import re


def test_login_start_page_logout(page, login, screenshot):
    login(page, "mueller")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Guten Tag")
    assert page.get_by_text("Sabine Müller").first.is_visible()
    screenshot(page, "start-case-manager")
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(re.compile(r"/login"))
    assert page.get_by_text("Sie sind abgemeldet.").is_visible()
    page.goto("/")
    assert "/login" in page.url


def test_wrong_password_shows_german_message(page):
    page.goto("/login")
    page.get_by_label("Benutzername").fill("mueller")
    page.get_by_label("Passwort").fill("falsches-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    assert page.get_by_text("Benutzername oder Passwort ist nicht richtig.").is_visible()
    assert page.get_by_label("Passwort").get_attribute("aria-invalid") == "true"


def test_keyboard_only_login(page):
    page.goto("/login")
    page.bring_to_front()
    # The username field has focus on load; type, tab, type, Enter.
    assert page.evaluate("document.activeElement.id") == "username"
    page.keyboard.type("leitung")
    page.keyboard.press("Tab")
    page.keyboard.type("kimweb-demo-passwort")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    assert page.get_by_text("Teamleitung").first.is_visible()


def test_boosted_navigation_keeps_csrf_and_session(page, login):
    login(page, "admin")
    page.get_by_role("link", name="Benutzer", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/benutzer"))
    page.get_by_role("link", name="Neues Konto").first.click()
    page.get_by_label("Benutzername").fill("neu.person")
    page.get_by_label("Name", exact=True).fill("Neue Person")
    page.get_by_label("Rolle").select_option("reception")
    page.get_by_label("Neues Passwort", exact=True).fill("ein langer satz als passwort")
    page.get_by_label("Neues Passwort wiederholen").fill("ein langer satz als passwort")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"/admin/benutzer$"))
    assert page.get_by_text("Das Konto „neu.person“ wurde angelegt.").is_visible()
    assert page.get_by_role("cell", name="Neue Person").is_visible()


def test_axe_login_and_start_pages(page, login, axe_violations, screenshot):
    page.goto("/login")
    screenshot(page, "login")
    assert axe_violations(page) == []
    for username in ("empfang", "mueller", "leitung", "admin"):
        login(page, username)
        assert axe_violations(page) == [], username
        page.get_by_role("button", name="Abmelden").click()
        page.wait_for_url(re.compile(r"/login"))


def test_axe_admin_pages(page, login, axe_violations, screenshot):
    login(page, "admin")
    for path in ("/admin/benutzer", "/admin/benutzer/neu", "/konto"):
        page.goto(path)
        screenshot(page, "admin" + path.replace("/", "-"))
        assert axe_violations(page) == [], path
