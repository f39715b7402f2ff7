"""How alike two names are, in [0, 1]: a weighted edit distance over readings, words and fields."""

from functools import lru_cache

from .readings import Names, Part, Reading, Token
from .spelling import VOWELS, consonants

DIFFERENT_NAMES = 0.5  # ceiling when both words are known names from different variant groups
NO_VOWELS = 0.95  # ceiling for a word written without vowels (Arabic script) against another
MISSING_WORD = 0.95  # per word present on one side only (a middle name, a second family name)
MISSING_PART = 0.85  # only family or only given names to compare
SWAPPED = 0.97  # given and family names swapped
MIXED = 0.9  # all words compared regardless of which field they were typed into
OTHER_SPELLING = 0.97  # matched through a stored other spelling rather than the name itself

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
    # This runs for every new pair of words an import compares (tens of thousands for a long
    # list), so the costs are looked up once per letter rather than once per cell.
    drop = [_indel(x, i == n - 1) for i, x in enumerate(a)]
    add = [_indel(y, j == m - 1) for j, y in enumerate(b)]
    before: list[float] | None = None
    prev = [0.0]
    for cost in add:
        prev.append(prev[-1] + cost)
    for i in range(1, n + 1):
        x, dropped = a[i - 1], drop[i - 1]
        swap = _swap_costs(x)
        cur = [prev[0] + dropped]
        for j in range(1, m + 1):
            y = b[j - 1]
            cost = prev[j] + dropped
            other = cur[j - 1] + add[j - 1]
            if other < cost:
                cost = other
            other = prev[j - 1] + (0.0 if x == y else swap[y] if j < m else _substitution(x, y, i == n))
            if other < cost:
                cost = other
            if before is not None and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                cost = min(cost, before[j - 2] + 0.6)
            cur.append(cost)
        before, prev = prev, cur
    return max(0.0, 1.0 - prev[m] / length)


class _SwapCosts(dict):
    """The cost of writing each letter for `x`, not at the end of both words."""

    def __init__(self, x: str):
        super().__init__()
        self.x = x

    def __missing__(self, y: str) -> float:
        cost = self[y] = _substitution(self.x, y, False)
        return cost


_SWAPS: dict[str, _SwapCosts] = {}


def _swap_costs(x: str) -> _SwapCosts:
    """(A cell of the last column may end both words: its cost is not taken from here.)"""
    costs = _SWAPS.get(x)
    if costs is None:
        costs = _SWAPS[x] = _SwapCosts(x)
    return costs


def _reading_similarity(a: Reading, b: Reading) -> float:
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
    if len(xs) == 1:
        # One word against several, the most common case: its best partner, as the general
        # way below picks it (of equal scores the last).
        x, best, partner = xs[0], -1.0, ys[0]
        for y in ys:
            s = _token_similarity(x, y)
            if s >= best:
                best, partner = s, y
        return best * MISSING_WORD ** (len(ys) - 1), _known_apart(x, partner)
    pairs = sorted(
        ((_token_similarity(x, y), i, j) for i, x in enumerate(xs) for j, y in enumerate(ys)),
        reverse=True,
    )
    best, apart = 1.0, False
    used_x: set[int] = set()
    used_y: set[int] = set()
    for s, i, j in pairs:
        if i not in used_x and j not in used_y:
            best *= s
            apart = apart or _known_apart(xs[i], ys[j])
            used_x.add(i)
            used_y.add(j)
    return best * MISSING_WORD ** (len(ys) - len(xs)), apart


def _part_similarity(a: Part, b: Part) -> float | None:
    if not a.tokens or not b.tokens:
        return None
    best, apart = _aligned(a.tokens, b.tokens)
    if best < 1.0 and not apart and (a.joined or b.joined):
        # "Gebre Medhin" / "Gebremedhin", "Al-Ahmad" / "Alahmad", and small differences
        # spread over short words ("Abu Hamed" / "Abo Hamid"); but "Abu Hassan" is not
        # "Abu Hussein" however alike the joined letters look
        best = max(best, _token_similarity(a.joined or a.tokens[0], b.joined or b.tokens[0]))
    return best


def _both_parts(family_a: Part, given_a: Part, family_b: Part, given_b: Part) -> float:
    family = _part_similarity(family_a, family_b)
    given = _part_similarity(given_a, given_b)
    if family is None:
        return 0.0 if given is None else MISSING_PART * given
    if given is None:
        return MISSING_PART * family
    return family * given


def name_score(a: Names, b: Names) -> float:
    """The name similarity: best of the fields as typed, swapped, all words together, and the
    other spellings."""
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
