"""Benchmark (not a test): saving a letter (fill, consent check, letter note, PDF into the store)
and downloading it as PDF and DOCX. It prints the figures with the load average; it asserts no
timings.

    .venv/bin/python -m pytest tests/bench/bench_letters.py -s -o addopts="" -p no:cacheprovider
"""

import pytest
from sqlalchemy import func, select

from kimweb.extensions import db
from kimweb.letters.models import Letter
from tests.bench.stats import report, timed
from tests.letters.conftest import consent_for, fields_of, office, person, template_id  # noqa: F401
from tests.letters.test_output import FILLED

ROUNDS = 10


@pytest.mark.bench
def test_letter_save_and_downloads(client, person, office, consent_for):  # noqa: F811
    _me, someone = person
    consent_for(someone, office)
    draft = client.post(
        f"/klienten/{someone.id}/briefe/entwurf",
        data={"template_id": template_id("aufenthalt_verlaengerung"), "organization_id": office.id, **FILLED},
    )
    form = fields_of(draft.text)
    save_ms, pdf_ms, docx_ms = [], [], []
    for _ in range(ROUNDS):
        save_ms.append(timed(lambda: client.post(f"/klienten/{someone.id}/briefe", data=form), 303))
        base = f"/klienten/{someone.id}/briefe/{db.session.scalar(select(func.max(Letter.id)))}"
        pdf_ms.append(timed(lambda url=base + "/brief.pdf": client.get(url)))
        docx_ms.append(timed(lambda url=base + "/brief.docx": client.get(url)))
    print()
    report("save (note + PDF document)", save_ms)
    report("download PDF", pdf_ms)
    report("download DOCX", docx_ms)
