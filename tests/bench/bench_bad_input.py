"""The bad-input walk (tests/test_bad_input.py) with the whole Big List of Naughty Strings for
every field, not a sample: `make bench`, or

    .venv/bin/python -m pytest tests/bench/bench_bad_input.py -s -o addopts=""
"""

import pytest

from tests.test_bad_input import ROLES, _run


@pytest.mark.bench
@pytest.mark.parametrize("username", ROLES, ids=lambda u: u or "anonymous")
def test_bad_input_full_list(app, client, username):
    prober = _run(app, client, username, full=True)
    print(f"\n{username or 'anonymous'}: {prober.requests} requests")
    assert not prober.failures, "\n".join(prober.failures[:40])
