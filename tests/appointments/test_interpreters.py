"""Interpreter requests from an appointment: the pool's notice of five working days, no volunteers
for conversations with legal consequences, the answer with a name; the office's interpreters."""

from datetime import timedelta

from sqlalchemy import select

from kimweb.appointments.models import Interpreter, InterpreterRequest
from kimweb.appointments.schedule import is_working_day
from kimweb.extensions import db
from kimweb.timeutil import local_today


def _working_days_ahead(n: int):
    day, left = local_today(), n
    while left:
        day += timedelta(days=1)
        left -= is_working_day(day)
    return day


def test_request_answer_and_open_list(client, login_as, make_client, make_appointment):
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, _working_days_ahead(10), interpreter_language="ar", interpreter_kind="pool")
    db.session.add(Interpreter(name="Samira Haddad", source="pool", languages="ar fr"))
    db.session.commit()
    base = f"/klienten/{person.id}/termine/{appointment.id}/dolmetschen"
    form = client.get(base)
    assert form.status_code == 200 and "Sprachmittlerpool braucht" not in form.text
    response = client.post(base, data={"language": "ar", "kind": "pool", "note": "Termin bei der ABH"})
    assert response.status_code == 303
    entry = db.session.scalar(select(InterpreterRequest))
    assert entry.state == "requested"
    printable = client.get(response.headers["Location"])
    assert "Anfrage Sprachmittlung" in printable.text and "Arabisch" in printable.text
    listing = client.get("/dolmetschen/")
    assert "Offene Anfragen" in listing.text and "Al-Hassan" in listing.text and "Samira Haddad" in listing.text
    no_name = client.post(response.headers["Location"], data={"state": "confirmed", "version": "1"})
    assert no_name.status_code == 422 and "wer zugesagt hat" in no_name.text
    interpreter = db.session.scalar(select(Interpreter))
    answered = client.post(
        response.headers["Location"], data={"state": "confirmed", "interpreter_id": str(interpreter.id), "version": "1"}
    )
    assert answered.status_code == 303
    db.session.refresh(entry)
    assert entry.state == "confirmed" and entry.interpreter_name == "Samira Haddad"
    assert "Keine offenen Anfragen" in client.get("/dolmetschen/").text
    detail = client.get(f"/klienten/{person.id}/termine/{appointment.id}")
    assert "zugesagt: Samira Haddad" in detail.text
    stale = client.post(response.headers["Location"], data={"state": "declined", "version": "1"})
    assert stale.status_code == 409


def test_short_notice_warns_and_legal_consequences_refuse_the_pool(client, login_as, make_client, make_appointment):
    manager = login_as("case_manager")
    person = make_client(manager)
    appointment = make_appointment(person, _working_days_ahead(3))
    base = f"/klienten/{person.id}/termine/{appointment.id}/dolmetschen"
    page = client.get(base)
    assert "der Sprachmittlerpool braucht 5" in page.text
    refused = client.post(base, data={"language": "ar", "kind": "pool", "legal_consequences": "y"})
    assert refused.status_code == 422 and "Rechtsfolgen" in refused.text
    ok = client.post(base, data={"language": "ar", "kind": "professional", "legal_consequences": "y"})
    assert ok.status_code == 303
    listing = client.get("/dolmetschen/")
    assert "knapp" not in listing.text  # professionals need no pool notice
    client.post(base, data={"language": "ar", "kind": "pool"})
    assert "knapp" in client.get("/dolmetschen/").text


def test_interpreters_list_is_kept_by_admin_and_team_lead(client, login_as):
    login_as("admin")
    assert client.get("/dolmetschen/").status_code == 200
    missing = client.post("/dolmetschen/liste/neu", data={"name": "", "source": "pool"})
    assert missing.status_code == 422 and "mindestens eine Sprache" in missing.text
    saved = client.post(
        "/dolmetschen/liste/neu",
        data={"name": "Dolmetschdienst Rhein-Ruhr", "source": "agency", "languages": ["ar", "fa"], "active": "y"},
    )
    assert saved.status_code == 303
    interpreter = db.session.scalar(select(Interpreter))
    assert interpreter.languages == "ar fa"
    stale = client.post(
        f"/dolmetschen/liste/{interpreter.id}",
        data={"name": "X", "source": "agency", "languages": ["ar"], "version": "0"},
    )
    assert stale.status_code == 409 and 'value="X"' in stale.text
    login_as("case_manager")
    assert client.get(f"/dolmetschen/liste/{interpreter.id}").status_code == 404
    assert "Dolmetschdienst Rhein-Ruhr" in client.get("/dolmetschen/").text
    login_as("reception")
    assert client.get("/dolmetschen/").status_code == 404
