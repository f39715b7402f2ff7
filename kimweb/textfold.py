"""Text folding for search and matching: case, German umlauts, accents (other scripts are
transliterated first by kimweb/clients/name_spelling.py where names need it).

`fold("Müller")` and `fold("Mueller")` give the same key; so do "Ayşe" and "Ayse". Search and
duplicate matching build on these keys; the keys are stored beside the text they index.
"""

import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
# Letters that NFKD does not take apart into a base letter plus accents.
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str | None) -> str:
    """Lower-case, German umlauts spelled out (ä -> ae), other accents dropped, punctuation to
    single spaces. Used for search keys and comparisons; never shown to users."""
    if not text:
        return ""
    text = text.casefold().translate(_GERMAN).translate(_SPECIAL)
    text = strip_accents(text)
    return _NON_WORD.sub(" ", text).replace("_", " ").strip()


def fold_words(text: str | None) -> list[str]:
    return [w for w in fold(text).split(" ") if w]
