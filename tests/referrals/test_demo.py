"""The demo referrals: seeded once, consistent with the consents they rest on."""

from sqlalchemy import select

from kimweb.clients import consent_scope
from kimweb.demo import seed_all
from kimweb.extensions import db
from kimweb.referrals.models import Disclosure, Referral
from kimweb.referrals.queries import service_stats


def test_demo_referrals_are_seeded_once_and_covered_by_consents(app):
    seed_all()
    referrals = db.session.scalars(select(Referral)).all()
    assert len(referrals) == 4
    assert {r.status for r in referrals} == {"sent", "appointment", "accepted", "done"}
    for disclosure in db.session.scalars(select(Disclosure)):
        referral = db.session.get(Referral, disclosure.referral_id)
        assert not consent_scope.gaps(
            disclosure.consent, "referral", set(disclosure.data_scope.split()), False, referral.sent_on
        )
    assert service_stats(referrals[0].service_id).referred == 1
    seed_all()
    assert len(db.session.scalars(select(Referral)).all()) == 4
