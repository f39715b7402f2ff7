"""Documents tests: the store in the test's own folder, a case manager with a client, an upload helper."""

import io

import pytest

from kimweb import create_app
from kimweb.documents import reading
from kimweb.extensions import db
from tests.conftest import KimClient, base_config


@pytest.fixture
def app(db_template, tmp_path):
    config = base_config(db_template.fresh(tmp_path)) | {"DOCUMENTS_PATH": str(tmp_path / "documents")}
    app = create_app(config)
    app.test_client_class = KimClient
    with app.app_context():
        yield app
        reading.wait_idle()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def manager(make_user):
    return make_user("case_manager", display_name="Frau Fall")


@pytest.fixture
def person(make_client, manager):
    return make_client(manager)


@pytest.fixture
def upload(client):
    """POST files to a client's upload form: upload(person, ("name.pdf", bytes), type_id=1, **fields).
    Waits until the documents are read (the test's own session would otherwise hold SQLite's write
    lock while the reader wants it), unless wait=False."""

    def _upload(person, *files, type_id=1, wait=True, **fields):
        data = {"type_id": str(type_id), **fields, "files": [(io.BytesIO(content), name) for name, content in files]}
        response = client.post(f"/klienten/{person.id}/dokumente/neu", data=data, content_type="multipart/form-data")
        if wait:
            reading.wait_idle()
        return response

    return _upload
