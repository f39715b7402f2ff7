"""Note text for display: escaped first, then web links made clickable (and, for search hits,
the matching words marked); nothing else is interpreted."""

import re

from markupsafe import Markup

from .search_keys import marked

# http(s) only: no javascript:, data: or mailto: links can come out of a note.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def linkify(text: str | None, hits: list[str] | None = None) -> Markup:
    """The text with its links as <a>; every other character escaped, and with `hits` (search
    keys) the words outside links that match one inside <mark>. Line breaks stay as they are
    (the CSS shows them with white-space: pre-wrap)."""
    if not text:
        return Markup("")
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        stripped = url.rstrip(_TRAILING)
        if len(stripped) <= len("https://"):
            continue
        start, end = match.start(), match.start() + len(stripped)
        parts.append(marked(text[position:start], hits or []))
        parts.append(Markup('<a href="{0}" rel="noopener noreferrer" target="_blank">{0}</a>').format(stripped))
        position = end
    parts.append(marked(text[position:], hits or []))
    return Markup("").join(parts)
