"""The audit trail is written by one helper and cannot be changed or deleted."""

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError

from kimweb import audit
from kimweb.audit import AuditEvent
from kimweb.extensions import db


def test_record_in_a_write_request_joins_its_transaction(app, make_user):
    user = make_user("admin")
    with app.test_request_context("/", method="POST"):
        audit.record("user.changed", "user", 7, user=user, detail="role: a -> b")
        db.session.rollback()
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.changed")) is None


def test_record_in_a_read_request_commits_at_once(app, make_user):
    user = make_user("case_manager")
    with app.test_request_context("/", method="GET"):
        audit.record("client.opened", "client", 42, user=user)
        db.session.rollback()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "client.opened"))
    assert (event.user_id, event.username, event.object_type, event.object_id) == (
        user.id,
        user.username,
        "client",
        "42",
    )


def test_orm_refuses_to_change_or_delete(app, make_user):
    with app.test_request_context("/", method="POST"):
        audit.record("x.test")
        db.session.commit()
    event = db.session.scalar(select(AuditEvent))
    event.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_database_refuses_to_change_or_delete(app):
    with app.test_request_context("/", method="POST"):
        audit.record("x.test")
        db.session.commit()
    for statement in (update(AuditEvent).values(action="tampered"), delete(AuditEvent)):
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(statement)
        db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action)) == "x.test"


def test_no_route_writes_to_audit_rows(app):
    # No view offers editing: nothing in the URL map mentions the audit trail for writing.
    for rule in app.url_map.iter_rules():
        assert not ("audit" in rule.rule and rule.methods & {"POST", "PUT", "PATCH", "DELETE"})


def test_failed_logins_do_not_record_passwords(client, make_user):
    make_user("case_manager", username="anna")
    client.post("/login", data={"username": "anna", "password": "my secret guess 123"})
    rows = db.session.execute(text("SELECT * FROM audit_event")).all()
    assert rows and not any("my secret guess" in str(row) for row in rows)
