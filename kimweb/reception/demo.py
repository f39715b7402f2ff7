"""Demo data for the desk: a few people waiting today and a waiting-room screen key. Idempotent."""

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from ..auth.models import User
from ..clients.models import Client
from ..extensions import db
from ..lifeareas import LifeArea
from ..timeutil import local_today, utcnow
from .models import ScreenKey, Visit
from .screens import hash_key
from .visits import check_in, check_in_client

# Only for demo installations: the screen is at /wartezimmer/<this key>.
DEMO_SCREEN_KEY = "demo-wartezimmer"

# (minutes ago, client of this case manager or None, walk-in name, language, interpreter, life area, reason,
#  wanted, priority). A known client's language and interpreter need come from the file. The walk-ins
# are people without a file (tests/reception/test_demo.py keeps it so).
DemoVisit = tuple[int, str | None, tuple[str, str] | None, str | None, str, str, str, str | None, str]
DEMO_VISITS: tuple[DemoVisit, ...] = (
    (26, "mueller", None, None, "", "aufenthalt", "Brief der Ausländerbehörde", "mueller", "normal"),
    (14, None, ("Bondarenko", "Oksana"), "uk", "volunteer", "wohnen", "Sucht eine Wohnung", "yilmaz", "normal"),
    (6, None, ("Haddad", "Samir"), "ar", "child", "existenz", "Strom wird morgen abgestellt", None, "urgent"),
)


def demo_screen_path() -> str | None:
    """The demo waiting-room screen's path, if the demo key exists in this database."""
    found = db.session.scalar(select(ScreenKey.id).where(ScreenKey.key_hash == hash_key(DEMO_SCREEN_KEY)))
    return f"/wartezimmer/{DEMO_SCREEN_KEY}" if found is not None else None


def seed_demo_reception() -> list[str]:
    created = []
    users = {
        u.username: u
        for u in db.session.scalars(select(User).where(User.username.in_(("empfang", "mueller", "yilmaz"))))
    }
    if db.session.scalar(select(ScreenKey.id).where(ScreenKey.key_hash == hash_key(DEMO_SCREEN_KEY))) is None:
        db.session.add(ScreenKey(label="Wartebereich (Demo)", key_hash=hash_key(DEMO_SCREEN_KEY)))
        created.append(f"Bildschirm /wartezimmer/{DEMO_SCREEN_KEY}")
    desk = users.get("empfang")
    if desk is None or db.session.scalar(select(Visit.id).where(Visit.day == local_today()).limit(1)):
        return created
    areas = {a.code: a.id for a in db.session.scalars(select(LifeArea))}
    for minutes, client_of, walk_in, language, interpreter, area, reason, wanted, priority in DEMO_VISITS:
        values: dict[str, Any] = dict(
            life_area_id=areas.get(area),
            reason=reason,
            case_manager_id=users[wanted].id if wanted in users else None,
            priority=priority,
        )
        if client_of:
            client_id = db.session.scalar(
                select(Client.id)
                .where(Client.case_manager_id == users[client_of].id)
                .order_by(Client.id.desc())
                .limit(1)
            )
            if client_id is None:
                continue
            checked = check_in_client(desk, client_id, **values)
            if checked is None:
                continue
            visit = checked.visit
        elif walk_in:
            visit = check_in(
                desk,
                family_name=walk_in[0],
                given_names=walk_in[1],
                language=language,
                interpreter=interpreter,
                **values,
            ).visit
        else:
            continue
        visit.checked_in_at = utcnow() - timedelta(minutes=minutes)
        created.append(f"Besuch {visit.ticket}")
    return created
