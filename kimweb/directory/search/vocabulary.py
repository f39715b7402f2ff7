"""Words of texts and queries (German folding, stop words) and the vocabulary of an index: what a
query word stands for by prefix, compound part, one typo or synonym."""

import bisect
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...textfold import fold_words

# Match quality, multiplied with the field weight of the token: exact beats prefix beats the rest.
EXACT, PREFIX, PARTIAL = 3, 2, 1
MIN_INNER = 4  # "sprach" finds "integrationssprachkurs"; shorter words only match word ends ("amt")
MIN_TYPO = 5
MIN_PREFIX = 3  # "be" alone would match half the index; two letters match whole words and synonyms only
MAX_TOKEN = 64
MAX_EXPANSION = 300
STOPWORDS = frozenset(
    "der die das des dem den ein eine einer eines einem und oder fuer mit von vom zu zum zur im in "
    "am an auf bei aus nach ueber the of and for to a an".split()
)


def weighted_tokens(texts: Iterable[tuple[str | None, int]]) -> dict[str, int]:
    """The tokens of some texts, each with the highest weight of a field it occurs in."""
    tokens: dict[str, int] = {}
    for text, weight in texts:
        for word in fold_words(text):
            if len(word) < 2 or word in STOPWORDS:
                continue
            word = word[:MAX_TOKEN]
            if tokens.get(word, 0) < weight:
                tokens[word] = weight
    return tokens


def query_words(text: str | None, limit: int = 8) -> list[str]:
    words = [w[:MAX_TOKEN] for w in fold_words(text) if w not in STOPWORDS]
    return list(dict.fromkeys(words))[:limit]


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

    def containing(self, part: str) -> list[str]:
        if len(part) >= MIN_INNER:
            return [t for t in self.tokens if part in t and not t.startswith(part)]
        return [t for t in self.tokens if t.endswith(part) and t != part]

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

    alternatives = [word] + list((synonyms or {}).get(word, ()))
    for alternative in alternatives:
        if alternative in vocab:
            add([alternative], EXACT)
        if len(alternative) >= MIN_PREFIX:
            add(sorted(vocab.with_prefix(alternative), key=len)[:MAX_EXPANSION], PREFIX)
    if len(word) >= MIN_PREFIX:
        add(sorted(vocab.containing(word), key=len)[:MAX_EXPANSION], PARTIAL)
    if len(word) >= MIN_TYPO:
        add(vocab.one_edit_away(word), PARTIAL)
    return found
