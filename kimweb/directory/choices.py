"""The fixed vocabularies of the directory (codes stored, German labels shown) and the ISO 639 list."""

from flask_babel import lazy_gettext as _l

from ..textfold import fold

SERVICE_STATUS = {
    "active": _l("aktiv"),
    "temporarily_closed": _l("vorübergehend geschlossen"),
    "inactive": _l("ruht"),
    "defunct": _l("eingestellt"),
}
# Shown in search results unless "auch eingestellte" is asked for.
LISTED_STATUSES = ("active", "temporarily_closed")

INTAKE_MODES = {
    "walk_in": _l("offene Sprechstunde (ohne Termin)"),
    "appointment": _l("nur mit Termin"),
    "referral_only": _l("nur über Zuweisung"),
}
CAPACITY = {
    "accepting": _l("nimmt auf"),
    "waitlist": _l("Warteliste"),
    "not_accepting": _l("keine Aufnahme"),
}
REFERRAL_CHANNELS = {
    "direct_line": _l("Durchwahl für Fachkräfte"),
    "mailbox": _l("Funktionspostfach"),
    "form": _l("Anmeldeformular"),
    "other": _l("anderer Weg"),
}
ATTENDING = {
    "hours": _l("geöffnet"),
    "walk_in": _l("offene Sprechstunde"),
    "appointment": _l("mit Termin"),
    "phone": _l("telefonisch"),
    "online": _l("online"),
}
LANGUAGE_MODES = {
    "staff": _l("Personal spricht sie"),
    "interpreter": _l("Dolmetschung vor Ort"),
    "phone_interpreter": _l("Telefondolmetschung"),
    "written": _l("schriftliches Material"),
    "easy": _l("Leichte Sprache"),
}
VERIFY_METHODS = {
    "phone": _l("Telefon"),
    "email": _l("E-Mail"),
    "website": _l("Website"),
    "visit": _l("Besuch"),
    "import": _l("Import"),
}
VISIBILITY = {"public": _l("öffentlich"), "internal": _l("nur intern")}
WEEKDAYS = {
    1: _l("Montag"),
    2: _l("Dienstag"),
    3: _l("Mittwoch"),
    4: _l("Donnerstag"),
    5: _l("Freitag"),
    6: _l("Samstag"),
    7: _l("Sonntag"),
}
WEEKDAYS_SHORT = {1: _l("Mo"), 2: _l("Di"), 3: _l("Mi"), 4: _l("Do"), 5: _l("Fr"), 6: _l("Sa"), 7: _l("So")}

# ISO 639 code -> German name; the languages clients of KIM need first, then common others.
LANGUAGES = {
    "de": "Deutsch",
    "en": "Englisch",
    "tr": "Türkisch",
    "ar": "Arabisch",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "ku": "Kurdisch",
    "kmr": "Kurmandschi",
    "ckb": "Sorani",
    "fa": "Persisch (Farsi)",
    "prs": "Dari",
    "ps": "Paschtu",
    "pl": "Polnisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "bs": "Bosnisch",
    "sr": "Serbisch",
    "hr": "Kroatisch",
    "sq": "Albanisch",
    "ti": "Tigrinya",
    "so": "Somali",
    "ka": "Georgisch",
    "rom": "Romani",
    "fr": "Französisch",
    "es": "Spanisch",
    "it": "Italienisch",
    "el": "Griechisch",
    "pt": "Portugiesisch",
    "vi": "Vietnamesisch",
    "zh": "Chinesisch",
    "hu": "Ungarisch",
    "am": "Amharisch",
    "ur": "Urdu",
    "hi": "Hindi",
    "ta": "Tamil",
    "nl": "Niederländisch",
    "sgn": "Gebärdensprache",
    "mk": "Mazedonisch",
    "lt": "Litauisch",
    "lv": "Lettisch",
    "cs": "Tschechisch",
    "sk": "Slowakisch",
    "tg": "Tadschikisch",
    "az": "Aserbaidschanisch",
    "hy": "Armenisch",
    "ha": "Hausa",
    "yo": "Yoruba",
    "ig": "Igbo",
}
# Names other packages use for the same codes (HSDS samples write "English", "Spanish").
LANGUAGE_ALIASES = {
    "english": "en",
    "englisch": "en",
    "german": "de",
    "deutsch": "de",
    "spanish": "es",
    "spanisch": "es",
    "french": "fr",
    "franzoesisch": "fr",
    "turkish": "tr",
    "tuerkisch": "tr",
    "arabic": "ar",
    "arabisch": "ar",
    "ukrainian": "uk",
    "ukrainisch": "uk",
    "russian": "ru",
    "russisch": "ru",
    "polish": "pl",
    "polnisch": "pl",
    "romanian": "ro",
    "rumaenisch": "ro",
    "farsi": "fa",
    "persian": "fa",
    "persisch": "fa",
    "italian": "it",
    "italienisch": "it",
    "kurdish": "ku",
    "kurdisch": "ku",
    "bulgarian": "bg",
    "bulgarisch": "bg",
    "albanian": "sq",
    "albanisch": "sq",
    "chinese": "zh",
    "vietnamese": "vi",
    "portuguese": "pt",
    "greek": "el",
}


def language_code(value: str | None) -> str | None:
    """An ISO 639 code from a code or a language name; None when it is neither."""
    key = fold(value)
    if key in LANGUAGES:
        return key
    return LANGUAGE_ALIASES.get(key)
