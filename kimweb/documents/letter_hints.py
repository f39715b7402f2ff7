"""From a letter's text (its PDF text layer or OCR) to a proposal for its note: the letter's date
and, for a decision kimweb recognises, the kind and the appeal deadline of kimweb.deadlines.
Only a proposal: a person checks it against the paper and types it into the letter note."""

import re
from dataclasses import dataclass
from datetime import date

from ..deadlines import Deadline, appeal_deadline, deemed_served
from ..textfold import strip_accents

MONTHS = {
    "januar": 1, "jaenner": 1, "februar": 2, "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4})(?!\d)")
WORDS = re.compile(r"(?<!\d)(\d{1,2})\.?\s*(" + "|".join(MONTHS) + r")\s+(\d{4})(?!\d)")
# Words before a date that make it the letter's own date, or certainly not it.
LETTER_DATE_CUE = re.compile(r"(datum|den|vom)\s*:?\s*$")
OTHER_DATE_CUE = re.compile(r"(geb|geboren|gueltig bis|bis zum|bis|ab|seit|zum|eingang|frist)\s*:?\s*$")
# The head of a letter, where its date stands.
HEAD = 1500

# (all these words, kind of decision) in order: the first rule whose words all occur wins.
KIND_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("bundesamt fuer migration", "offensichtlich unbegruendet"), "asyl_offensichtlich_unbegruendet"),
    (("bundesamt fuer migration", "abschiebungsanordnung"), "asyl_dublin"),
    (("bundesamt fuer migration", "bescheid"), "asyl"),
    (("widerspruchsbescheid", "sozialgericht"), "widerspruchsbescheid_sozial"),
    (("widerspruchsbescheid",), "widerspruchsbescheid"),
    (("jobcenter", "bescheid"), "jobcenter"),
    (("familienkasse", "einspruch"), "familienkasse"),
    (("auslaenderbehoerde", "rechtsbehelfsbelehrung"), "auslaenderbehoerde"),
    (("anhoerung",), "anhoerung"),
    (("bescheid", "rechtsbehelfsbelehrung"), "verwaltungsakt"),
)


@dataclass(frozen=True)
class LetterHint:
    letter_date: date | None
    kind: str | None
    # Assumed: an ordinary letter, served on the legal day after posting (kimweb.deadlines).
    served_on: date | None
    deadline: Deadline | None


def hint(text: str | None, today: date) -> LetterHint | None:
    if not text or not text.strip():
        return None
    folded = simplified(text)
    letter_date = find_letter_date(folded[:HEAD], today)
    kind = next((kind for words, kind in KIND_RULES if all(word in folded for word in words)), None)
    served = deemed_served(letter_date) if letter_date else None
    deadline = appeal_deadline(kind, served) if kind and served else None
    if letter_date is None and kind is None:
        return None
    return LetterHint(letter_date, kind, served, deadline)


def simplified(text: str) -> str:
    """Lower case, umlauts spelt out, one space for any run of white space; punctuation kept."""
    text = text.casefold()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    return re.sub(r"\s+", " ", strip_accents(text))


def find_letter_date(folded: str, today: date) -> date | None:
    """The letter's date among the dates in its head: one introduced as such ("Datum:", ", den"),
    else the latest that is not in the future and not a birth date or a deadline."""
    found: list[tuple[bool, date]] = []
    for match in [*NUMERIC.finditer(folded), *WORDS.finditer(folded)]:
        day, month, year = match.groups()
        month_number = int(month) if month.isdigit() else MONTHS[month]
        try:
            value = date(int(year), month_number, int(day))
        except ValueError:
            continue
        before = folded[max(0, match.start() - 20) : match.start()]
        if value > today or OTHER_DATE_CUE.search(before):
            continue
        found.append((bool(LETTER_DATE_CUE.search(before)), value))
    if not found:
        return None
    cued = [value for is_cued, value in found if is_cued]
    return cued[0] if cued else max(value for _cued, value in found)
