"""Consent matching: agency, purpose, kinds of data, health data, validity and revocation."""

from datetime import timedelta

import pytest

from kimweb.clients import consent_scope
from kimweb.timeutil import local_today


@pytest.fixture
def setting(login_as, make_client, make_service):
    me = login_as("case_manager")
    return me, make_client(me), make_service()


def check(person, service, scope=("identity", "concern"), health=False, purpose="referral", today=None):
    return consent_scope.check(
        person.id,
        service.organization_id,
        service.organization.name,
        purpose,
        set(scope),
        health,
        today or local_today(),
    )


def test_nothing_passed_on_needs_no_consent(setting):
    _, person, service = setting
    result = check(person, service, scope=())
    assert result.covered and not result.needed


def test_without_any_consent_the_reason_names_the_agency(setting):
    _, person, service = setting
    result = check(person, service)
    assert not result.covered
    assert "Caritas Test" in result.reasons[0]


def test_a_matching_consent_covers(setting, give_consent):
    _, person, service = setting
    consent = give_consent(person, service.organization_id, scope="identity concern contact")
    assert check(person, service).consent.id == consent.id


def test_consent_for_another_agency_does_not_cover(setting, give_consent, make_service):
    _, person, service = setting
    other = make_service("Kita Test", "Kita-Träger Test")
    give_consent(person, other.organization_id)
    assert not check(person, service).covered


def test_purpose_must_include_referral(setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, purposes="conference exchange")
    result = check(person, service)
    assert not result.covered
    assert "Zweck" in result.reasons[0]
    assert check(person, service, purpose="conference").covered


def test_every_kind_of_data_must_be_named(setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, scope="identity")
    result = check(person, service, scope=("identity", "concern", "residence"))
    assert not result.covered
    assert "Anliegen" in result.reasons[0] and "Aufenthaltsstatus" in result.reasons[0]


def test_health_data_only_where_the_consent_names_it(setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, health=False)
    assert not check(person, service, health=True).covered
    give_consent(person, service.organization_id, health=True)
    assert check(person, service, health=True).covered


@pytest.mark.parametrize(
    "given, until, revoked, word",
    [
        (-400, -1, None, "abgelaufen"),
        (-10, 300, 0, "widerrufen"),
        (-10, 300, -1, "widerrufen"),
        (3, 300, None, "gilt erst ab"),
    ],
)
def test_validity_and_revocation(setting, give_consent, given, until, revoked, word):
    _, person, service = setting
    give_consent(person, service.organization_id, given=given, until=until, revoked=revoked)
    result = check(person, service)
    assert not result.covered
    assert word in result.reasons[0]


def test_revocation_counts_from_its_day_on(setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, revoked=5)
    assert check(person, service).covered
    assert not check(person, service, today=local_today() + timedelta(days=5)).covered


def test_open_ended_consent_and_the_newest_covering_one_wins(setting, give_consent):
    _, person, service = setting
    give_consent(person, service.organization_id, given=-100, until=None, scope="identity")
    newer = give_consent(person, service.organization_id, given=-5, until=None, scope="identity concern")
    assert check(person, service, scope=("identity",)).consent.id == newer.id
