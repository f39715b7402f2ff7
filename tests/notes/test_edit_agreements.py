"""Agreements of a case conference, changed after saving through the note's edit form: text, who
and date changed (the open follow-up moves with them), agreements added (a new follow-up) and
removed (the open follow-up goes, a done one stays); each change audited by id, the old state in
the note's history, a stale edit 409 with the rows kept on screen."""

from datetime import timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import FollowUp
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteAgreement
from kimweb.timeutil import format_date, local_today, utcnow
from tests.helpers import note_form, whole_file


def day(days: int) -> str:
    return format_date(local_today() + timedelta(days=days))


def conference(**values) -> dict:
    return note_form(**{"kind": "case_conference", "text": "Fallkonferenz mit Jobcenter und Kita", **values})


def rows(*agreements) -> dict:
    """Form fields of agreement rows: (id or None, what, who, due[, remove])."""
    data = {}
    for index, (agreement_id, what, who, due, *remove) in enumerate(agreements):
        data.update(
            {
                f"agreements-{index}-id": str(agreement_id or ""),
                f"agreements-{index}-what": what,
                f"agreements-{index}-who": who,
                f"agreements-{index}-due": due,
            }
        )
        if remove:
            data[f"agreements-{index}-remove"] = "y"
    return data


def _conference_note(client, person):
    response = client.post(
        f"/klienten/{person.id}/notizen/neu",
        data=conference(
            **rows((None, "Kita-Platz anfragen", "Frau Haddad", day(14)), (None, "Bescheid prüfen", "", day(7)))
        ),
    )
    assert response.status_code == 303
    note = db.session.scalar(select(ContactNote))
    kita, bescheid = note.agreements
    return note, kita, bescheid


def test_agreements_are_changed_added_and_removed_with_their_follow_ups(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    kita_follow_up, bescheid_follow_up, bescheid_id = kita.follow_up_id, bescheid.follow_up_id, bescheid.id
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    # The timeline leads straight to the agreements of one's own conference note.
    assert f"{url}#agreements" in whole_file(client, person.id).text
    form = client.get(url).text
    assert f'name="agreements-0-id" type="hidden" value="{kita.id}"' in form
    assert 'value="Kita-Platz anfragen"' in form and f'value="{day(14)}"' in form
    assert 'name="agreements-1-remove"' in form and 'name="agreements-3-what"' in form  # two rows to add
    assert 'name="agreements-3-remove"' not in form
    response = client.post(
        url,
        data=conference(
            version="1",
            **rows(
                (kita.id, "Kita-Platz in der Kita Sonnenblume anfragen", "Frau Haddad", day(21)),
                (bescheid.id, "Bescheid prüfen", "", day(7), "remove"),
                (None, "Sprachkurs mit Kinderbetreuung suchen", "Fallmanagement", day(10)),
                (None, "", "", ""),
            ),
        ),
    )
    assert response.status_code == 303
    db.session.expire_all()
    note = db.session.get(ContactNote, note.id)
    assert [(a.what, a.who, a.due_on) for a in note.agreements] == [
        ("Kita-Platz in der Kita Sonnenblume anfragen", "Frau Haddad", local_today() + timedelta(days=21)),
        ("Sprachkurs mit Kinderbetreuung suchen", "Fallmanagement", local_today() + timedelta(days=10)),
    ]
    moved = db.session.get(FollowUp, kita_follow_up)
    assert (moved.title, moved.due_on, moved.version) == (
        "Kita-Platz in der Kita Sonnenblume anfragen (Frau Haddad)",
        local_today() + timedelta(days=21),
        2,
    )
    assert note.agreements[0].follow_up_id == kita_follow_up
    assert db.session.get(FollowUp, bescheid_follow_up) is None  # open, and no longer agreed
    added = note.agreements[1].follow_up
    assert (added.title, added.assignee_id, added.done_at) == (
        "Sprachkurs mit Kinderbetreuung suchen (Fallmanagement)",
        owner.id,
        None,
    )
    assert db.session.scalar(select(NoteAgreement).where(NoteAgreement.id == bescheid_id)) is None
    assert note.version == 2
    # The history keeps what was agreed before; the audit trail has ids and field names only.
    assert "Bescheid prüfen · bis " + day(7) in note.revisions[0].agreement_summary
    assert "Bescheid prüfen" not in note.revisions[1].agreement_summary
    history = client.get(f"/klienten/{person.id}/notizen/{note.id}/verlauf").text
    assert "Kita-Platz in der Kita Sonnenblume anfragen · Frau Haddad · bis " + day(21) in history
    assert "Bescheid prüfen · bis " + day(7) in history
    events = {
        e.action: e for e in db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "note_agreement"))
    }
    assert set(events) == {"note.agreement_changed", "note.agreement_removed", "note.agreement_added"}
    assert events["note.agreement_changed"].object_id == str(kita.id)
    assert events["note.agreement_changed"].detail == (
        f"client={person.id}; note={note.id}; fields=what,due; followup={kita_follow_up} updated"
    )
    assert events["note.agreement_removed"].detail.endswith(f"followup={bescheid_follow_up} removed")
    assert events["note.agreement_added"].detail.endswith(f"followup={added.id} created")
    assert not any("Kita" in (e.detail or "") for e in events.values())
    page = whole_file(client, person.id).text
    assert "Kita Sonnenblume" in page and "Sprachkurs mit Kinderbetreuung" in page


