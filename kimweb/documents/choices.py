"""Code lists of the documents area."""

from flask_babel import lazy_gettext as _l

# Identity documents recorded as seen (instead of keeping a copy).
ID_KINDS = {
    "passport": _l("Reisepass oder Passersatz"),
    "residence_card": _l("Aufenthaltstitel (Karte)"),
    "id_card": _l("Personalausweis"),
    "fiktion": _l("Fiktionsbescheinigung"),
    "duldung": _l("Duldung oder Aufenthaltsgestattung"),
    "other": _l("anderes Ausweisdokument"),
}
