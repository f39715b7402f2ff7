"""Names in any script brought to one Latin spelling, so that "Шевченко" meets "Schewtschenko"."""

import re
import unicodedata

from kimweb.textfold import fold, strip_accents

from . import variants as tables

MAX_WORDS, MAX_WORD_LENGTH = 6, 24
VOWELS = frozenset("aeiou")

_APOSTROPHES = str.maketrans("", "", "'’ʼʿʾ`´")
_BEFORE_FOLD = str.maketrans({"đ": "dj"})  # fold() would drop the j that Serbian Latin implies
_WORD_SEPARATORS = re.compile(r"[^\w\u0300-\u036f\u064b-\u065f\u0670]+|[\d_]+")


def words(text: str) -> list[str]:
    """The lower-case words of a name, still in their script; no more and no longer than real
    names get, so that odd input (a pasted paragraph) cannot make a comparison slow."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES).translate(_BEFORE_FOLD)
    return [w[:MAX_WORD_LENGTH] for w in _WORD_SEPARATORS.split(text) if w][:MAX_WORDS]


# --- other scripts ---------------------------------------------------------------------------


def _cyrillic(word: str) -> list[str]:
    letters = set(word)
    if letters & tables.SERBIAN_ONLY:
        overrides = [tables.SERBIAN]
    elif letters & tables.UKRAINIAN_ONLY:
        overrides = [tables.UKRAINIAN]
    elif letters & tables.RUSSIAN_ONLY:
        overrides = [{}]
    elif letters & tables.BULGARIAN_ONLY:
        overrides = [tables.BULGARIAN]
    elif "г" in letters:
        # Г is g in Russian and Bulgarian but h in Ukrainian (Ганна = Hanna)
        overrides = [{}, tables.UKRAINIAN]
    else:
        overrides = [{}]
    return ["".join(o.get(ch, tables.CYRILLIC.get(ch, ch)) for ch in word) for o in overrides]


def _arabic(word: str) -> str:
    out = []
    for k, ch in enumerate(word):
        if ch in tables.ARABIC_WAW:
            out.append("w" if k == 0 else "u")
        elif ch in tables.ARABIC_YA:
            out.append("y" if k == 0 else "i")
        else:
            out.append(tables.ARABIC.get(ch, ch))
    return "".join(out)


def _greek(word: str) -> str:
    for digraph, latin in tables.GREEK_DIGRAPHS.items():
        word = word.replace(digraph, latin)
    return "".join(tables.GREEK.get(ch, ch) for ch in word)


def _is_arabic(ch: str) -> bool:
    return ch in tables.ARABIC or ch in tables.ARABIC_YA or ch in tables.ARABIC_WAW


def latin_readings(word: str) -> tuple[list[str], bool]:
    """The folded Latin spellings of one word from words() (two for a Cyrillic word that may be
    Ukrainian or Russian), and whether the word was written without vowels (Arabic script)."""
    if word.isascii():
        readings, no_vowels = [word], False
    elif any(_is_arabic(ch) for ch in word):
        readings, no_vowels = [_arabic(word)], True
    elif any(ch in tables.CYRILLIC for ch in word):
        readings, no_vowels = _cyrillic(word), False
    elif any(ch in tables.GREEK for ch in strip_accents(word)):
        readings, no_vowels = [_greek(strip_accents(word))], False
    elif any(ch in tables.GEORGIAN for ch in word):
        readings, no_vowels = ["".join(tables.GEORGIAN.get(ch, ch) for ch in word)], False
    else:
        readings, no_vowels = [word], False
    return [fold(r).replace(" ", "") for r in readings], no_vowels


# --- phonetic spelling -----------------------------------------------------------------------

_DIGRAPHS = {
    "tsch": "c",
    "dsch": "j",
    "dzh": "j",
    "sch": "s",
    "tch": "c",
    "ch": "c",
    "cz": "c",
    "sz": "s",
    "sh": "s",
    "zh": "z",
    "kh": "h",
    "gh": "g",
    "th": "t",
    "dh": "d",
    "ph": "f",
    "ck": "k",
    "dj": "j",
    "ts": "s",
    "tz": "s",
    "ou": "u",
    "oo": "u",
    "ee": "i",
    "ue": "u",
    "oe": "o",
}
# One pass, longest first, so that the j of "dj" is not read again as the j of "Andrij".
_SPELLING = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)) + "|[yjx]")
_SINGLE_LETTERS = str.maketrans({"q": "k", "z": "s", "w": "v"})
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")  # Fatimah, Abdullah: the h is not said


def _respell(match: re.Match) -> str:
    found = match.group()
    if found in _DIGRAPHS:
        return _DIGRAPHS[found]
    if found == "x":
        # Kurdish Xalid is Khalid; inside a word x is ks (Alexander, Oleksandr)
        return "h" if match.start() == 0 else "ks"
    # y and j are consonants before a vowel at the start (Yusuf, Jelena), else i (Andrij, Tsegay)
    return found if match.start() == 0 and match.string[1:2] in VOWELS else "i"


def phonetic(latin: str) -> str:
    """A folded Latin word spelled the way transliterations agree on: "schewtschenko" and
    "shevchenko" both give "sevcenko", "hueseyin" and "hussein" both "husein"."""
    spelled = _SPELLING.sub(_respell, _FINAL_H.sub("", latin)).translate(_SINGLE_LETTERS)
    return _DOUBLED.sub(r"\1", spelled)


def consonants(ph: str) -> str:
    """The consonants of a phonetic spelling, for words written without vowels."""
    return _DOUBLED.sub(r"\1", "".join(ch for ch in ph if ch not in VOWELS))


_KEY_LETTERS = str.maketrans({"c": "k", "g": "k", "d": "t", "b": "p", "v": "f", "j": "y"})


def short_key(ph: str) -> str:
    """Coarser than phonetic(), for database lookup: the first three consonants with similar
    ones merged, vowels and h dropped ("hasan" and "husein" both give "ksn")."""
    ph = ph.translate(_KEY_LETTERS)
    head = "a" if ph[0] in VOWELS else ("k" if ph[0] == "h" else ph[0])
    tail = "".join(ch for ch in ph[1:] if ch not in VOWELS and ch != "h")
    return _DOUBLED.sub(r"\1", head + tail)[:3]
