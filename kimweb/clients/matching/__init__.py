"""Name matching: finding a person among the clients however their name was written.

The pieces, from letters to decisions:

- `variants`: plain tables to be edited by people who know the names (other scripts to Latin,
  given names known to be one name, articles).
- `spelling`: a name in any script split into words and brought to one folded Latin, phonetic
  spelling ("Шевченко" and "Schewtschenko" both read "sevcenko"), and the coarse short key.
- `readings`: each written word as its possible readings (variant group, short key, a glued
  article read off), each name field as its words.
- `similarity`: how alike two names are, word by word and field by field, swapped or mixed.
- `scoring`: the name similarity times how well the birth dates agree: `score()`, `rank()` and
  THRESHOLD, for `PersonQuery` (as typed) against `PersonRecord` (on file). No database.
- `keys`: the short keys stored per client (`name_keys`, `word_keys`) and looked up while typing
  (`query_keys`), so the database hands scoring a few hundred candidates, not every client.
- `stored_keys`: the database side of the keys: a client's search columns and key rows
  (`refresh_search`, `rekey_all`) and the list-search condition (`name_condition`).
- `duplicates`: the intake's duplicate hints (`likely_matches`, and `likely_matches_many` for a
  list of people at once) and the pairs ruled out as "not the same person".
"""

from .duplicates import Hint, likely_matches, likely_matches_many, remember_distinct, ruled_out
from .keys import name_keys, query_keys, word_keys
from .scoring import THRESHOLD, PersonQuery, PersonRecord, is_likely_match, rank, score
from .stored_keys import SEARCH_COLUMNS, name_condition, others_of, refresh_search, rekey_all, search_columns

__all__ = [
    "SEARCH_COLUMNS",
    "THRESHOLD",
    "Hint",
    "PersonQuery",
    "PersonRecord",
    "is_likely_match",
    "likely_matches",
    "likely_matches_many",
    "name_condition",
    "name_keys",
    "others_of",
    "query_keys",
    "rank",
    "refresh_search",
    "rekey_all",
    "remember_distinct",
    "ruled_out",
    "score",
    "search_columns",
    "word_keys",
]
