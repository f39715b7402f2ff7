"""Who may do what in the directory; internal contacts and confidential addresses stay internal."""

import io
import zipfile

import pytest

from kimweb import security
from kimweb.directory.models import Contact, Location, Phone, ServiceAtLocation
from kimweb.extensions import db

EDIT_PAGES = [
    "/wegweiser/traeger/neu",
    "/wegweiser/angebot/{id}/bearbeiten",
    "/wegweiser/angebot/{id}/zeiten",
    "/wegweiser/angebot/{id}/sprachen",
    "/wegweiser/synonyme",
    "/wegweiser/angebot/{id}/kontakt/neu",
]


@pytest.fixture
def shelter(make_service):
    service = make_service("Schutzwohnung", organization="Frauenhaus Test")
    location = Location(
        organization_id=service.organization_id,
        name="Haus",
        address_1="Geheimweg 7",
        postal_code="46045",
        city="Oberhausen",
        address_confidential=True,
        transportation="Bus 966",
    )
    db.session.add(location)
    db.session.flush()
    service.at_locations.append(ServiceAtLocation(location_id=location.id))
    service.contacts.append(Contact(name="Frau Intern", visibility="internal", responsibility="Aufnahmen"))
    service.contacts.append(Contact(name="Beratungstelefon", visibility="public"))
    db.session.flush()
    db.session.add(Phone(contact_id=service.contacts[0].id, number="0208 111-222"))
    db.session.commit()
    return service


@pytest.mark.parametrize("role", ["reception", "case_manager", "team_lead"])
def test_staff_read_but_cannot_edit(client, login_as, shelter, role):
    login_as(role)
    assert client.get("/wegweiser/").status_code == 200
    assert client.get(f"/wegweiser/angebot/{shelter.id}").status_code == 200
    for page in EDIT_PAGES:
        assert client.get(page.format(id=shelter.id)).status_code == 403, page
    assert client.post(f"/wegweiser/angebot/{shelter.id}/bearbeiten", data={"name": "x"}).status_code == 403
    assert client.get("/wegweiser/austausch").status_code == 403
    assert client.get("/wegweiser/vorschlaege").status_code == 403


def test_admin_edits(client, login_as, shelter):
    login_as("admin")
    for page in EDIT_PAGES + ["/wegweiser/austausch", "/wegweiser/vorschlaege", "/wegweiser/pruefliste"]:
        assert client.get(page.format(id=shelter.id)).status_code == 200, page


def test_reception_cannot_verify(client, login_as, shelter):
    login_as("reception")
    assert client.post(f"/wegweiser/angebot/{shelter.id}/geprueft", data={"method": "phone"}).status_code == 403
    assert client.get("/wegweiser/pruefliste").status_code == 403


@pytest.mark.parametrize("role", ["reception", "case_manager", "admin"])
def test_staff_roles_see_internal_contacts_and_the_confidential_address(client, login_as, shelter, role):
    login_as(role)
    page = client.get(f"/wegweiser/angebot/{shelter.id}").text
    assert "Frau Intern" in page and "0208 111-222" in page and "Geheimweg 7" in page
    assert "vertraulich" in page


def test_without_the_permission_internal_data_is_hidden(client, login_as, shelter, monkeypatch):
    # A future role without directory.internal (e.g. volunteers) must see neither.
    limited = security.ROLE_PERMISSIONS["reception"] - {"directory.internal"}
    monkeypatch.setitem(security.ROLE_PERMISSIONS, "reception", limited)
    login_as("reception")
    for url in (f"/wegweiser/angebot/{shelter.id}", f"/wegweiser/traeger/{shelter.organization_id}"):
        page = client.get(url).text
        assert "Frau Intern" not in page and "0208 111-222" not in page, url
        assert "Geheimweg" not in page and "Bus 966" not in page, url
    assert "Beratungstelefon" in client.get(f"/wegweiser/angebot/{shelter.id}").text


def test_client_handout_never_shows_internal_data(client, login_as, shelter):
    login_as("admin")
    page = client.get(f"/wegweiser/angebot/{shelter.id}/handzettel").text
    assert "Frau Intern" not in page and "0208 111-222" not in page and "Geheimweg" not in page
    assert "Die Adresse erhalten Sie telefonisch." in page and "Beratungstelefon" in page


def test_public_export_leaves_out_internal_data(client, login_as, shelter):
    login_as("admin")
    response = client.get("/wegweiser/austausch/hsds.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    everything = "".join(archive.read(n).decode() for n in archive.namelist())
    assert "Frau Intern" not in everything and "0208 111-222" not in everything and "Geheimweg" not in everything
    assert "Beratungstelefon" in everything
    internal = zipfile.ZipFile(io.BytesIO(client.get("/wegweiser/austausch/hsds.zip?intern=1").data))
    assert "Geheimweg 7" in internal.read("physical_addresses.csv").decode()
    assert "Frau Intern" in internal.read("contacts.csv").decode()
