"""Letters and forms out of kimweb: letters written from versioned, sandboxed templates (PDF and
DOCX, saved as a letter note and a document of the file), and the papers a client signs."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..contributions import CLIENT_FILE, Part, contribute
from . import views_contact, views_forms, views_letters, views_templates  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp
from .contact import staff_contact
from .papers import paper_states
from .queries import file_context

DEFAULTS = {
    # On every letter: the letterhead, the return line above the address, the place before the date.
    "LETTERS_OFFICE_NAME": "Kommunales Integrationsmanagement",
    "LETTERS_OFFICE_ADDRESS": "",
    "LETTERS_RETURN_ADDRESS": "Kommunales Integrationsmanagement",
    "LETTERS_PLACE": "Oberhausen",
}


def init_app(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.register_blueprint(bp)
    # Other features (handouts, appointment slips, the referral letter) print staff contact data.
    app.add_template_global(staff_contact, "staff_contact")
    contribute(
        app,
        Part(
            CLIENT_FILE,
            "letters",
            file_context,
            "letters/_file_section.html",
            order=66,
            permission="letter.write",
            label=_l("Briefe und Formulare"),
        ),
    )
    # For the file's consents (data only): consent id -> when its form was printed and when the
    # signed scan came back ("Formular gedruckt am …, unterschrieben eingegangen am …").
    contribute(app, Part(CLIENT_FILE, "consent_papers", paper_states, permission="letter.write", sections_only=True))
