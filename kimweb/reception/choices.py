"""The reception desk's lists: languages clients need, kinds of interpreting, visit state labels."""

from flask_babel import lazy_gettext as _l

from ..directory.choices import LANGUAGES, shown_language

# The languages walk-ins most often need (ISO 639), first in the list; editable data.
FREQUENT_LANGUAGES = (
    "tr",
    "ar",
    "uk",
    "ru",
    "kmr",
    "ckb",
    "fa",
    "prs",
    "ps",
    "pl",
    "ro",
    "bg",
    "bs",
    "sr",
    "hr",
    "sq",
    "ti",
    "so",
    "ka",
    "rom",
)

INTERPRETER_KINDS = {
    # The file says an interpreter is needed, and nobody is arranged yet: the colleague organises one.
    "needed": _l("nötig – noch zu organisieren"),
    "professional": _l("Dolmetscher/in (beauftragt)"),
    "volunteer": _l("Ehrenamtlicher Sprachmittlerpool"),
    "phone": _l("Telefondolmetschen"),
    "family": _l("Familie / Begleitung"),
    "child": _l("Ein Kind dolmetscht"),
}
CHILD_INTERPRETS = "child"
INTERPRETER_NEEDED = "needed"

# Queue priority (models.PRIORITIES): the label, and a sign so that it is not told by colour alone.
PRIORITY_LABELS = {
    "normal": _l("normal"),
    "urgent": _l("dringend"),
    "crisis": _l("Krise – sofort"),
}
PRIORITY_SIGNS = {"normal": "", "urgent": "!", "crisis": "!!"}

STATE_LABELS = {
    "waiting": _l("wartet"),
    "called": _l("aufgerufen"),
    "in_consultation": _l("im Gespräch"),
    "done": _l("erledigt"),
    "left": _l("gegangen, ohne Gespräch"),
    "no_show": _l("nicht erschienen"),
}

# The buttons that move a visit on (calling has its own form with the room).
ACTION_LABELS = {
    "in_consultation": _l("Gespräch beginnen"),
    "done": _l("Erledigt"),
    "waiting": _l("Wieder einreihen"),
    "no_show": _l("Nicht erschienen"),
    "left": _l("Gegangen"),
}


def language_choices() -> list[tuple[str, str]]:
    first = ("de",) + FREQUENT_LANGUAGES
    frequent = [(code, shown_language(code)) for code in first if code in LANGUAGES]
    others = sorted(((c, shown_language(c)) for c in LANGUAGES if c not in first), key=lambda p: p[1])
    return [("", _l("– nicht erfasst –"))] + frequent + others


def language_label(code: str | None) -> str:
    return shown_language(code) if code else ""
