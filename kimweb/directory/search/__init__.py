"""The directory's search: search as you type over services, ranked and filtered in memory, no search server.

The pieces, from the words up:
- vocabulary: the words of texts and queries (German folding, stop words) and what a query word
  stands for in the index: itself, longer words it begins, compounds it is part of, words one typo
  away, and its synonyms (kept by editors in directory_synonym, valid in both directions).
- indexing: the index rows (directory_search_token), the weighted words of each service, rebuilt
  for the services a write touches, inside the writing transaction.
- postings: the index as each process holds it: services numbered in result order, a bitset of
  services per word and field weight; ranking (word_levels, combine) and paging are set operations.
- filter_sets: what the filters and result rows need (status, capacity, life areas, languages,
  districts, opening hours), as bitsets over the same numbering.
- state: the snapshot of postings, synonyms and filter sets each process keeps, and the index
  generation (search_state) that any write to watched tables moves on, so every process reloads.
- filters: the filters as the URL carries them, and the services that pass them.
- results: find(): the query ranked within the filtered services, and one page of result rows.

What the views and other features use is imported here: Filters, find, is_stale, district_choices.
"""

from .filters import Filters, district_choices
from .results import find, is_stale

__all__ = ["Filters", "district_choices", "find", "is_stale"]
