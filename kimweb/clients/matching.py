"""Duplicate hints at intake: how likely a typed-in person is a client already on file."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import combinations
from typing import NamedTuple

from . import name_variants as tables
from .name_spelling import MAX_WORD_LENGTH, VOWELS, consonants, latin_readings, phonetic, short_key, words

THRESHOLD = 0.8
"""score() at or above this is shown as a likely duplicate (see tests/clients/matching_pairs.csv).
For scale: the same name without a birth date scores 0.9, with a birth date years off (not by
one mistyped digit) 0.1; one wrong consonant in an eight-letter name, same birth date, 0.875."""

# Name evidence
DIFFERENT_NAMES = 0.5  # ceiling when both words are known names from different variant groups
GLUED_ARTICLE = 0.95  # "Alhasan" read as "Hasan": probably, not certainly, an article
NO_VOWELS = 0.95  # ceiling for a word written without vowels (Arabic script) against another
MISSING_WORD = 0.95  # per word present on one side only (a middle name, a second family name)
MISSING_PART = 0.85  # only family or only given names to compare
SWAPPED = 0.97  # given and family names swapped
MIXED = 0.9  # all words compared regardless of which field they were typed into
OTHER_SPELLING = 0.97  # matched through a stored other spelling rather than the name itself
# Birth date evidence
NO_DATE = 0.9
SAME_DATE, DAY_MONTH_SWAPPED, DIGIT_TYPO = 1.0, 0.95, 0.85
SAME_YEAR_ROUGH, NEXT_YEAR_ROUGH, TWO_YEARS_ROUGH = 0.95, 0.85, 0.4
SAME_MONTH, SAME_YEAR, NEXT_YEAR, FAR_APART = 0.5, 0.4, 0.3, 0.1


# --- words -----------------------------------------------------------------------------------


def _build_groups() -> tuple[dict[str, int], list[str]]:
    group_of: dict[str, int] = {}
    keys = []
    for number, line in enumerate(tables.GIVEN_NAME_GROUPS):
        spellings = [phonetic(latin_readings(words(spelling)[0])[0][0]) for spelling in line.split()]
        for ph in spellings:
            if group_of.setdefault(ph, number) != number:
                other = tables.GIVEN_NAME_GROUPS[group_of[ph]].split()[0]
                raise ValueError(f"name table: {line.split()[0]!r} and {other!r} share the spelling {ph!r}")
        keys.append(short_key(spellings[0]))
    return group_of, keys


_GROUP_OF, _GROUP_KEYS = _build_groups()


class _Reading(NamedTuple):
    ph: str
    group: int  # index into GIVEN_NAME_GROUPS, or -1
    no_vowels: bool
    weight: float
    key: str


def _reading(latin: str, no_vowels: bool, weight: float = 1.0) -> _Reading:
    ph = phonetic(latin)
    group = _GROUP_OF.get(ph, -1)
    return _Reading(ph, group, no_vowels, weight, _GROUP_KEYS[group] if group >= 0 else short_key(ph))


@lru_cache(maxsize=65536)
def _word_token(word: str) -> tuple[tuple[_Reading, ...], str]:
    """All readings of one word from words(), and its first Latin spelling (to spot articles)."""
    latins, no_vowels = latin_readings(word)
    readings = []
    for latin in filter(None, latins):
        readings.append(_reading(latin, no_vowels))
        if readings[-1].group >= 0:
            continue  # a known name ("Alexander") does not start with an article
        for article in tables.GLUED_ARTICLES:
            rest = latin[len(article) :]
            if latin.startswith(article) and len(rest) >= (4 if rest[:1] in VOWELS else 3):
                readings.append(_reading(rest, no_vowels, GLUED_ARTICLE))
    return tuple(readings), latins[0]


Token = tuple[_Reading, ...]


@dataclass(frozen=True)
class _Part:
    """One name field: its words (articles left out) and, for several words, all of them joined."""

    tokens: tuple[Token, ...]
    joined: Token | None


@lru_cache(maxsize=65536)
def _part(text: str) -> _Part:
    written = [w for w in words(text) if _word_token(w)[0]]
    tokens = tuple(
        _word_token(w)[0]
        for k, w in enumerate(written)
        if k == len(written) - 1 or _word_token(w)[1] not in tables.ARTICLES
    )
    joined = _word_token("".join(written)[:MAX_WORD_LENGTH])[0] if len(written) > 1 else None
    return _Part(tokens, joined)


# --- similarity ------------------------------------------------------------------------------

_CLOSE = frozenset(frozenset(p) for p in ("ck", "ch", "cs", "kg", "td", "pb", "fv", "jy", "jg", "dj"))
_LENGTH_CAP = 8  # long names do not get more room for differences than an eight-letter one


def _indel(ch: str, final: bool) -> float:
    if ch in VOWELS:
        return 1.0 if final else 0.5
    return 0.5 if ch == "h" else 1.0


def _substitution(x: str, y: str, final: bool) -> float:
    if x == y:
        return 0.0
    if x in VOWELS and y in VOWELS:
        # inner vowels are what transliterations disagree on; a different last vowel is
        # usually a different name (Rossi / Russo, Hailu / Haile), except o and u, which
        # Arabic and Persian do not tell apart (Abu / Abo)
        return 0.8 if final and {x, y} != {"o", "u"} else 0.4
    return 0.5 if frozenset((x, y)) in _CLOSE else 1.0


def _similarity(a: str, b: str) -> float:
    """1 minus a weighted edit distance (Damerau, adjacent swaps) over the length, in [0, 1]."""
    if a == b:
        return 1.0
    n, m = len(a), len(b)
    length = min(max(n, m), _LENGTH_CAP)
    if not n or not m or abs(n - m) > length:
        return 0.0
    before = None
    prev = [0.0]
    for j in range(m):
        prev.append(prev[-1] + _indel(b[j], j == m - 1))
    for i in range(1, n + 1):
        x = a[i - 1]
        cur = [prev[0] + _indel(x, i == n)]
        for j in range(1, m + 1):
            y = b[j - 1]
            cost = min(
                prev[j] + _indel(x, i == n),
                cur[j - 1] + _indel(y, j == m),
                prev[j - 1] + _substitution(x, y, i == n and j == m),
            )
            if before is not None and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                cost = min(cost, before[j - 2] + 0.6)
            cur.append(cost)
        before, prev = prev, cur
    return max(0.0, 1.0 - prev[m] / length)


def _reading_similarity(a: _Reading, b: _Reading) -> float:
    if a.ph == b.ph:
        return 1.0
    if a.group >= 0 and b.group >= 0:
        return 1.0 if a.group == b.group else min(DIFFERENT_NAMES, _similarity(a.ph, b.ph))
    if a.no_vowels or b.no_vowels:
        return NO_VOWELS * _similarity(consonants(a.ph), consonants(b.ph))
    return _similarity(a.ph, b.ph)


@lru_cache(maxsize=262144)
def _known_apart(a: Token, b: Token) -> bool:
    """Both words are known names, and no reading of one is in a group with the other."""
    groups_a = {r.group for r in a if r.group >= 0}
    groups_b = {r.group for r in b if r.group >= 0}
    return bool(groups_a and groups_b and not groups_a & groups_b)


@lru_cache(maxsize=262144)
def _token_similarity(a: Token, b: Token) -> float:
    best = max(x.weight * y.weight * _reading_similarity(x, y) for x in a for y in b)
    return min(best, DIFFERENT_NAMES) if _known_apart(a, b) else best


def _aligned(xs: tuple[Token, ...], ys: tuple[Token, ...]) -> tuple[float, bool]:
    """Product of the best one-to-one word matches (words left over on the longer side cost
    MISSING_WORD each), and whether two different known names had to be paired."""
    if len(xs) > len(ys):
        xs, ys = ys, xs
    if not xs:
        return 0.0, False
    pairs = sorted(
        ((_token_similarity(x, y), i, j) for i, x in enumerate(xs) for j, y in enumerate(ys)),
        reverse=True,
    )
    best, apart, used_x, used_y = 1.0, False, set(), set()
    for s, i, j in pairs:
        if i not in used_x and j not in used_y:
            best *= s
            apart = apart or _known_apart(xs[i], ys[j])
            used_x.add(i)
            used_y.add(j)
    return best * MISSING_WORD ** (len(ys) - len(xs)), apart


def _part_similarity(a: _Part, b: _Part) -> float | None:
    if not a.tokens or not b.tokens:
        return None
    best, apart = _aligned(a.tokens, b.tokens)
    if best < 1.0 and not apart and (a.joined or b.joined):
        # "Gebre Medhin" / "Gebremedhin", "Al-Ahmad" / "Alahmad", and small differences
        # spread over short words ("Abu Hamed" / "Abo Hamid"); but "Abu Hassan" is not
        # "Abu Hussein" however alike the joined letters look
        best = max(best, _token_similarity(a.joined or a.tokens[0], b.joined or b.tokens[0]))
    return best


def _both_parts(family_a: _Part, given_a: _Part, family_b: _Part, given_b: _Part) -> float:
    family = _part_similarity(family_a, family_b)
    given = _part_similarity(given_a, given_b)
    if family is None and given is None:
        return 0.0
    if family is None or given is None:
        return MISSING_PART * (family if given is None else given)
    return family * given


@dataclass(frozen=True)
class _Names:
    family: _Part
    given: _Part
    others: tuple[tuple[Token, ...], ...]

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return self.family.tokens + self.given.tokens


@lru_cache(maxsize=65536)
def _names(family: str, given: str, other_spellings: tuple[str, ...]) -> _Names:
    others = tuple(t for t in (_part(s).tokens for s in other_spellings) if len(t) >= 2)
    return _Names(_part(family or ""), _part(given or ""), others)


def _name_score(a: _Names, b: _Names) -> float:
    best = _both_parts(a.family, a.given, b.family, b.given)
    if best < 1.0:
        best = max(best, SWAPPED * _both_parts(a.family, a.given, b.given, b.family))
    if best < MIXED and min(len(a.words), len(b.words)) >= 2:
        best = max(best, MIXED * _aligned(a.words, b.words)[0])
    if not (a.others or b.others):
        return best
    comparisons = [(a.words, o) for o in b.others] + [(o, b.words) for o in a.others]
    comparisons += [(o, p) for o in a.others for p in b.others]
    for mine, theirs in comparisons:
        if best >= OTHER_SPELLING:
            break
        if min(len(mine), len(theirs)) >= 2:
            best = max(best, OTHER_SPELLING * _aligned(mine, theirs)[0])
    return best


# --- birth dates -----------------------------------------------------------------------------


def _year_only(day: date, approximate: bool) -> bool:
    return approximate or (day.day == 1 and day.month == 1)


def _one_digit_apart(a: date, b: date) -> bool:
    """A single mistyped digit, or two neighbouring digits swapped (1985 / 1958)."""
    x, y = a.strftime("%d%m%Y"), b.strftime("%d%m%Y")
    differ = [k for k in range(8) if x[k] != y[k]]
    if len(differ) == 1:
        return True
    first, second = (differ + [0, 0])[:2]
    return len(differ) == 2 and second == first + 1 and (x[first], x[second]) == (y[second], y[first])


def _date_factor(a: date | None, a_approximate: bool, b: date | None, b_approximate: bool) -> float:
    """How well two birth dates agree, in [0, 1]. 01.01.YYYY is read as "only the year is known"."""
    if a is None or b is None:
        return NO_DATE
    years = abs(a.year - b.year)
    if _year_only(a, a_approximate) or _year_only(b, b_approximate):
        return {0: SAME_YEAR_ROUGH, 1: NEXT_YEAR_ROUGH, 2: TWO_YEARS_ROUGH}.get(years, FAR_APART)
    if a == b:
        return SAME_DATE
    if years == 0 and (a.day, a.month) == (b.month, b.day):
        return DAY_MONTH_SWAPPED
    if _one_digit_apart(a, b):
        return DIGIT_TYPO
    if years == 0:
        return SAME_MONTH if a.month == b.month else SAME_YEAR
    return NEXT_YEAR if years == 1 else FAR_APART


# --- public API ------------------------------------------------------------------------------

__all__ = [
    "THRESHOLD",
    "PersonQuery",
    "PersonRecord",
    "score",
    "is_likely_match",
    "rank",
    "name_keys",
    "query_keys",
    "word_keys",
]


@dataclass(frozen=True)
class PersonQuery:
    """A person as typed at intake. Names in any script; other spellings are whole names in any
    order (the name in its original script, an older transliteration), given as any iterable."""

    family: str = ""
    given: str = ""
    other_spellings: tuple[str, ...] = ()
    birth_date: date | None = None
    birth_date_approximate: bool = False

    def __post_init__(self):
        spellings = (self.other_spellings,) if isinstance(self.other_spellings, str) else self.other_spellings
        object.__setattr__(self, "other_spellings", tuple(s for s in spellings if s))

    @cached_property
    def _names(self) -> _Names:
        return _names(self.family or "", self.given or "", self.other_spellings)


@dataclass(frozen=True)
class PersonRecord(PersonQuery):
    """A client on file; `id` is passed through untouched so that callers find the row again."""

    id: object = None


def _dates(query: PersonQuery, candidate: PersonQuery) -> float:
    return _date_factor(
        query.birth_date, query.birth_date_approximate, candidate.birth_date, candidate.birth_date_approximate
    )


def score(query: PersonQuery, candidate: PersonQuery) -> float:
    """How likely the two are the same person, in [0, 1]: the name similarity (best of the
    fields as typed, swapped, all words together, and the other spellings) times how well the
    birth dates agree. Symmetric. See THRESHOLD."""
    return round(_name_score(query._names, candidate._names) * _dates(query, candidate), 4)


def is_likely_match(query: PersonQuery, candidate: PersonQuery) -> bool:
    return score(query, candidate) >= THRESHOLD


def rank(query: PersonQuery, candidates: Iterable[PersonRecord]) -> list[tuple[PersonRecord, float]]:
    """The candidates scoring at least THRESHOLD, best first."""
    found = []
    for candidate in candidates:
        dates = _dates(query, candidate)
        # names score at most 1, so a birth date far off rules a candidate out cheaply
        if dates >= THRESHOLD:
            value = round(_name_score(query._names, candidate._names) * dates, 4)
            if value >= THRESHOLD:
                found.append((candidate, value))
    return sorted(found, key=lambda pair: pair[1], reverse=True)


def _token_keys(token: Token) -> set[str]:
    return {r.key for r in token}


def _keys(family: str, given: str, other_spellings: Iterable[str], years: Iterable[int]) -> set[str]:
    names = _names(family or "", given or "", tuple(s for s in other_spellings if s))
    # (the words a key stands for, its keys): a joined field is never paired with its own words
    sources: list[tuple[set, set[str]]] = []
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
    every typed word (kimweb.clients.names), so stored and typed keys cannot drift apart."""
    part = _part(text or "")
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
