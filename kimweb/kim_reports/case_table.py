"""The case-level fact table: one row per case open in a period, pseudonymous, for the state's
future KIM database and for anyone who wants to re-cut the figures. Columns: docs/reports.md.

Never names, birth dates, addresses or free text: the case id is an HMAC of the client id with
the app's secret key (stable across exports, not reversible without the key), age as a group.
"""

import hashlib
import hmac

from flask import current_app

from ..auth.models import Team, Traeger, User
from ..clients.choices import PHASES
from ..extensions import db
from ..lifeareas import all_life_areas
from ..notes.choices import KINDS
from ..reports.downloads import Table
from .fact_parts import APPOINTMENT_OUTCOMES
from .facts import CaseFact
from .status_groups import improvement
from .tables import REFERRAL_OUTCOMES, age_group

ATTAINMENTS = (("achieved", "erreicht"), ("partly", "teilweise"), ("not_achieved", "nicht_erreicht"))


def pseudonym(client_id: int) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"kimweb-client:{client_id}".encode(), hashlib.sha256).hexdigest()[:20]


def case_table(facts: list[CaseFact]) -> Table:
    teams = {t.id: t.name for t in db.session.query(Team)}
    traeger = {t.id: t.name for t in db.session.query(Traeger)}
    staff = {u.id: u.username for u in db.session.query(User)}
    areas = all_life_areas()
    header = [
        "fall_id",
        "zeitraum_von",
        "zeitraum_bis",
        "sozialraum",
        "team",
        "traeger",
        "fallmanagement",
        "eroeffnet_am",
        "offen_zu_beginn",
        "neu",
        "wieder_aufgenommen",
        "abgeschlossen_am",
        "abschlussgrund",
        "offen_am_ende",
        "phase_am_ende",
        "zugangsweg",
        "geschlecht",
        "altersgruppe",
        "staatsangehoerigkeit",
        "sprache",
        "dolmetschung",
        "haushaltsmitglieder",
        "status_beginn",
        "status_ende",
        "statusverbesserung",
    ]
    for area in areas:
        header += [f"bedarf_{area.code}", f"ziele_{area.code}"] + [f"{name}_{area.code}" for _k, name in ATTAINMENTS]
        header.append(f"massnahmen_{area.code}")
    header += [f"kontakte_{kind}" for kind in KINDS] + ["kontakt_minuten"]
    header += [f"termine_{state}" for state in APPOINTMENT_OUTCOMES]
    header += [f"vermittlungen_{status}" for status in REFERRAL_OUTCOMES]
    header += [
        "aufenthaltsfristen_eingehalten",
        "aufenthaltsfristen_versaeumt",
        "briefe_erledigt",
        "briefe_rechtzeitig",
        "briefe_verspaetet",
        "briefe_ueberfaellig",
    ]
    rows = []
    for f in sorted(facts, key=lambda fact: pseudonym(fact.client_id)):
        holder = f.holder_on(f.reference_day)
        closings = f.closings
        openings = f.openings
        row: list = [
            pseudonym(f.client_id),
            f.start,
            f.end,
            teams.get(f.district_id, "") if f.district_id else "",
            teams.get(holder.team_id, "") if holder.team_id else "",
            traeger.get(holder.traeger_id, "") if holder.traeger_id else "",
            staff.get(holder.case_manager_id, ""),
            f.first_opened,
            int(f.open_at_start),
            int(any(not again for _d, again in openings)),
            int(any(again for _d, again in openings)),
            closings[-1][0] if closings else None,
            (closings[-1][1] or "") if closings else "",
            int(f.open_at_end),
            f.phase_at_end if f.phase_at_end in PHASES else "",
            f.access_route or "",
            f.gender or "",
            age_group(f),
            f.nationalities[0] if f.nationalities else "",
            f.languages[0] if f.languages else "",
            int(f.interpreter_needed),
            f.household_members,
            f.status_group_at_start,
            f.status_group_at_end,
            improvement(f.status_group_at_start, f.status_group_at_end) or "",
        ]
        for area in areas:
            row.append(f.needs.get(area.id, ""))
            row.append(sum(1 for _d, a in f.goals_set if a == area.id))
            row += [
                sum(1 for _d, a, how in f.goals_evaluated if a == area.id and how == key) for key, _n in ATTAINMENTS
            ]
            row.append(sum(1 for _d, a in f.measures_done if a == area.id))
        row += [sum(c.number for c in f.contacts if c.kind == kind) for kind in KINDS]
        row.append(sum(c.minutes for c in f.contacts))
        row += [sum(1 for _d, s in f.appointments if s == state) for state in APPOINTMENT_OUTCOMES]
        row += [sum(1 for r in f.referrals if r[2] == status) for status in REFERRAL_OUTCOMES]
        row += [
            sum(1 for _d, s in f.residence_deadlines if s == "met"),
            sum(1 for _d, s in f.residence_deadlines if s == "missed"),
            sum(1 for _d, s in f.letter_deadlines if s in ("in_time", "late", "done_unknown")),
            sum(1 for _d, s in f.letter_deadlines if s == "in_time"),
            sum(1 for _d, s in f.letter_deadlines if s == "late"),
            sum(1 for _d, s in f.letter_deadlines if s == "overdue"),
        ]
        rows.append(row)
    return Table(header, rows, title="Fälle")
