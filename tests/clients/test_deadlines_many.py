"""refresh_deadlines_many (after an import) writes exactly the deadlines and next due dates that
refresh_deadlines writes file by file."""

from datetime import date

from sqlalchemy import select

from kimweb.clients import residence
from kimweb.clients.casework_models import ClientDeadline, ResidenceStatus
from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.timeutil import utcnow


def _written() -> tuple[list[tuple], dict[int, date | None]]:
    deadlines = db.session.execute(
        select(
            ClientDeadline.client_id,
            ClientDeadline.status_id,
            ClientDeadline.kind,
            ClientDeadline.due,
            ClientDeadline.after_due,
        ).order_by(ClientDeadline.client_id, ClientDeadline.kind, ClientDeadline.due, ClientDeadline.after_due)
    ).all()
    return [tuple(row) for row in deadlines], dict(db.session.execute(select(Client.id, Client.next_due)).all())


def test_many_writes_what_one_by_one_writes(make_user, make_client, monkeypatch):
    manager = make_user("case_manager")
    people = [make_client(manager, f"Familie{n}", "Anna", date(1980, 1, n + 1)) for n in range(7)]
    statuses = [
        [],
        [{"status_type": "aufenthaltserlaubnis", "valid_until": date(2027, 3, 1)}],
        [{"status_type": "duldung_60a", "valid_until": date(2026, 12, 24), "passport_valid_until": date(2027, 1, 5)}],
        [
            {"status_type": "aufenthaltsgestattung", "valid_until": date(2027, 1, 1), "valid_from": date(2025, 1, 1)},
            {"status_type": "aufenthaltserlaubnis", "valid_until": date(2028, 5, 1), "valid_from": date(2026, 1, 1)},
        ],
        [{"status_type": "aufenthaltserlaubnis", "valid_until": date(2027, 6, 1), "superseded": True}],
        [{"status_type": "unbekannt", "valid_until": None}],
        [{"status_type": "niederlassungserlaubnis", "valid_until": None, "passport_valid_until": date(2027, 2, 2)}],
    ]
    corrected: ResidenceStatus | None = None
    for person, records in zip(people, statuses, strict=True):
        for values in records:
            superseded = values.pop("superseded", False)
            record = ResidenceStatus(client_id=person.id, superseded_at=utcnow() if superseded else None, **values)
            db.session.add(record)
            if superseded:
                corrected = record
    db.session.flush()
    # a deadline left from a record since corrected: both ways remove it
    db.session.add(
        ClientDeadline(client_id=people[4].id, status_id=corrected and corrected.id, kind="stale", due=date(2020, 1, 1))
    )
    db.session.commit()
    ids = [p.id for p in people]

    for client_id in ids:
        residence.refresh_deadlines(client_id)
    one_by_one = _written()
    db.session.rollback()
    monkeypatch.setattr(residence, "FILES_PER_STATEMENT", 3)
    residence.refresh_deadlines_many(ids + ids[:2])
    together = _written()

    assert together == one_by_one
    assert len({client_id for client_id, *_ in one_by_one[0]}) >= 4
    assert sum(1 for due in one_by_one[1].values() if due) >= 3
    assert people[1].next_due == one_by_one[1][people[1].id]  # a file held in the session reads it anew
