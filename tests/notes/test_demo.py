"""The demo notes: seeded for the demo clients, twice without doubling, and their timeline renders."""

from sqlalchemy import func, select

from kimweb.clients.models import Client
from kimweb.demo import seed_all
from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from tests.helpers import log_in, whole_file


def test_demo_notes_are_idempotent_and_render(app, client):
    seed_all()
    count = db.session.scalar(select(func.count()).select_from(ContactNote))
    assert count >= 5
    seed_all()
    assert db.session.scalar(select(func.count()).select_from(ContactNote)) == count
    person = db.session.scalar(select(Client).where(Client.family_name == "Al-Hassan"))
    log_in(client, person.case_manager)
    page = whole_file(client, person.id)
    assert page.status_code == 200 and "Telefonat mit der ABH" in page.text
    assert 'href="https://www.bamf.de/DE/Themen/Integration/"' in page.text
