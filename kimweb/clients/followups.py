"""Which follow-ups' titles the current user may read. A follow-up made from a confidential note
(the note's own follow-up, or a case-conference agreement) is as confidential as the note: those
who may not read the note see "Vertrauliche Wiedervorlage" with its date, so nothing is missed.
The notes feature answers which ones (a FOLLOW_UPS contribution); clients never imports notes."""

from collections.abc import Iterable

from ..contributions import FOLLOW_UPS, parts_for
from .casework_models import FollowUp


def sealed(follow_ups: Iterable[FollowUp]) -> frozenset[int]:
    """The ids of those `follow_ups` whose title the current user may not read."""
    follow_ups = list(follow_ups)
    if not follow_ups:
        return frozenset()
    answers = parts_for(FOLLOW_UPS, follow_ups)["parts"].values()
    return frozenset(follow_up_id for answer in answers for follow_up_id in answer)


def is_sealed(follow_up: FollowUp) -> bool:
    return follow_up.id in sealed([follow_up])
