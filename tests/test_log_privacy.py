"""Error logs never carry what was typed: a failing query's logged message (Flask's "Exception on
..." for a 500) holds the statement but no parameter value, on SQLite and PostgreSQL."""

import logging
import sys

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from kimweb.auth.models import User
from kimweb.database import scrubbed_traceback
from kimweb.extensions import db

NAME = "Geheimname-Oezdemir-4711"


def test_a_failing_query_logs_no_parameter_value(app, client, caplog):
    def fail():
        row = {"username": NAME, "display_name": "Klientin " + NAME, "role": "admin", "password_hash": "x"}
        db.session.execute(insert(User).values(**row))
        db.session.execute(insert(User).values(**row))  # the same username again: refused
        return "unreachable"

    app.add_url_rule("/test-fail", "test_fail", fail, methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False  # log and answer 500, as in production
    with caplog.at_level(logging.ERROR):
        response = client.post("/test-fail", data={"q": NAME})
    assert response.status_code == 500
    assert caplog.records, "the failure was logged"
    logged = "\n".join(caplog.messages) + "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "IntegrityError" in logged and "INSERT INTO user_account" in logged
    assert NAME not in logged
    assert NAME not in response.text


def test_the_engine_hides_parameters(app):
    assert db.engine.hide_parameters is True


def test_postgresql_lines_with_row_values_are_dropped():
    """PostgreSQL names the values of a key or a whole row in DETAIL (and parameters in CONTEXT)."""

    class Violation(Exception):
        pass

    message = "new row violates check constraint\nDETAIL:  Failing row contains (7, Anna Nowak).\nCONTEXT:  x = 'Nowak'"
    try:
        raise IntegrityError("INSERT INTO client ...", {"family_name": NAME}, Violation(message), hide_parameters=True)
    except IntegrityError:
        text = scrubbed_traceback(sys.exc_info())
    assert "violates check constraint" in text and "INSERT INTO client" in text
    assert "Nowak" not in text and NAME not in text
