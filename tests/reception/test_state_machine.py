"""The visit state machine: every allowed step with its timestamp, every other step refused,
and who may take which step."""

import itertools

import pytest
from sqlalchemy import update

from kimweb.extensions import db
from kimweb.reception.models import STATES, Visit
from kimweb.reception.visits import TRANSITIONS, QueueError, allowed_targets, call_next, change_state

ALL_PAIRS = [(a, b) for a, b in itertools.product(STATES, STATES) if a != b]


def _in_state(visit, state, called_by=None):
    db.session.execute(update(Visit).where(Visit.id == visit.id).values(state=state, called_by_id=called_by))
    db.session.commit()
    db.session.refresh(visit)
    return visit


def _actor(staff, who):
    return staff["desk"] if who == "desk" else staff["cm"]


@pytest.mark.parametrize("start, target", ALL_PAIRS)
def test_every_pair_of_states(staff, make_visit, start, target):
    """Allowed pairs work for someone allowed to take them; all other pairs fail for everyone."""
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    allowed = TRANSITIONS.get((start, target), frozenset())
    for who in ("desk", "own"):
        _in_state(visit, start, called_by=staff["cm"].id)
        actor = _actor(staff, who)
        if who in allowed:
            change_state(visit, target, actor, room="1.04")
            db.session.commit()
            assert visit.state == target
        else:
            with pytest.raises(QueueError):
                change_state(visit, target, actor, room="1.04")
            db.session.rollback()
            db.session.refresh(visit)
            assert visit.state == start


def test_timestamps_follow_the_visit(staff, make_visit):
    cm = staff["cm"]
    visit = make_visit(staff["desk"], case_manager_id=cm.id)
    assert visit.checked_in_at and visit.called_at is None
    change_state(visit, "called", cm, room="2.14")
    assert visit.called_at and visit.called_by_id == cm.id and visit.room == "2.14"
    change_state(visit, "in_consultation", cm)
    assert visit.started_at and visit.started_at >= visit.called_at
    change_state(visit, "done", cm)
    assert visit.ended_at and visit.ended_at >= visit.started_at
    db.session.commit()


def test_back_into_the_queue_forgets_the_call(staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    change_state(visit, "called", staff["cm"], room="1")
    change_state(visit, "waiting", staff["desk"])
    assert (visit.called_at, visit.called_by_id, visit.room) == (None, None, "")


def test_a_stale_screen_changes_nothing(staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    change_state(visit, "called", staff["cm"], room="1")
    db.session.commit()
    with pytest.raises(QueueError):
        # The desk still saw "waiting" and pressed "left".
        change_state(visit, "left", staff["desk"], seen="waiting")
    db.session.rollback()
    db.session.refresh(visit)
    assert visit.state == "called"


def test_case_managers_only_take_whom_they_may(staff, make_visit, make_user):
    cm, other = staff["cm"], staff["other"]
    mine = make_visit(staff["desk"], case_manager_id=cm.id)
    theirs = make_visit(staff["desk"], case_manager_id=other.id)
    district = make_visit(staff["desk"], team_id=other.team_id)
    anyone = make_visit(staff["desk"])
    assert allowed_targets(mine, cm) == ["called"]
    assert allowed_targets(theirs, cm) == []
    assert allowed_targets(district, cm) == []
    assert allowed_targets(district, other) == ["called"]
    assert allowed_targets(anyone, cm) == ["called"]
    with pytest.raises(QueueError):
        change_state(theirs, "called", cm, room="1")
    db.session.rollback()
    # Once called, only the colleague who called may go on (or the team lead of their team).
    change_state(anyone, "called", other, room="3")
    db.session.commit()
    assert "in_consultation" not in allowed_targets(anyone, cm)
    assert "in_consultation" in allowed_targets(anyone, other)
    assert "in_consultation" not in allowed_targets(anyone, staff["lead"])  # another team's lead
    their_lead = make_user("team_lead", username="leitung2", team="Sterkrade-Mitte")
    assert "in_consultation" in allowed_targets(anyone, their_lead)


def test_desk_never_calls_and_admin_does_nothing(staff, make_visit):
    visit = make_visit(staff["desk"])
    assert "called" not in allowed_targets(visit, staff["desk"])
    assert allowed_targets(visit, staff["admin"]) == []


def test_call_next_takes_the_longest_waiting_one_for_me(staff, make_visit):
    cm = staff["cm"]
    make_visit(staff["desk"], case_manager_id=staff["other"].id)
    first = make_visit(staff["desk"])
    second = make_visit(staff["desk"], case_manager_id=cm.id)
    assert call_next(cm, "1.01").id == first.id
    assert call_next(cm, "1.01").id == second.id
    assert call_next(cm, "1.01") is None
    db.session.commit()


def test_state_changes_over_http(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"], case_manager_id=staff["cm"].id)
    enter(staff["desk"])
    response = client.post(
        f"/empfang/besuch/{visit.id}/status", data={"to": "left", "seen": "waiting", "back": "board"}
    )
    # Back to the board, which offers the undo for this visit.
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/empfang/warteschlange?zuletzt={visit.id}")
    db.session.refresh(visit)
    assert visit.state == "left"
    # Reception cannot call; the refusal is a German message, nothing changes.
    client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "waiting", "seen": "left"})
    response = client.post(
        f"/empfang/besuch/{visit.id}/status", data={"to": "called", "seen": "waiting"}, follow_redirects=True
    )
    assert "nicht möglich" in response.text
    db.session.refresh(visit)
    assert visit.state == "waiting"


def test_state_change_needs_csrf_and_a_role(client, enter, staff, make_visit):
    visit = make_visit(staff["desk"])
    enter(staff["admin"])
    assert client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "left"}).status_code == 403
    enter(staff["desk"])
    assert client.post(f"/empfang/besuch/{visit.id}/status", data={"to": "left"}, csrf=False).status_code == 400
    assert client.get(f"/empfang/besuch/{visit.id}/status").status_code == 405
