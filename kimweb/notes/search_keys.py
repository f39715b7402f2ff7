"""The notes' search keys: one function for the text stored with a note (the index) and for the
words of a query, so that both always agree. Folding and stemming are the directory search's own
(kimweb.textfold, kimweb.directory.search.vocabulary): "Kontoauszüge" and "Kontoauszug" share the
key "kontoauszug", "Termine" and "Termin" share "termin", "Mueller" and "Müller" share "muller".

A note's key text holds, for every word, its surface (folded, umlauts reduced) and, where it
differs, its Snowball stem; a query word becomes its stem, looked for inside those keys (so
"therapie" still finds "Traumatherapie"). Also here: the marks (<mark>) on the words that matched,
and why a note matched (text, participants, agencies).
"""

import re
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from ..directory.search.vocabulary import query_words, stem, surface
from ..textfold import fold_words

_WORD = re.compile(r"\w+")
SNIPPET = 300  # characters of a hit's text shown in the team search


def word_keys(word: str) -> list[str]:
    """The keys of one folded word: its surface and, where it differs, its stem."""
    key = surface(word)
    stemmed = stem(key)
    return [key] if stemmed == key or not stemmed else [key, stemmed]


def text_keys(*texts: str | None) -> str:
    """What the search matches for these texts (stored as ContactNote.search_text)."""
    return " ".join(key for text in texts for word in fold_words(text) for key in word_keys(word))


def query_keys(query: str | None) -> list[str]:
    """The keys a query looks for: every word's stem (all of them must occur in a note's keys)."""
    keys = [stem(surface(word)) or surface(word) for word in query_words(query)]
    return list(dict.fromkeys(key for key in keys if key))


def _matches(token: str, keys: Iterable[str]) -> bool:
    found = [k for word in fold_words(token) for k in word_keys(word)]
    return any(key in candidate for key in keys for candidate in found)


def matches(text: str | None, keys: list[str]) -> bool:
    """Whether any word of `text` holds one of the keys (for "why it matched")."""
    return bool(text) and any(_matches(token, keys) for token in _WORD.findall(text or ""))


def marked(text: str | None, keys: list[str]) -> Markup:
    """The text escaped, with the words that match a key inside <mark>."""
    if not text:
        return Markup("")
    if not keys:
        return escape(text)
    parts: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        if _matches(match.group(0), keys):
            parts.append(escape(text[position : match.start()]))
            parts.append(Markup("<mark>{0}</mark>").format(match.group(0)))
            position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def snippet(text: str | None, keys: list[str], length: int = SNIPPET) -> Markup:
    """About `length` characters of the text around its first match, marked (a start without one)."""
    text = text or ""
    first = next((m.start() for m in _WORD.finditer(text) if _matches(m.group(0), keys)), 0)
    start = 0 if first < length // 3 else text.rfind(" ", 0, first - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + length // 2)
    piece = marked(text[start:end], keys)
    return Markup("{0}{1}{2}").format("… " if start else "", piece, " …" if end < len(text) else "")


WHERE = {
    "text": _l("im Text"),
    "participants": _l("bei den Beteiligten"),
    "agencies": _l("bei den beteiligten Stellen"),
}


def why(note, keys: list[str]) -> list:
    """Where the note matched, in words: "im Text", "bei den Beteiligten", "bei den beteiligten Stellen"."""
    places = []
    if matches(note.text, keys):
        places.append(WHERE["text"])
    if matches(note.participants_text, keys):
        places.append(WHERE["participants"])
    if any(matches(organization.name, keys) for organization in note.organizations):
        places.append(WHERE["agencies"])
    return places
