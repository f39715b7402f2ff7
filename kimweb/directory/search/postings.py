"""The index held in memory as bitsets, documents numbered in result order: ranking and paging are set operations."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, cast, func, select

from ...extensions import db
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Postings:
    """Bit n stands for the document `ids[n]`; documents are numbered in the order results are listed."""

    vocabulary: Vocabulary
    # token -> ((weight, bitset of the documents with that token at that weight), ...)
    bits: dict[str, tuple[tuple[int, int], ...]]
    ids: list[int]
    positions: dict[int, int]

    @property
    def everything(self) -> int:
        return (1 << len(self.ids)) - 1

    def bitset(self, ids: Iterable[int]) -> int:
        return numbered(self.positions, ids)

    def bitsets(self, statement) -> dict:
        return grouped_bitsets(self.positions, statement)


def bitset(positions: Iterable[int]) -> int:
    positions = positions if isinstance(positions, list) else list(positions)
    if not positions:
        return 0
    # One ASCII digit per position, read as a binary number: about twice as fast as setting bits in bytes.
    digits = bytearray(b"0") * (max(positions) + 1)
    for position in positions:
        digits[position] = 49  # "1"
    digits.reverse()
    return int(digits, 2)


def numbered(positions: dict[int, int], ids: Iterable[int]) -> int:
    """The bitset of some documents; ids not numbered (added since the index was loaded) are left out."""
    return bitset([p for p in map(positions.get, ids) if p is not None])


def every_position(bits: int) -> list[int]:
    return set_positions(bits, 0, bits.bit_count())


def set_positions(bits: int, skip: int, count: int) -> list[int]:
    """The positions of set bits, lowest first, leaving out the first `skip` of them."""
    digits = bin(bits)[:1:-1]  # least significant bit first
    found, at = [], -1
    for _ in range(skip + count):
        at = digits.find("1", at + 1)
        if at < 0:
            break
        found.append(at)
    return found[skip:]


def joined(column):
    """All values of a column in a group as one string: one row per group is far cheaper to read than one per value."""
    return func.aggregate_strings(cast(column, String), ",")


def grouped_bitsets(positions: dict[int, int], statement) -> dict:
    """key -> bitset, from a grouped statement that selects the key column(s) and then `joined(document id)`."""
    found = {}
    for *key, docs in db.session.execute(statement):
        found[key[0] if len(key) == 1 else tuple(key)] = numbered(positions, map(int, docs.split(",")))
    return found


def load_postings(token_column, doc_column, weight_column, order) -> Postings:
    """`order` selects every document id in result order (the order among equal scores)."""
    ids = list(db.session.scalars(order))
    positions = {doc: n for n, doc in enumerate(ids)}
    grouped: dict[str, list[tuple[int, int]]] = {}
    by_token = grouped_bitsets(
        positions, select(token_column, weight_column, joined(doc_column)).group_by(token_column, weight_column)
    )
    for (token, weight), found in by_token.items():
        if found:
            grouped.setdefault(token, []).append((weight, found))
    bits = {token: tuple(sorted(by_weight, reverse=True)) for token, by_weight in grouped.items()}
    return Postings(Vocabulary(list(bits)), bits, ids, positions)


def word_levels(index: Postings, expanded: dict[str, int]) -> dict[int, int]:
    """Score -> the documents whose best match for one query word (token weight x match quality) is that score."""
    reached: dict[int, int] = {}
    for token, quality in expanded.items():
        for weight, bits in index.bits.get(token, ()):
            score = weight * quality
            reached[score] = reached.get(score, 0) | bits
    levels, seen = {}, 0
    for score in sorted(reached, reverse=True):
        exact = reached[score] & ~seen
        if exact:
            levels[score] = exact
            seen |= exact
    return levels


# The score a language named in the query gives a service in that language (as a word in its name would).
LANGUAGE_SCORE = 30


def all_of(parts: list[dict[int, int]]) -> dict[int, int]:
    """Levels of the documents that match every part (a compound split up), scored by their average."""
    summed = combine(parts, -1)
    levels: dict[int, int] = {}
    for total, bits in summed.items():
        score = total // len(parts)
        levels[score] = levels.get(score, 0) | bits
    return levels


def best_of(first: dict[int, int], second: dict[int, int]) -> dict[int, int]:
    """Levels of the documents of either, each at its better score."""
    reached: dict[int, int] = {}
    for levels in (first, second):
        for score, bits in levels.items():
            reached[score] = reached.get(score, 0) | bits
    best, seen = {}, 0
    for score in sorted(reached, reverse=True):
        new = reached[score] & ~seen
        if new:
            best[score] = new
            seen |= new
    return best


def combine(words: list[dict[int, int]], allowed: int) -> dict[int, int]:
    """Total score -> the allowed documents that match every word, with that sum of the words' scores."""
    totals = {0: allowed} if allowed else {}
    for levels in words:
        summed: dict[int, int] = {}
        for total, bits in totals.items():
            for score, word_bits in levels.items():
                both = bits & word_bits
                if both:
                    summed[total + score] = summed.get(total + score, 0) | both
        totals = summed
    return totals


def page(totals: dict[int, int], offset: int, count: int) -> tuple[list[int], int]:
    """The positions of one page (best score first, then document order) and the number of all results."""
    found: list[int] = []
    total = 0
    for score in sorted(totals, reverse=True):
        bits = totals[score]
        size = bits.bit_count()
        if len(found) < count and offset < total + size:
            found += set_positions(bits, max(0, offset - total), count - len(found))
        total += size
    return found, total
