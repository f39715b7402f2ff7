"""Forms to sign: the consent form from the recorded consent, the privacy information side by
side (German + the person's language, RTL laid out right to left), the help plan; a print is
recorded, and a signed scan attached to the consent shows when it came back."""

from datetime import date, timedelta

from sqlalchemy import select

from kimweb.clients.casework_models import Goal, Measure
from kimweb.documents.models import Document, DocumentType
from kimweb.extensions import db
from kimweb.letters.models import FormPrint, OfficeText
from kimweb.timeutil import format_date, local_today, utcnow


def test_consent_form_holds_what_was_recorded_and_the_print_is_recorded(client, person, office, consent_for):
    me, someone = person
    consent = consent_for(
        someone,
        office,
        purposes="referral exchange",
        scope="identity residence",
        health_data=True,
        valid_until=local_today() + timedelta(days=365),
        purpose="Verlängerung des Aufenthalts",
    )
    page = client.get(f"/klienten/{someone.id}/formulare")
    assert page.status_code == 200 and "noch nicht gedruckt" in page.text
    response = client.post(f"/klienten/{someone.id}/formulare/drucken/consent", data={"consent_id": consent.id})
    assert response.status_code == 303
    form = client.get(response.headers["Location"])
    text = form.text
    assert "Ausländerbehörde Oberhausen" in text
    assert "Vermittlung und Überleitung an diese Stelle" in text and "Austausch zur Abstimmung der Hilfen" in text
    assert "Name und Geburtsdatum" in text and "Aufenthaltsstatus" in text
    assert "Gesundheitsdaten sind eingeschlossen." in text
    assert f"bis {format_date(consent.valid_until)}" in text
    assert "jederzeit ganz oder teilweise widerrufen" in text
    assert "Verlängerung des Aufenthalts" in text
    assert "Den Widerruf richten Sie an: Petra Beispiel, Raum A 2.14" in text
    printed = db.session.scalars(select(FormPrint)).one()
    assert (printed.kind, printed.consent_id, printed.printed_by_id) == ("consent", consent.id, me.id)
    overview = client.get(f"/klienten/{someone.id}/formulare").text
    assert f"Formular gedruckt am {format_date(local_today())}" in overview
    assert "Unterschriebenes Formular hochladen" in overview
    # The signed scan arrives as a document of the consent.
    kind = db.session.scalar(select(DocumentType).where(DocumentType.label == "Einwilligung/Schweigepflichtentbindung"))
    db.session.add(
        Document(
            client_id=someone.id,
            type_id=kind.id,
            title="Einwilligung unterschrieben",
            filename="scan.pdf",
            media_type="application/pdf",
            size=10,
            sha256="0" * 64,
            uploaded_by_id=me.id,
            consent_id=consent.id,
            uploaded_at=utcnow(),
        )
    )
    db.session.commit()
    overview = client.get(f"/klienten/{someone.id}/formulare").text
    assert f"unterschrieben eingegangen am {format_date(local_today())}" in overview


def test_a_consent_of_another_file_cannot_be_printed(client, person, office, consent_for, make_client):
    me, someone = person
    other = make_client(me, family="Zweite")
    consent = consent_for(other, office)
    assert (
        client.post(f"/klienten/{someone.id}/formulare/drucken/consent", data={"consent_id": consent.id}).status_code
        == 404
    )
    assert client.get(f"/klienten/{someone.id}/formulare/einwilligung/{consent.id}").status_code == 404
    assert client.post(f"/klienten/{someone.id}/formulare/drucken/unbekannt").status_code == 404


def test_privacy_information_side_by_side_and_rtl(client, person, login_as, enter):
    me, someone = person
    login_as("admin")
    new = client.post(
        "/texte/datenschutz/neu",
        data={
            "language": "ar",
            "title": "معلومات حماية البيانات",
            "body": "نحن نساعدك.\n\nيمكنك سحب موافقتك في أي وقت.",
            "version": "0",
        },
    )
    assert new.status_code == 303
    twice = client.post("/texte/datenschutz/neu", data={"language": "ar", "title": "x", "body": "y", "version": "0"})
    assert twice.status_code == 422
    enter(me)
    response = client.post(f"/klienten/{someone.id}/formulare/drucken/privacy", data={"language": "ar"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    assert '<section class="paper-column" lang="de" dir="ltr">' in page
    assert '<section class="paper-column" lang="ar" dir="rtl">' in page
    assert page.index("Informationen zum Datenschutz (Art. 13 DSGVO)") < page.index("معلومات حماية البيانات")
    assert "يمكنك سحب موافقتك في أي وقت." in page
    assert db.session.scalars(select(FormPrint)).one().language == "ar"


def test_shipped_languages_and_simple_german(client, person):
    _me, someone = person
    languages = set(db.session.scalars(select(OfficeText.language)))
    assert {"de", "de-x-ls", "en"} <= languages
    response = client.post(f"/klienten/{someone.id}/formulare/drucken/privacy", data={"language": "de-x-ls"})
    page = client.get(response.headers["Location"]).text
    assert '<section class="paper-column" lang="de" dir="ltr">' in page
    assert "Sie dürfen Ihre Erlaubnis zurücknehmen." in page
    # An unknown language prints German only.
    response = client.post(f"/klienten/{someone.id}/formulare/drucken/privacy", data={"language": "xx"})
    assert client.get(response.headers["Location"]).text.count('class="paper-column"') == 1


def test_an_admin_edit_of_a_text_is_a_new_version(client, login_as):
    login_as("admin")
    response = client.post(
        "/texte/datenschutz/en", data={"language": "en", "title": "Privacy", "body": "New text", "version": "1"}
    )
    assert response.status_code == 303
    numbers = list(
        db.session.scalars(select(OfficeText.number).where(OfficeText.language == "en").order_by(OfficeText.number))
    )
    assert numbers == [1, 2]
    assert (
        client.post(
            "/texte/datenschutz/en", data={"language": "en", "title": "P", "body": "B", "version": "1"}
        ).status_code
        == 409
    )


def test_help_plan_for_signature(client, person, office):
    _me, someone = person
    goal = Goal(client_id=someone.id, text="Aufenthalt sichern", target_on=date(2027, 3, 1), status="open")
    goal.measures = [
        Measure(what="Antrag auf Verlängerung stellen", responsible="case_manager", due_on=date(2027, 1, 15)),
        Measure(what="Pass verlängern lassen", responsible="client", due_on=date(2027, 1, 31)),
        Measure(what="Termin vergeben", responsible="agency", organization_id=office.id),
    ]
    db.session.add_all([goal, Goal(client_id=someone.id, text="Erledigtes Ziel", status="done")])
    db.session.commit()
    response = client.post(f"/klienten/{someone.id}/formulare/drucken/plan")
    page = client.get(response.headers["Location"]).text
    assert "Ziel 1: Aufenthalt sichern" in page and "erreicht bis 01.03.2027" in page
    assert "Antrag auf Verlängerung stellen" in page and "15.01.2027" in page
    assert "Pass verlängern lassen" in page and "Klient/in" in page
    assert "Stelle (Ausländerbehörde Oberhausen)" in page
    assert "Erledigtes Ziel" not in page
    assert "Unterschrift" in page
