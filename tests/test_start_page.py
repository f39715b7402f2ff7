"""The start page's statements do not grow with what it lists: each panel reads its rows in one
query (the agency of an expiring consent, the case manager of one's own referrals come along or
are known), and the case manager's own follow-ups need no question about sealed ones."""

from datetime import timedelta

from sqlalchemy import event

from kimweb.clients.casework_models import Consent, FollowUp
from kimweb.extensions import db
from kimweb.referrals.models import Referral
from kimweb.timeutil import local_today

TRANSACTIONS = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
# The account, the deputy files, today's appointments, their audit row, follow-ups, deadlines,
# consents, letter deadlines, referrals, drafts and the waiting badge.
MAX_STATEMENTS = 11


def _files(owner, make_client, agency, count):
    today = local_today()
    for n in range(count):
        person = make_client(owner, family=f"Muster{n}")
        db.session.add_all(
            [
                Consent(
                    client_id=person.id,
                    organization_id=agency(f"Stelle {n}").id,
                    given_on=today - timedelta(days=300),
                    valid_until=today + timedelta(days=5 + n),
                ),
                FollowUp(
                    client_id=person.id, title=f"Rückruf {n}", due_on=today + timedelta(days=1), assignee_id=owner.id
                ),
                Referral(
                    client_id=person.id,
                    service_name=f"Beratung {n}",
                    organization_name=f"Stelle {n}",
                    reason="Test",
                    channel="alone",
                    status="sent",
                    sent_on=today,
                    follow_up_on=today + timedelta(days=2),
                ),
            ]
        )
    db.session.commit()


def _statements(client, url):
    found: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.startswith(TRANSACTIONS):
            found.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert page.status_code == 200
    return page.text, found


def test_the_start_page_reads_each_panel_in_one_query(client, login_as, make_client, agency):
    owner = login_as("case_manager")
    _files(owner, make_client, agency, 4)
    client.get("/")
    page, statements = _statements(client, "/")
    assert all(f"Stelle {n}" in page and f"Rückruf {n}" in page and f"Beratung {n}" in page for n in range(4))
    assert len(statements) <= MAX_STATEMENTS, "\n".join(s[:120] for s in statements)
    assert not any(s.lstrip().startswith("SELECT organization.") for s in statements)
    _files(owner, make_client, agency, 4)
    assert len(_statements(client, "/")[1]) == len(statements)
