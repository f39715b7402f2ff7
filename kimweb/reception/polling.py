"""Conditional polling: a browser that polls sends the ETag of what it shows (If-None-Match) and
gets 304 with no body as long as the cheap state behind it has not changed.

Pages here are `no-store`, so the browser cache never revalidates them; the polling element
carries its ETag in hx-headers instead, and base.html's htmx config does not swap a 304. An ETag
is "<cheap state>~<digest of the live-region text>": the cheap state alone decides 304, the
digest tells whether the counts a screen reader hears have changed since the last swap.
"""

import hashlib

from flask import make_response, request
from flask_babel import get_locale
from flask_login import current_user

from ..timeutil import utcnow


def cheap_state(kind: str, *parts) -> str:
    user = current_user.id if current_user.is_authenticated else 0
    return ".".join(str(p) for p in (kind, user, get_locale() or "de", *parts))


def minute() -> int:
    """Waiting times are shown in whole minutes: a board re-renders at most once a minute for them."""
    return int(utcnow().timestamp() // 60)


def _sent() -> tuple[str, str]:
    raw = request.headers.get("If-None-Match", "").strip()
    if raw.startswith("W/"):
        raw = raw[2:]
    state, _, digest = raw.strip('"').partition("~")
    return state, digest


def unchanged(state: str) -> bool:
    return _sent()[0] == state


def not_modified(state: str):
    response = make_response("", 304)
    response.headers["ETag"] = f'"{state}~{_sent()[1]}"'
    return response


def digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def etag(state: str, live_text: str) -> str:
    return f'"{state}~{digest(live_text)}"'


def live_text_changed(live_text: str) -> bool:
    """Whether the polite live region should get new text (a first render always does)."""
    return _sent()[1] != digest(live_text)
