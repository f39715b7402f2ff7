"""The fixed vocabularies of the directory (codes stored, German labels shown) and the ISO 639 list."""

import functools
import re

import babel
from flask_babel import LazyString, get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

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

# The languages clients of KIM need first (in this order: desk and intake lists begin with them), with
# the German names the office uses where CLDR has none or another one; codes as stored, ISO 639.
KIM_LANGUAGES = {
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
# Codes CLDR does not name (variants and collective codes), in English.
_ENGLISH_EXTRA = {
    "kmr": "Kurmanji (Northern Kurdish)",
    "ckb": "Sorani (Central Kurdish)",
    "fa": "Persian (Farsi)",
    "prs": "Dari",
    "sgn": "Sign language",
}
# Other names people and packages write for a language: variants of a macrolanguage, older spellings,
# ISO 639-2/3 codes of the languages above.
_OTHER_NAMES = {
    "kmr": ("Kurmanji", "Kurmancî", "Nordkurdisch", "Northern Kurdish", "kur-kmr"),
    "ckb": ("Sorani", "Zentralkurdisch", "Central Kurdish"),
    "fa": ("Farsi", "Persian", "Persisch", "Iranian Persian", "per", "fas", "pes"),
    "prs": ("Dari", "Afghan Persian", "fa-AF", "Dari-Persisch"),
    "ps": ("Pashto", "Pushto", "Paschto", "Paschtunisch", "pus", "pbu"),
    "ti": ("Tigrinya", "Tigrinisch", "Tigrigna", "tir"),
    "ar": ("ara", "Arabic"),
    "tr": ("tur",),
    "uk": ("ukr",),
    "ru": ("rus",),
    "de": ("deu", "ger"),
    "en": ("eng",),
    "so": ("som",),
    "am": ("amh",),
    "ku": ("kur",),
    "sq": ("sqi", "alb"),
    "ro": ("ron", "rum", "Moldawisch", "Moldavian"),
    "sr": ("srp",),
    "bs": ("bos",),
    "hr": ("hrv",),
    "pl": ("pol",),
    "bg": ("bul",),
    "ka": ("kat", "geo"),
    "rom": ("Romanes", "Romany"),
    "sgn": ("Deutsche Gebärdensprache", "DGS", "gsg"),
    "zh": ("Mandarin", "zho", "chi"),
    "hy": ("hye", "arm"),
}


def _cldr_languages() -> tuple[dict[str, str], dict[str, str]]:
    """Every ISO 639 code CLDR names (through Babel), with its German and English name; the languages
    KIM needs first."""
    german: dict[str, str] = dict(babel.Locale("de").languages)
    english: dict[str, str] = dict(babel.Locale("en").languages)
    codes = [c for c in map(str, german) if c.isascii() and c.isalpha() and c.islower() and 2 <= len(c) <= 3]
    names_de = dict(KIM_LANGUAGES)
    for code in sorted(codes, key=lambda c: german[c].casefold()):
        names_de.setdefault(code, german[code])
    names_en = {code: _ENGLISH_EXTRA.get(code) or english.get(code) or names_de[code] for code in names_de}
    return names_de, names_en


# ISO 639 code -> German name (stored codes, shown names), and the English names.
LANGUAGES, LANGUAGES_EN = _cldr_languages()


def language_name(code: str, locale: str = "de") -> str:
    """The name of a language in German or English; the code itself when it is not known."""
    names = LANGUAGES_EN if locale == "en" else LANGUAGES
    return names.get(code, code)


def shown_language(code: str) -> str:
    """A language's name in the user's language (German outside a request)."""
    locale = get_locale()
    return language_name(code, locale.language if locale else "de")


@functools.lru_cache(maxsize=4)
def _language_options(locale: str) -> str:
    names = LANGUAGES_EN if locale == "en" else LANGUAGES
    ordered = sorted(names.items(), key=lambda item: fold(item[1]))
    return "".join(f'<option value="{code}">{escape(name)}</option>' for code, name in ordered)


def language_options(selected: str = "") -> Markup:
    """The <option>s of every language (over 600), in the user's language and its order, with
    `selected` selected: built once per locale, not on every page that offers the choice."""
    locale = get_locale()
    options = _language_options(locale.language if locale else "de")
    if selected in LANGUAGES:
        options = options.replace(f'<option value="{selected}">', f'<option value="{selected}" selected>', 1)
    return Markup(options)


# Code -> name in the user's language, for forms and pages (evaluated when shown).
LANGUAGE_LABELS = {code: LazyString(shown_language, code) for code in LANGUAGES}


def _aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for names in (LANGUAGES_EN, LANGUAGES):
        for code, name in names.items():
            aliases.setdefault(fold(name), code)
            # "Persisch (Farsi)", "Kurmanji (Northern Kurdish)": each part names the language too.
            for part in re.split(r"\s*[()]\s*", name):
                if part:
                    aliases.setdefault(fold(part), code)
    for code, others in _OTHER_NAMES.items():
        for other in others:
            aliases[fold(other)] = code
    return aliases


# Folded name (German or English, variants, other codes) -> code.
LANGUAGE_ALIASES = _aliases()


def language_code(value: str | None) -> str | None:
    """An ISO 639 code from a code or a language name; None when it is neither."""
    key = fold(value)
    if key in LANGUAGES:
        return key
    if key.replace(" ", "-") in LANGUAGE_ALIASES:
        return LANGUAGE_ALIASES[key.replace(" ", "-")]
    # "ar-SY", "fa_AF": a region after the code.
    base, _, region = key.partition(" ")
    if base == "fa" and region == "af":
        return "prs"
    if key in LANGUAGE_ALIASES:
        return LANGUAGE_ALIASES[key]
    return base if region and len(region) == 2 and base in LANGUAGES else None
