"""Words of texts and queries (German folding, stemming, stop words) and the vocabulary of an index:
what a query word stands for by prefix, compound part, typo or synonym.

A word becomes index keys in two forms, the same for texts and queries: its *surface* (folded, with
umlauts and their spellings ae/oe/ue reduced to the base letter, so "Ausländerbehörde",
"Auslaenderbehoerde" and "Auslanderbehorde" are one key) and its *stem* (Snowball's German stemmer:
"Flüchtlinge" and "Flüchtlings..." share "fluchtling"). Typing keeps working because a query word
also matches keys it begins.
"""

import bisect
import functools
import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import snowballstemmer

from ...textfold import fold_words

# Match quality, multiplied with the field weight of the token: exact beats prefix beats the rest.
EXACT, PREFIX, PARTIAL = 3, 2, 1
MIN_INNER = 4  # "sprach" finds "integrationssprachkurs"; shorter words only match word ends ("amt")
MIN_TYPO = 5
MIN_TWO_TYPOS = 9
MIN_PART = 4  # compound parts the splitter accepts: "kita", "arzt", "platz"
MIN_PREFIX = 3  # "be" alone would match half the index; two letters match whole words and synonyms only
MAX_TOKEN = 64
MAX_EXPANSION = 300
STOPWORDS = frozenset(
    "der die das des dem den ein eine einer eines einem und oder fuer mit von vom zu zum zur im in "
    "am an auf bei aus nach ueber the of and for to a an".split()
)


# After fold(): "ae", "oe", "ue" are umlauts spelled out (except "ue" after q, as in "Quelle").
_SPELLED_UMLAUT = re.compile(r"ae|oe|(?<!q)ue")
# Fugen elements between compound parts: "Flüchtling-s-beratung", "Kinder-n-...", "Familie-n-hilfe".
_LINKS = ("s", "es", "n", "en", "e", "er")
# "Schuldner- und Insolvenzberatung", "Sprach-, Lern- und Hausaufgabenhilfe": the modifiers before the
# conjunction share the last word's head.
_COORDINATION = re.compile(r"((?:\w+-\s*,?\s*)+)(?:und|oder|sowie|bzw\.?|&)\s+(\w+)", re.IGNORECASE)
_STEMMER_LOCK = threading.Lock()
_STEMMER = snowballstemmer.stemmer("german")


