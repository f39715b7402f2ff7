"""Keeping entries fresh: suggestions and moderation, "still correct", the re-check list, team tips."""

from datetime import date, timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.directory.models import Service
from kimweb.directory.upkeep_models import Suggestion, Tip, Verification
from kimweb.extensions import db
from kimweb.timeutil import local_today


def test_suggestion_waits_for_moderation(client, login_as, make_service):
    service = make_service("Sprachcafé")
    author = login_as("reception")
    assert client.get(f"/wegweiser/angebot/{service.id}/vorschlag").status_code == 200
    empty = client.post(f"/wegweiser/angebot/{service.id}/vorschlag", data={"text": "  "})
    assert empty.status_code == 422 and "Bitte beschreiben Sie die Änderung." in empty.text
    response = client.post(f"/wegweiser/angebot/{service.id}/vorschlag", data={"text": "Neue Zeiten: Mo 9–12 Uhr"})
    assert response.status_code == 303
    suggestion = db.session.scalar(select(Suggestion))
    assert (suggestion.status, suggestion.author_id) == ("open", author.id)
    assert db.session.get(Service, service.id).name == "Sprachcafé"  # nothing changed yet

    login_as("admin")
    queue = client.get("/wegweiser/vorschlaege")
    assert "Neue Zeiten: Mo 9–12 Uhr" in queue.text
    assert "Vorschläge (1)" in client.get("/wegweiser/").text
    response = client.post(f"/wegweiser/vorschlaege/{suggestion.id}", data={"decision": "accepted", "note": "ok"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/wegweiser/angebot/{service.id}/bearbeiten")
    db.session.expire_all()
    assert db.session.get(Suggestion, suggestion.id).status == "accepted"
    again = client.post(f"/wegweiser/vorschlaege/{suggestion.id}", data={"decision": "rejected"})
    assert again.status_code == 303
    assert db.session.get(Suggestion, suggestion.id).status == "accepted"
    assert "Neue Zeiten" not in client.get("/wegweiser/vorschlaege").text
    assert "Neue Zeiten" in client.get("/wegweiser/vorschlaege?erledigt=1").text


def test_still_correct_records_a_verification(client, login_as, make_service):
    service = make_service("Sprachcafé", last_verified_on=date(2020, 1, 1))
    user = login_as("case_manager")
    assert "seit über 12 Monaten nicht geprüft" in client.get(f"/wegweiser/angebot/{service.id}").text
    response = client.post(f"/wegweiser/angebot/{service.id}/geprueft", data={"method": "phone", "note": "Frau K."})
    assert response.status_code == 303
    service = db.session.get(Service, service.id)
    assert service.last_verified_on == local_today() and service.last_verified_by_id == user.id
    assert service.next_review_on == local_today() + timedelta(days=365)
    verification = db.session.scalar(select(Verification))
    assert (verification.method, verification.note) == ("phone", "Frau K.")
    assert (
        db.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "directory.verified")) == "method=phone"
    )
    assert "seit über 12 Monaten" not in client.get(f"/wegweiser/angebot/{service.id}").text
    bad = client.post(f"/wegweiser/angebot/{service.id}/geprueft", data={"method": "telepathy"})
    assert (
        bad.status_code == 303
        and db.session.scalar(select(Verification.id).where(Verification.method == "telepathy")) is None
    )


def test_recheck_list_oldest_first(client, login_as, make_service):
    today = local_today()
    make_service("Angebot frisch", last_verified_on=today, next_review_on=today + timedelta(days=300))
    make_service(
        "Angebot alt", last_verified_on=today - timedelta(days=800), next_review_on=today - timedelta(days=435)
    )
    make_service("Angebot nie geprüft")
    make_service(
        "Angebot fällig", last_verified_on=today - timedelta(days=400), next_review_on=today - timedelta(days=35)
    )
    login_as("team_lead")
    page = client.get("/wegweiser/pruefliste").text
    assert "Angebot frisch" not in page
    assert page.index("Angebot nie geprüft") < page.index("Angebot alt") < page.index("Angebot fällig")


def test_tips_expire_and_only_author_or_editor_deletes(client, login_as, make_service):
    service = make_service("Sprachcafé")
    author = login_as("case_manager")
    soon = (local_today() + timedelta(days=30)).isoformat()
    response = client.post(
        f"/wegweiser/angebot/{service.id}/tipps", data={"text": "Dienstags ruhiger.", "review_on": soon}
    )
    assert response.status_code == 303
    assert "Dienstags ruhiger." in client.get(f"/wegweiser/angebot/{service.id}").text
    past = client.post(f"/wegweiser/angebot/{service.id}/tipps", data={"text": "x", "review_on": "2000-01-01"})
    assert past.status_code == 422 and "zwischen heute und in zwei Jahren" in past.text
    tip = db.session.scalar(select(Tip))
    assert tip.author_id == author.id
    tip_id = tip.id
    login_as("reception")
    assert client.post(f"/wegweiser/tipps/{tip_id}/loeschen").status_code == 403
    db.session.get(Tip, tip_id).review_on = local_today() - timedelta(days=1)
    db.session.commit()
    assert "Dienstags ruhiger." not in client.get(f"/wegweiser/angebot/{service.id}").text
    login_as("admin")
    assert client.post(f"/wegweiser/tipps/{tip_id}/loeschen").status_code == 303
    assert db.session.get(Tip, tip_id) is None


def test_demo_seed_is_idempotent_and_covers_every_life_area(app):
    from kimweb.demo import SEEDERS
    from kimweb.directory.demo import seed_directory
    from kimweb.directory.models import Location, Organization
    from kimweb.lifeareas import all_life_areas

    assert "Wegweiser" in [label for label, _seeder in SEEDERS]
    created = seed_directory()
    db.session.commit()
    assert 50 <= len(created) <= 70
    assert seed_directory() == []
    assert db.session.query(Organization).count() == len(created)
    used = {area.code for service in db.session.scalars(select(Service)) for area in service.life_areas}
    assert used == {area.code for area in all_life_areas()}
    assert db.session.scalar(select(Location.id).where(Location.address_confidential.is_(True))) is not None


def test_two_simultaneous_still_correct_clicks_are_both_answered(app, make_service, make_user):
    from tests.helpers import log_in, post_at_once

    service = make_service("Sprachcafé", last_verified_on=date(2020, 1, 1))
    user = make_user("case_manager")
    service_id = service.id
    db.session.rollback()  # the test's own session holds no lock while the requests run
    for _ in range(5):
        # A double click (two requests of one person) and a colleague at the same moment.
        clients = [app.test_client() for _ in range(4)]
        for client in clients:
            log_in(client, user)
        statuses = post_at_once(clients, [(f"/wegweiser/angebot/{service_id}/geprueft", {"method": "phone"})] * 4)
        assert statuses == [303] * 4
    assert db.session.get(Service, service_id).last_verified_on == local_today()
    assert len(db.session.scalars(select(Verification).where(Verification.service_id == service_id)).all()) == 20
