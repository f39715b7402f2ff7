"""Real threads against the real database (SQLite or PostgreSQL): ticket numbers never repeat,
one person checked in twice at once is one visit, two colleagues calling at once call two people."""

import threading

from sqlalchemy import func, select

from kimweb.auth.models import User
from kimweb.extensions import db
from kimweb.reception.models import Visit
from kimweb.reception.visits import call_next, check_in

THREADS = 8


def _run_in_threads(app, count, work):
    """Run work(index) in `count` threads at once, each with its own app context and session."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def runner(index):
        with app.app_context():
            try:
                barrier.wait()
                results[index] = work(index)
                db.session.commit()
            except Exception as error:  # collected and re-raised in the test thread
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def _user(user_id):
    return db.session.get(User, user_id)


def test_ticket_numbers_never_repeat(app, staff):
    desk_id = staff["desk"].id
    db.session.rollback()

    def work(index):
        tickets = []
        for n in range(5):
            visit = check_in(_user(desk_id), family_name=f"Person {index}-{n}").visit
            tickets.append(visit.ticket)
            db.session.commit()
        return tickets

    results = _run_in_threads(app, THREADS, work)
    numbers = sorted(n for tickets in results for n in tickets)
    assert numbers == list(range(1, THREADS * 5 + 1))


def test_same_client_at_two_desks_is_one_visit(app, staff, make_client):
    person = make_client(staff["cm"])
    desk_id, client_id, cm_id = staff["desk"].id, person.id, staff["cm"].id
    db.session.rollback()

    def work(_index):
        return check_in(_user(desk_id), client_id=client_id, case_manager_id=cm_id).visit.id

    ids = _run_in_threads(app, THREADS, work)
    assert len(set(ids)) == 1
    assert db.session.scalar(select(func.count()).select_from(Visit).where(Visit.client_id == client_id)) == 1


def test_two_colleagues_calling_at_once_call_two_people(app, staff, make_user, make_visit):
    colleagues = [staff["cm"].id] + [make_user("case_manager", team="Osterfeld").id for _ in range(THREADS - 1)]
    for _ in range(THREADS):
        make_visit(staff["desk"])
    db.session.rollback()

    def work(index):
        visit = call_next(_user(colleagues[index]), f"R{index}")
        return visit.id if visit else None

    called = _run_in_threads(app, THREADS, work)
    assert None not in called
    assert len(set(called)) == THREADS
    by_visit = dict(db.session.execute(select(Visit.id, Visit.called_by_id)).all())
    assert sorted(by_visit[v] for v in called) == sorted(colleagues)


def test_more_callers_than_people_waiting(app, staff, make_user, make_visit):
    colleagues = [make_user("case_manager", team="Osterfeld").id for _ in range(THREADS)]
    make_visit(staff["desk"])
    make_visit(staff["desk"])
    db.session.rollback()

    def work(index):
        visit = call_next(_user(colleagues[index]), "R")
        return visit.id if visit else None

    called = [v for v in _run_in_threads(app, THREADS, work) if v]
    assert len(called) == len(set(called)) == 2