def surface(word: str) -> str:
    """A folded word with umlauts reduced to the base letter: ä, ae and a give the same key."""
    return _SPELLED_UMLAUT.sub(lambda m: m.group()[0], word)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The German stem of a surface word (Snowball; its stemmer object is not thread-safe)."""
    with _STEMMER_LOCK:
        stemmed = _STEMMER.stemWord(word)
    # Snowball leaves the feminine plural: "Ärztinnen" -> "arztinn"; the singular gives "arztin".
    return stemmed[:-1] if stemmed.endswith("inn") and len(stemmed) > 5 else stemmed


def word_keys(word: str) -> list[str]:
    """The index keys of one folded word: its surface and, where it differs, its stem."""
    key = surface(word[:MAX_TOKEN])
    stemmed = stem(key)
    return [key] if stemmed == key or len(stemmed) < 2 else [key, stemmed]


def coordinated(text: str) -> list[str]:
    """The compounds a hyphenated coordination stands for, as surface words: "Schuldner- und
    Insolvenzberatung" gives "schuldnerberatung" among the candidates. The head is not known without a
    dictionary, so every head of at least MIN_PART letters is offered; the extra keys match nothing real."""
    found: list[str] = []
    for match in _COORDINATION.finditer(text):
        last = surface("".join(fold_words(match.group(2))))
        for modifier in re.findall(r"\w+", match.group(1)):
            first = surface("".join(fold_words(modifier)))
            found += [first + last[i:] for i in range(3, len(last) - MIN_PART + 1)]
    return found


def weighted_tokens(texts: Iterable[tuple[str | None, int]]) -> dict[str, int]:
    """The tokens of some texts, each with the highest weight of a field it occurs in."""
    tokens: dict[str, int] = {}

    def put(key: str, weight: int):
        key = key[:MAX_TOKEN]
        if len(key) >= 2 and tokens.get(key, 0) < weight:
            tokens[key] = weight

    for text, weight in texts:
        for word in fold_words(text):
            if len(word) < 2 or word in STOPWORDS:
                continue
            for key in word_keys(word):
                put(key, weight)
        if text and "-" in text:
            for compound in coordinated(text):
                put(compound, weight)
    return tokens


def query_words(text: str | None, limit: int = 8) -> list[str]:
    """The folded words of a query, stop words left out (the notes' and documents' searches use these)."""
    words = [w[:MAX_TOKEN] for w in fold_words(text) if w not in STOPWORDS]
    return list(dict.fromkeys(words))[:limit]


def search_words(text: str | None, limit: int = 8, phrases: Iterable[str] = ()) -> list[str]:
    """The directory's query words in surface form; two words that are a phrase of the synonym table
    ("deutsch lernen") stay together as one."""
    words = [surface(w) for w in query_words(text, limit=32)]
    phrases = set(phrases)
    joined: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if i + 1 < len(words) and pair in phrases:
            joined.append(pair)
            i += 2
        else:
            joined.append(words[i])
            i += 1
    return list(dict.fromkeys(joined))[:limit]


def within_two_edits(a: str, b: str) -> bool:
    """Optimal string alignment distance at most two (a swap of neighbours counts as one edit)."""
    if abs(len(a) - len(b)) > 2:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > 2:
            return False
        previous2, previous = previous, current
    return previous[len(b)] <= 2


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance at most one, also counting a swap of neighbours as one."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


@dataclass
class Vocabulary:
    tokens: list[str]
    _deletions: dict[str, list[str]] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self):
        self.tokens.sort()
        self._set = frozenset(self.tokens)
        # All tokens in one string, each followed by a newline: finding a part inside words is then a
        # search in C over one string instead of a Python loop over every token.
        self._joined = "".join(token + "\n" for token in self.tokens)
        self._starts = list(itertools.accumulate((len(token) + 1 for token in self.tokens[:-1]), initial=0))

    def __contains__(self, token: str) -> bool:
        return token in self._set

    def with_prefix(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self.tokens, prefix)
        found = []
        for token in self.tokens[start:]:
            if not token.startswith(prefix):
                break
            found.append(token)
        return found

    def two_edits_away(self, word: str) -> list[str]:
        """Words two edits away; by pigeonhole one of three pieces of the word is kept unchanged."""
        third = len(word) // 3
        pieces = (word[:third], word[third : 2 * third], word[2 * third :])
        return [
            t
            for t in self.tokens
            if abs(len(t) - len(word)) <= 2
            and (t.startswith(pieces[0]) or pieces[1] in t or t.endswith(pieces[2]))
            and t != word
            and within_two_edits(word, t)
        ]

    def split(self, word: str) -> list[str]:
        """The word as two or three known words of the vocabulary ("kitaplatz" -> kita, platz;
        "fluchtlingsberatung" -> fluchtling, beratung), a Fugen element dropped; [] when it is none."""
        best: list[str] = []
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, rest = word[:i], word[i:]
            if rest not in self._set:
                continue
            for first in [head] + [head[: -len(link)] for link in _LINKS if head.endswith(link)]:
                parts = [first] if first in self._set and len(first) >= MIN_PART - 1 else self.split(first)
                if parts and len(parts) < 3 and min(map(len, [*parts, rest])) > min(map(len, best), default=0):
                    best = [*parts, rest]
        return best

    def containing(self, part: str) -> list[str]:
        """Tokens with the part inside (not at their start); parts shorter than MIN_INNER only at the end."""
        if not part or "\n" in part:
            return []
        needle = part if len(part) >= MIN_INNER else part + "\n"
        found: list[str] = []
        at = self._joined.find(needle)
        while at >= 0:
            index = bisect.bisect_right(self._starts, at) - 1
            start = self._starts[index]
            if at > start:  # inside the token, not at its start
                found.append(self.tokens[index])
            # On to the next token: one token counts once.
            following = index + 1
            if following >= len(self._starts):
                break
            at = self._joined.find(needle, self._starts[following])
        return found

    def one_edit_away(self, word: str) -> list[str]:
        deletions = self._deletion_index()
        candidates = set(deletions.get(word, ()))
        for i in range(len(word)):
            shorter = word[:i] + word[i + 1 :]
            if shorter in self._set:
                candidates.add(shorter)
            candidates.update(deletions.get(shorter, ()))
        return [t for t in candidates if t != word and within_one_edit(word, t)]

    def _deletion_index(self) -> dict[str, list[str]]:
        # Built on the first typo lookup only: every token under each of its one-letter deletions.
        with self._lock:
            if self._deletions is None:
                index: dict[str, list[str]] = {}
                for token in self.tokens:
                    if len(token) >= MIN_TYPO - 1:
                        for i in range(len(token)):
                            index.setdefault(token[:i] + token[i + 1 :], []).append(token)
                self._deletions = index
            return self._deletions


def expand(word: str, vocab: Vocabulary, synonyms: dict[str, list[str]] | None = None) -> dict[str, int]:
    """The index tokens a query word stands for, each with its match quality."""
    found: dict[str, int] = {}

    def add(tokens: Iterable[str], quality: int):
        for token in tokens:
            if found.get(token, 0) < quality:
                found[token] = quality

    table = synonyms or {}
    own = [word] if " " in word else list(dict.fromkeys(word_keys(word)))
    alternatives = [key for key in own if " " not in key]
    for key in own:
        for synonym in table.get(key, ()):
            alternatives += [a for a in word_keys(synonym) if a not in alternatives]
    for alternative in alternatives:
        if alternative in vocab:
            add([alternative], EXACT)
        if len(alternative) >= MIN_PREFIX:
            add(sorted(vocab.with_prefix(alternative), key=len)[:MAX_EXPANSION], PREFIX)
    if " " in word:
        return found
    # The shortest own key finds the others' hits too when it begins them (the stem begins the word).
    inner = [k for k in own if not any(k != o and k.startswith(o) for o in own)]
    for key in inner:
        if len(key) >= MIN_PREFIX:
            add(sorted(vocab.containing(key), key=len)[:MAX_EXPANSION], PARTIAL)
    # A synonym inside a compound: "Ärztin" stands for "Arzt", found in "Hausarztpraxis".
    for alternative in alternatives[len(own) :]:
        if len(alternative) >= MIN_INNER:
            add(sorted(vocab.containing(alternative), key=len)[:MAX_EXPANSION], PARTIAL)
    if len(word) >= MIN_TYPO:
        add(vocab.one_edit_away(word), PARTIAL)
    if len(word) >= MIN_TWO_TYPOS and not found:
        add(vocab.two_edits_away(word), PARTIAL)
    return found