def test_a_done_follow_up_stays_done(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    for follow_up in (kita.follow_up, bescheid.follow_up):
        follow_up.done_at, follow_up.done_by_id = utcnow(), owner.id
    kita_follow_up, bescheid_follow_up = kita.follow_up_id, bescheid.follow_up_id
    db.session.commit()
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    assert "erledigt am" in client.get(url).text
    response = client.post(
        url,
        data=conference(
            version="1",
            **rows(
                (kita.id, "Kita-Platz anfragen", "Frau Haddad", day(30)),
                (bescheid.id, "Bescheid prüfen", "", day(7), "y"),
            ),
        ),
    )
    assert response.status_code == 303
    db.session.expire_all()
    kept = db.session.get(FollowUp, kita_follow_up)
    assert kept.due_on == local_today() + timedelta(days=14) and kept.done_at is not None and kept.version == 1
    assert db.session.get(FollowUp, bescheid_follow_up).done_at is not None
    removed = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.agreement_removed"))
    assert removed.detail.endswith(f"followup={bescheid_follow_up} kept_done")


def test_a_saved_date_in_the_past_does_not_block_an_edit(client, make_user, make_client, enter):
    """The conference was weeks ago; its agreement's day has passed. Correcting a typo must work."""
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    kita.due_on = local_today() - timedelta(days=3)
    db.session.commit()
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    unchanged = rows(
        (kita.id, "Kita-Platz anfragen", "Frau Haddad", day(-3)), (bescheid.id, "Bescheid prüfen", "", day(7))
    )
    assert client.post(url, data=conference(version="1", text="Tippfehler berichtigt", **unchanged)).status_code == 303
    moved_back = rows(
        (kita.id, "Kita-Platz anfragen", "Frau Haddad", day(-5)), (None, "Neu, aber schon vorbei", "", day(-1))
    )
    response = client.post(url, data=conference(version="2", **moved_back))
    assert response.status_code == 422
    assert response.text.count("Das Datum kann nicht in der Vergangenheit liegen.") == 2
    assert db.session.get(ContactNote, note.id).version == 2


def test_a_stale_edit_of_agreements_is_409_and_keeps_the_rows(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    kita, bescheid = kita.id, bescheid.id
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    assert (
        client.post(
            url,
            data=conference(
                version="1",
                **rows(
                    (kita, "Kita-Platz anfragen", "Frau Haddad", day(14)),
                    (bescheid, "Bescheid prüfen", "", day(7), "y"),
                ),
            ),
        ).status_code
        == 303
    )
    stale = client.post(
        url,
        data=conference(
            version="1",
            **rows(
                (kita, "Kita-Platz anfragen", "Frau Haddad", day(28)),
                (bescheid, "Bescheid prüfen und Widerspruch einlegen", "", day(9)),
            ),
        ),
    )
    assert stale.status_code == 409
    assert f'value="{day(28)}"' in stale.text and "Bescheid prüfen und Widerspruch einlegen" in stale.text
    db.session.expire_all()
    note = db.session.get(ContactNote, note.id)
    assert [(a.what, a.due_on) for a in note.agreements] == [
        ("Kita-Platz anfragen", local_today() + timedelta(days=14))
    ]
    # Taking it over after the conflict: the agreement removed meanwhile comes back as a new one.
    again = client.post(
        url,
        data=conference(
            version="2",
            **rows(
                (kita, "Kita-Platz anfragen", "Frau Haddad", day(28)),
                (bescheid, "Bescheid prüfen und Widerspruch einlegen", "", day(9)),
            ),
        ),
    )
    assert again.status_code == 303
    db.session.expire_all()
    note = db.session.get(ContactNote, note.id)
    assert [a.what for a in note.agreements] == ["Kita-Platz anfragen", "Bescheid prüfen und Widerspruch einlegen"]
    assert all(a.follow_up is not None and a.follow_up.done_at is None for a in note.agreements)
    open_follow_ups = db.session.scalars(
        select(FollowUp.title).where(FollowUp.done_at.is_(None)).order_by(FollowUp.id)
    ).all()
    assert open_follow_ups == ["Kita-Platz anfragen (Frau Haddad)", "Bescheid prüfen und Widerspruch einlegen"]


def test_an_agreement_of_another_note_is_404(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    assert (
        client.post(
            f"/klienten/{person.id}/notizen/neu", data=conference(**rows((None, "Andere Vereinbarung", "", day(5))))
        ).status_code
        == 303
    )
    other = db.session.scalar(select(ContactNote).where(ContactNote.id != note.id))
    foreign = other.agreements[0]
    response = client.post(
        f"/klienten/{person.id}/notizen/{note.id}/bearbeiten",
        data=conference(
            version="1",
            **rows((foreign.id, "Übernommen", "", day(5)), (kita.id, "Kita-Platz anfragen", "Frau Haddad", day(14))),
        ),
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(NoteAgreement, foreign.id).what == "Andere Vereinbarung"
    assert db.session.get(ContactNote, note.id).version == 1


def test_a_conference_with_agreements_stays_one_until_they_are_removed(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    kept = rows((kita.id, "Kita-Platz anfragen", "Frau Haddad", day(14)), (bescheid.id, "Bescheid prüfen", "", day(7)))
    response = client.post(url, data=note_form(kind="in_person", version="1", **kept))
    assert response.status_code == 422 and "Diese Fallkonferenz hat Vereinbarungen." in response.text
    removed = rows(
        (kita.id, "Kita-Platz anfragen", "Frau Haddad", day(14), "y"), (bescheid.id, "Bescheid prüfen", "", day(7), "y")
    )
    assert client.post(url, data=note_form(kind="in_person", version="1", **removed)).status_code == 303
    db.session.expire_all()
    note = db.session.get(ContactNote, note.id)
    assert note.kind == "in_person" and note.agreements == [] and note.conference is None
    assert db.session.scalar(select(FollowUp)) is None


def test_deleting_a_conference_note_takes_its_open_follow_ups_along(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note, kita, bescheid = _conference_note(client, person)
    done = db.session.get(FollowUp, bescheid.follow_up_id)
    done.done_at = utcnow()
    db.session.commit()
    open_id, done_id = kita.follow_up_id, bescheid.follow_up_id
    response = client.post(
        f"/klienten/{person.id}/notizen/{note.id}/loeschen",
        data={"reason": "Doppelt erfasst, siehe Notiz vom Vortag.", "version": str(note.version)},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(FollowUp, open_id) is None
    assert db.session.get(FollowUp, done_id) is not None
    assert len(db.session.scalar(select(ContactNote)).agreements) == 2
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.deleted"))
    assert f"followups_removed={open_id}" in event.detail
