"""Every referral route refuses what the user may not see with 404; lists are scoped; BLNS escaped."""

import pytest
from sqlalchemy import select

from kimweb.extensions import db
from kimweb.referrals.models import Referral
from tests.helpers import log_in, referral_form, shared_data


@pytest.fixture
def foreign(client, make_user, make_client, make_service):
    """A referral on a client of another team, made by its case manager."""
    owner = make_user("case_manager", team="Sterkrade-Mitte")
    person = make_client(owner, family="Fremdakte")
    service = make_service()
    log_in(client, owner)
    assert (
        client.post(
            f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service, channel="alone", data_scope=[])
        ).status_code
        == 303
    )
    referral = db.session.scalars(select(Referral)).one()
    client.post("/logout")
    return person, referral, service


def routes(person_id, referral_id, service_id):
    base = f"/klienten/{person_id}/vermittlungen"
    return [
        ("GET", f"{base}/neu?angebot={service_id}"),
        ("POST", f"{base}/neu"),
        ("POST", f"{base}/angebote"),
        ("GET", f"{base}/einwilligung"),
        ("POST", f"{base}/einwilligung"),
        ("GET", f"{base}/{referral_id}"),
        ("POST", f"{base}/{referral_id}/stand"),
        ("POST", f"{base}/{referral_id}/keine-rueckmeldung"),
        ("GET", f"{base}/{referral_id}/ueberleitungsbogen"),
    ]


@pytest.mark.parametrize("role", ["case_manager", "team_lead", "reception", "admin"])
def test_foreign_ids_answer_404_everywhere(client, make_user, foreign, role):
    person, referral, service = foreign
    log_in(client, make_user(role, team="Osterfeld"))
    for method, url in routes(person.id, referral.id, service.id):
        response = client.open(url, method=method, data=referral_form(service))
        assert response.status_code == 404, (role, method, url)
        assert "Fremdakte" not in response.text
        partial = client.open(url, method=method, data=referral_form(service), headers={"HX-Request": "true"})
        assert partial.status_code == 404, (role, method, url)


def test_a_referral_id_of_another_client_is_404_on_my_own_client(client, make_user, make_client, foreign):
    person, referral, service = foreign
    me = make_user("case_manager", team="Osterfeld")
    mine = make_client(me, family="Eigene")
    log_in(client, me)
    for method, url in routes(mine.id, referral.id, service.id)[5:]:
        assert client.open(url, method=method, data={}).status_code == 404, url


def test_lists_show_only_what_one_may_open(client, make_user, foreign):
    person, referral, service = foreign
    log_in(client, make_user("team_lead", team="Osterfeld"))
    assert "Fremdakte" not in client.get("/vermittlungen/").text
    picked = client.post(
        f"/wegweiser/angebot/{service.id}/vermitteln", data={"q": "Fremdakte"}, headers={"HX-Request": "true"}
    )
    assert picked.status_code == 200 and "Fremdakte" not in picked.text
    log_in(client, make_user("team_lead", team="Sterkrade-Mitte"))
    overview = client.get("/vermittlungen/")
    assert "Fremdakte" in overview.text and "Fallverantwortung" in overview.text


def test_reception_has_no_referral_pages(client, make_user, foreign):
    person, referral, service = foreign
    log_in(client, make_user("reception"))
    assert client.get("/vermittlungen/").status_code == 404
    assert client.get(f"/wegweiser/angebot/{service.id}/vermitteln").status_code == 404


def test_pick_client_from_the_service_page(client, login_as, make_client, make_service):
    me = login_as("case_manager")
    make_client(me, family="Kovalenko", given="Olena")
    service = make_service()
    page = client.get(f"/wegweiser/angebot/{service.id}/vermitteln")
    assert page.status_code == 200
    found = client.post(
        f"/wegweiser/angebot/{service.id}/vermitteln", data={"q": "Kowalenko"}, headers={"HX-Request": "true"}
    )
    assert "Kovalenko" in found.text and f"angebot={service.id}" in found.text
    assert client.get("/wegweiser/angebot/999999/vermitteln").status_code == 404


def test_naughty_strings_render_escaped(client, make_user, make_client, make_service, give_consent):
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(make_user("case_manager", team="Osterfeld"))
    service = make_service()
    log_in(client, lead)
    lines = [
        line
        for line in shared_data("blns.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][::9]
    for line in lines:
        for values in ({"reason": line}, {"override_reason": (line + " " * 20)[:2000]}):
            response = client.post(f"/klienten/{person.id}/vermittlungen/neu", data=referral_form(service, **values))
            assert response.status_code in (303, 422), line
            assert "<script>alert" not in response.text
    referral = db.session.scalars(select(Referral)).first()
    for line in lines[:40]:
        db.session.expire_all()
        current = db.session.get(Referral, referral.id)
        response = client.post(
            f"/klienten/{person.id}/vermittlungen/{referral.id}/stand",
            data={
                "status": "cancelled",
                "note": line,
                "appointment_note": line[:200],
                "version": str(current.version + 1),
            },
        )
        assert response.status_code in (409, 422), line
        assert "<script>alert" not in response.text
    for url in (
        f"/klienten/{person.id}",
        f"/klienten/{person.id}/vermittlungen/{referral.id}",
        f"/klienten/{person.id}/vermittlungen/{referral.id}/ueberleitungsbogen",
        "/vermittlungen/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<script>alert" not in page.text
