"""Name words as comparable readings: phonetic spellings, known-name groups, short keys, articles."""

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from . import variants
from .spelling import MAX_WORD_LENGTH, VOWELS, latin_readings, phonetic, short_key, words

GLUED_ARTICLE = 0.95  # "Alhasan" read as "Hasan": probably, not certainly, an article


def _build_groups() -> tuple[dict[str, int], list[str]]:
    group_of: dict[str, int] = {}
    keys = []
    for number, line in enumerate(variants.GIVEN_NAME_GROUPS):
        spellings = [phonetic(latin_readings(words(spelling)[0])[0][0]) for spelling in line.split()]
        for ph in spellings:
            if group_of.setdefault(ph, number) != number:
                other = variants.GIVEN_NAME_GROUPS[group_of[ph]].split()[0]
                raise ValueError(f"name table: {line.split()[0]!r} and {other!r} share the spelling {ph!r}")
        keys.append(short_key(spellings[0]))
    return group_of, keys


_GROUP_OF, _GROUP_KEYS = _build_groups()


class Reading(NamedTuple):
    ph: str
    group: int  # index into GIVEN_NAME_GROUPS, or -1
    no_vowels: bool
    weight: float
    key: str


def _reading(latin: str, no_vowels: bool, weight: float = 1.0) -> Reading:
    ph = phonetic(latin)
    group = _GROUP_OF.get(ph, -1)
    return Reading(ph, group, no_vowels, weight, _GROUP_KEYS[group] if group >= 0 else short_key(ph))


@lru_cache(maxsize=65536)
def _word_token(word: str) -> tuple[tuple[Reading, ...], str]:
    """All readings of one word from words(), and its first Latin spelling (to spot articles)."""
    latins, no_vowels = latin_readings(word)
    readings = []
    for latin in filter(None, latins):
        readings.append(_reading(latin, no_vowels))
        if readings[-1].group >= 0:
            continue  # a known name ("Alexander") does not start with an article
        for article in variants.GLUED_ARTICLES:
            rest = latin[len(article) :]
            if latin.startswith(article) and len(rest) >= (4 if rest[:1] in VOWELS else 3):
                readings.append(_reading(rest, no_vowels, GLUED_ARTICLE))
    return tuple(readings), latins[0]


Token = tuple[Reading, ...]
"""One written word: every way it may be read."""


@dataclass(frozen=True)
class Part:
    """One name field: its words (articles left out) and, for several words, all of them joined."""

    tokens: tuple[Token, ...]
    joined: Token | None


@lru_cache(maxsize=65536)
def name_part(text: str) -> Part:
    written = [w for w in words(text) if _word_token(w)[0]]
    tokens = tuple(
        _word_token(w)[0]
        for k, w in enumerate(written)
        if k == len(written) - 1 or _word_token(w)[1] not in variants.ARTICLES
    )
    joined = _word_token("".join(written)[:MAX_WORD_LENGTH])[0] if len(written) > 1 else None
    return Part(tokens, joined)


@dataclass(frozen=True)
class Names:
    """A person's name fields and other spellings (each with at least two words), read."""

    family: Part
    given: Part
    others: tuple[tuple[Token, ...], ...]

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return self.family.tokens + self.given.tokens


@lru_cache(maxsize=65536)
def person_names(family: str, given: str, other_spellings: tuple[str, ...]) -> Names:
    others = tuple(t for t in (name_part(s).tokens for s in other_spellings) if len(t) >= 2)
    return Names(name_part(family or ""), name_part(given or ""), others)
