"""The demo is consistent (a walk-in waiting "ohne Akte" is nobody with a file; a known client's
visit carries the file's language) and `make run` can print the waiting-room screen's address."""

from sqlalchemy import select

from kimweb.clients.access import reception_lookup
from kimweb.clients.models import Client
from kimweb.demo import seed_all
from kimweb.extensions import db
from kimweb.reception.models import OPEN_STATES, Visit
from kimweb.textfold import fold


def test_demo_walk_ins_have_no_file(app):
    seed_all()
    walk_ins = db.session.scalars(select(Visit).where(Visit.client_id.is_(None), Visit.state.in_(OPEN_STATES))).all()
    assert walk_ins
    files = {(fold(c.family_name), fold(c.given_names)) for c in db.session.scalars(select(Client))}
    for visit in walk_ins:
        assert (fold(visit.family_name), fold(visit.given_names)) not in files, visit.family_name
        # The desk's own search would not offer a file for them either.
        found = reception_lookup(visit.family_name, visit.given_names)
        assert not [f for f in found if fold(f.family_name) == fold(visit.family_name)], visit.family_name


def test_demo_known_client_visit_carries_the_file_language(app):
    seed_all()
    known = db.session.scalars(select(Visit).where(Visit.client_id.is_not(None))).all()
    assert known
    for visit in known:
        person = db.session.get(Client, visit.client_id)
        if person.interpreter_needed:
            assert visit.interpreter == "needed" and visit.language == person.interpreter_language


def test_seed_demo_prints_the_waiting_room_address_once(runner):
    result = runner.invoke(args=["seed-demo", "--if-empty", "--port", "8080"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Wartezimmer-Anzeige:")]
    assert lines == ["Wartezimmer-Anzeige: http://127.0.0.1:8080/wartezimmer/demo-wartezimmer"]
    again = runner.invoke(args=["seed-demo", "--if-empty", "--port", "5000"])
    assert "Wartezimmer-Anzeige: http://127.0.0.1:5000/wartezimmer/demo-wartezimmer" in again.output
    # Without --port (scripts, deployments) no addresses are printed.
    assert "Wartezimmer-Anzeige" not in runner.invoke(args=["seed-demo"]).output
