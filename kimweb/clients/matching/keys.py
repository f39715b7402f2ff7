"""Short lookup keys of name words, stored per client: the database pre-filter for duplicate
hints (pairs of word keys, birth year and key) and for name search in lists."""

from collections.abc import Iterable
from datetime import date
from itertools import combinations

from .readings import Token, name_part, person_names


def _token_keys(token: Token) -> set[str]:
    return {r.key for r in token}


def _keys(family: str, given: str, other_spellings: Iterable[str], years: Iterable[int]) -> set[str]:
    names = person_names(family or "", given or "", tuple(s for s in other_spellings if s))
    # (the words a key stands for, its keys): a joined field is never paired with its own words
    sources: list[tuple[set[tuple[object, int]], set[str]]] = []
    for field, part in (("family", names.family), ("given", names.given)):
        sources += [({(field, k)}, _token_keys(t)) for k, t in enumerate(part.tokens)]
        if part.joined:
            sources.append(({(field, k) for k in range(len(part.tokens))}, _token_keys(part.joined)))
    for n, other in enumerate(names.others):
        sources += [({(n, k)}, _token_keys(t)) for k, t in enumerate(other)]
    keys = {
        "+".join(sorted((x, y)))
        for (covers_a, keys_a), (covers_b, keys_b) in combinations(sources, 2)
        if not covers_a & covers_b
        for x in keys_a
        for y in keys_b
    }
    keys.update(f"{year}:{k}" for year in years for _, keys_of_word in sources for k in keys_of_word)
    return keys


def word_keys(text: str) -> set[str]:
    """The short keys of the words of a name, and of its words joined (see name_keys): "Mohamed"
    and "Muhammad" both give {"mt"}, "Al-Hassan" gives {"als", "ksn"}. name_keys() pairs these
    and puts years before them; list search stores them for each client and looks up those of
    every typed word (stored_keys), so stored and typed keys cannot drift apart."""
    part = name_part(text or "")
    tokens = part.tokens + ((part.joined,) if part.joined else ())
    return {key for token in tokens for key in _token_keys(token)}


def name_keys(family: str, given: str, other_spellings: Iterable[str] = (), birth_date: date | None = None) -> set[str]:
    """The lookup keys to store for a client, typically 3 to 20 strings of at most 8 characters.

    Every name word gets a short key: the first letter of its phonetic spelling (any vowel as
    "a") and the consonants after it, three letters at most, similar consonants merged, h
    dropped; a name in GIVEN_NAME_GROUPS gets the key of the group's first spelling. So "mt"
    stands for every Mohammed, "ksn" for Hassan, Hussein and Ghassan. A client is stored
    under every unordered pair of word keys ("ksn+mt" for Mohammed Al-Hassan), counting the
    joined form of a multi-word field ("alhassan") and the other spellings as words too, and
    under "year:key" for every word when the birth date is known ("1985:ksn"). Pairs survive
    swapped fields, a missing middle name and spelling variants, and need no birth date; the
    year keys find a client whose other name is misspelt beyond recognition.
    """
    return _keys(family, given, other_spellings, [birth_date.year] if birth_date else [])


def query_keys(
    family: str, given: str, other_spellings: Iterable[str] = (), birth_date: date | None = None
) -> set[str]:
    """The keys to look up while typing ("WHERE key IN (...)"): the same pairs as name_keys, and
    year keys for the birth year and one either side, since stored dates may be approximate.
    Nothing is found before there are two name words, or one and a birth date."""
    years = range(birth_date.year - 1, birth_date.year + 2) if birth_date else []
    return _keys(family, given, other_spellings, years)
