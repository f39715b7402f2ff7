"""flask clients rekey: every client's search columns and duplicate keys computed again."""

from datetime import date

from sqlalchemy import insert, select, update

from kimweb.clients.matching import PersonQuery, likely_matches, name_keys, search_columns
from kimweb.clients.models import Client, ClientNameKey
from kimweb.extensions import db

HX = {"HX-Request": "true"}


def stored_keys(person: Client) -> set[str]:
    return set(db.session.scalars(select(ClientNameKey.key).where(ClientNameKey.client_id == person.id)))


def test_rekey_writes_every_clients_keys_again_in_batches(runner, make_user, make_client):
    manager = make_user("case_manager")
    people = [
        make_client(manager, "Al-Hassan", "Mohammed", date(1985, 3, 12)),
        make_client(manager, "Шевченко", "Олександр", None, other_spellings="Shevchenko Oleksandr"),
        make_client(manager, "Yılmaz", "Ayşe", date(1970, 2, 14)),
    ]
    expected = {
        p.id: (
            search_columns(p.family_name, p.given_names, tuple(p.spellings), p.case_number),
            name_keys(p.family_name, p.given_names, p.spellings, p.birth_date),
        )
        for p in people
    }
    # Keys as older spelling rules might have left them.
    db.session.execute(update(Client).values(sort_name="x", search_text=" x ", search_keys=" x "))
    db.session.execute(ClientNameKey.__table__.delete())
    db.session.execute(insert(ClientNameKey), [{"key": "old", "client_id": p.id} for p in people])
    db.session.commit()
    changed_at = dict(db.session.execute(select(Client.id, Client.updated_at)).all())
    assert likely_matches(PersonQuery("Alhasan", "Muhamad", birth_date=date(1985, 3, 12))) == []

    result = runner.invoke(args=["clients", "rekey", "--batch", "2"])

    assert result.exit_code == 0, result.output
    assert "von 3 Klient/innen neu berechnet" in result.output
    db.session.expire_all()
    for person in people:
        columns, keys = expected[person.id]
        assert {name: getattr(person, name) for name in columns} == columns
        assert stored_keys(person) == keys
        assert person.updated_at == changed_at[person.id]  # not an edit by a person
    assert [h.client_id for h in likely_matches(PersonQuery("Alhasan", "Muhamad", birth_date=date(1985, 3, 12)))] == [
        people[0].id
    ]


def test_rekey_finds_clients_in_list_search_again(client, runner, login_as, make_client):
    me = login_as("case_manager")
    make_client(me, "Al-Hassan", "Mohammed")
    db.session.execute(update(Client).values(search_keys="  "))
    db.session.commit()
    assert "Al-Hassan" not in client.post("/klienten/", data={"q": "muhamad"}, headers=HX).text
    assert runner.invoke(args=["clients", "rekey"]).exit_code == 0
    assert "Al-Hassan, Mohammed" in client.post("/klienten/", data={"q": "muhamad"}, headers=HX).text


def test_rekey_refuses_a_batch_of_none(runner):
    result = runner.invoke(args=["clients", "rekey", "--batch", "0"])
    assert result.exit_code != 0
