"""Editable rule tables: appeal periods, deemed service, status types and their alerts, lawful
stay, benefit approval periods. Plain data; the other modules of kimweb.deadlines hold the rules."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from .periods import Period

# --- Severity ------------------------------------------------------------------------------
# Ordered from least to most pressing; sorting and "worst of" comparisons use this order.
SEVERITIES = ("info", "soon", "urgent", "overdue")
SEVERITY_LABELS = {
    "info": _l("Hinweis"),
    "soon": _l("bald fällig"),
    "urgent": _l("dringend"),
    "overdue": _l("überfällig"),
}


# --- Appeal and response periods after a decision is served -----------------------------------
@dataclass(frozen=True)
class AppealRule:
    label: object
    period: Period
    legal_basis: str
    # The norm that replaces the period by one year when the instructions on legal remedies were
    # missing or wrong; None where no remedy is being lodged (a hearing letter, for instance).
    no_instructions_basis: str | None


APPEAL_RULES: dict[str, AppealRule] = {
    "asyl": AppealRule(
        _l("Asylbescheid des BAMF (Klage)"), Period(weeks=2), "§ 74 Abs. 1 Hs. 1 AsylG", "§ 58 Abs. 2 VwGO"
    ),
    "asyl_offensichtlich_unbegruendet": AppealRule(
        _l("Asylbescheid „offensichtlich unbegründet“ oder unzulässig (Klage und Eilantrag)"),
        Period(weeks=1),
        "§ 74 Abs. 1 Hs. 2, § 36 Abs. 3 AsylG",
        "§ 58 Abs. 2 VwGO",
    ),
    "asyl_dublin": AppealRule(
        _l("Dublin-Bescheid mit Abschiebungsanordnung (Klage und Eilantrag)"),
        Period(weeks=1),
        "§ 74 Abs. 1 Hs. 2, § 34a Abs. 2 AsylG",
        "§ 58 Abs. 2 VwGO",
    ),
    "auslaenderbehoerde": AppealRule(
        # In NRW the Widerspruch against most decisions of the foreigners' office is abolished,
        # so the month is the period for the action at the administrative court.
        _l("Bescheid der Ausländerbehörde (Klage, in NRW meist ohne Widerspruch)"),
        Period(months=1),
        "§ 74 Abs. 1 VwGO, § 110 JustG NRW",
        "§ 58 Abs. 2 VwGO",
    ),
    "verwaltungsakt": AppealRule(
        _l("Sonstiger Bescheid einer Behörde (Widerspruch oder Klage)"),
        Period(months=1),
        "§§ 70, 74 VwGO",
        "§ 58 Abs. 2 VwGO",
    ),
    "widerspruchsbescheid": AppealRule(
        _l("Widerspruchsbescheid (Klage beim Verwaltungsgericht)"),
        Period(months=1),
        "§ 74 Abs. 1 VwGO",
        "§ 58 Abs. 2 VwGO",
    ),
    "jobcenter": AppealRule(
        _l("Bescheid des Jobcenters (Widerspruch)"), Period(months=1), "§ 84 Abs. 1 SGG", "§ 66 Abs. 2 SGG"
    ),
    "sozialleistung": AppealRule(
        _l("Bescheid über andere Sozialleistungen (Widerspruch)"),
        Period(months=1),
        "§ 84 Abs. 1 SGG",
        "§ 66 Abs. 2 SGG",
    ),
    "widerspruchsbescheid_sozial": AppealRule(
        _l("Widerspruchsbescheid zu Sozialleistungen (Klage beim Sozialgericht)"),
        Period(months=1),
        "§ 87 SGG",
        "§ 66 Abs. 2 SGG",
    ),
    "familienkasse": AppealRule(
        _l("Bescheid der Familienkasse zum Kindergeld (Einspruch)"),
        Period(months=1),
        "§ 355 Abs. 1 AO",
        "§ 356 Abs. 2 AO",
    ),
    "anhoerung": AppealRule(
        # The authority sets this period itself; two weeks is only the usual default. A letter
        # that names a fixed date wins over any computation.
        _l("Anhörung / Bitte um Stellungnahme"),
        Period(weeks=2),
        "§ 28 VwVfG, § 24 SGB X",
        None,
    ),
}


# --- When a letter sent by ordinary post counts as served --------------------------------------
# (first posting day the rule applies to, days after posting). The Postrechtsmodernisierungsgesetz
# moved § 41 Abs. 2 VwVfG, § 37 Abs. 2 SGB X, § 122 Abs. 2 AO and the NRW VwVfG from the third to
# the fourth day for letters posted from 1 January 2025 on.
DEEMED_SERVICE_DAYS: tuple[tuple[date, int], ...] = (
    (date.min, 3),
    (date(2025, 1, 1), 4),
)


# --- Status types --------------------------------------------------------------------------
STATUS_TYPES = {
    "visum": _l("Visum"),
    "aufenthaltserlaubnis": _l("Aufenthaltserlaubnis"),
    "chancen_aufenthalt": _l("§ 104c Chancen-Aufenthalt"),
    "blaue_karte": _l("Blaue Karte EU"),
    "niederlassungserlaubnis": _l("Niederlassungserlaubnis"),
    "daueraufenthalt_eu": _l("Daueraufenthalt-EU"),
    "aufenthaltsgestattung": _l("Aufenthaltsgestattung"),
    "duldung": _l("Duldung"),
    "fiktionsbescheinigung": _l("Fiktionsbescheinigung"),
    "freizuegigkeit_eu": _l("Freizügigkeit EU"),
    "aufenthaltskarte": _l("Aufenthaltskarte"),
    "eingebuergert": _l("eingebürgert"),
    "unbekannt": _l("unbekannt"),
}

# How free-text or labelled status types are recognised: the folded text with spaces removed
# ("Duldung § 60b" -> "duldung60b") is matched by prefix, first hit wins, so longer prefixes that
# share a start with shorter ones ("daueraufenthaltskarte") come first.
STATUS_PREFIXES: tuple[tuple[str, str], ...] = (
    ("104c", "chancen_aufenthalt"),
    ("chancen", "chancen_aufenthalt"),
    ("visum", "visum"),
    ("aufenthaltserlaubnis", "aufenthaltserlaubnis"),
    ("blauekarte", "blaue_karte"),
    ("niederlassungserlaubnis", "niederlassungserlaubnis"),
    ("daueraufenthaltskarte", "aufenthaltskarte"),
    ("daueraufenthalt", "daueraufenthalt_eu"),
    ("erlaubniszumdaueraufenthalt", "daueraufenthalt_eu"),
    ("aufenthaltsgestattung", "aufenthaltsgestattung"),
    ("gestattung", "aufenthaltsgestattung"),
    ("duldung", "duldung"),
    ("fiktion", "fiktionsbescheinigung"),
    ("freizuegigkeit", "freizuegigkeit_eu"),
    ("aufenthaltskarte", "aufenthaltskarte"),
    ("eingebuergert", "eingebuergert"),
)


# --- Alerts from a residence status record ----------------------------------------------------
@dataclass(frozen=True)
class AlertRule:
    label: object
    # The record attribute holding the due date; "chancen_end" is derived (issue + 18 months).
    field: str
    # Status types (keys of STATUS_TYPES) the rule applies to.
    types: frozenset[str]
    # (how long before the due date, severity from that day on), earliest first.
    stages: tuple[tuple[Period, str], ...]
    # Whether the alert stays, as "overdue", once the due date has passed.
    after_due: bool = True
    # Alert kinds that already cover the same due date, making this one redundant.
    redundant_with: tuple[str, ...] = ()


_RENEWAL_STAGES = ((Period(weeks=12), "info"), (Period(weeks=8), "soon"), (Period(weeks=4), "urgent"))
_SHORT_PAPER_STAGES = ((Period(weeks=4), "info"), (Period(weeks=2), "soon"), (Period(weeks=1), "urgent"))
# Once naturalised, foreign passports and residence obligations no longer matter here.
_ALL_BUT_NATURALISED = frozenset(STATUS_TYPES) - {"eingebuergert"}

# § 104c permits run 18 months from issue and cannot be extended.
CHANCEN_AUFENTHALT_MONTHS = 18

ALERT_RULES: dict[str, AlertRule] = {
    "permit_renewal": AlertRule(
        # § 81 Abs. 4 AufenthG: only an application filed before expiry keeps the old permit in
        # force while the office decides.
        _l("Aufenthaltstitel läuft ab: Verlängerung vor Ablauf beantragen (§ 81 Abs. 4 AufenthG)"),
        "valid_until",
        frozenset({"visum", "aufenthaltserlaubnis", "blaue_karte", "aufenthaltskarte"}),
        _RENEWAL_STAGES,
    ),
    "chancen_end": AlertRule(
        _l(
            "Chancen-Aufenthalt (§ 104c) endet und ist nicht verlängerbar: "
            "Aufenthaltserlaubnis nach § 25a oder § 25b rechtzeitig beantragen"
        ),
        "chancen_end",
        frozenset({"chancen_aufenthalt"}),
        ((Period(months=6), "info"), (Period(months=3), "soon"), (Period(weeks=6), "urgent")),
    ),
    "fiktion_expiry": AlertRule(
        _l("Fiktionsbescheinigung läuft ab: Verlängerung bei der Ausländerbehörde"),
        "valid_until",
        frozenset({"fiktionsbescheinigung"}),
        _SHORT_PAPER_STAGES,
    ),
    "duldung_expiry": AlertRule(
        _l("Duldung läuft ab: Verlängerung bei der Ausländerbehörde"),
        "valid_until",
        frozenset({"duldung"}),
        _SHORT_PAPER_STAGES,
    ),
    "gestattung_expiry": AlertRule(
        _l("Bescheinigung über die Aufenthaltsgestattung läuft ab"),
        "valid_until",
        frozenset({"aufenthaltsgestattung"}),
        _SHORT_PAPER_STAGES,
    ),
    "card_expiry": AlertRule(
        # The permit itself may be unlimited (Niederlassungserlaubnis) while the card expires.
        _l("Karte (eAT) läuft ab: neue Karte beantragen"),
        "card_valid_until",
        frozenset(
            {
                "aufenthaltserlaubnis",
                "chancen_aufenthalt",
                "blaue_karte",
                "niederlassungserlaubnis",
                "daueraufenthalt_eu",
                "aufenthaltskarte",
            }
        ),
        _RENEWAL_STAGES,
        redundant_with=("permit_renewal", "chancen_end"),
    ),
    "passport_expiry": AlertRule(
        # New passports from embassies often take months, hence the long lead.
        _l("Pass läuft ab: neuen Pass beantragen, danach Ausländerbehörde informieren"),
        "passport_valid_until",
        _ALL_BUT_NATURALISED,
        ((Period(months=6), "info"), (Period(months=3), "soon"), (Period(weeks=4), "urgent")),
    ),
    "residence_obligation_end": AlertRule(
        # Good news rather than a risk: nothing is overdue once the obligation has ended.
        _l("Wohnsitzauflage endet: Umzug oder Wohnortwechsel danach möglich"),
        "residence_obligation_until",
        _ALL_BUT_NATURALISED,
        ((Period(weeks=4), "info"),),
        after_due=False,
    ),
}


# --- Which status types count as lawful stay ---------------------------------------------------
# Duldung is never lawful stay: it only suspends deportation. A Fiktionsbescheinigung counts
# (§ 81 Abs. 3 S. 1 and Abs. 4 AufenthG continue or deem lawful stay) except the "Duldungsfiktion"
# of § 81 Abs. 3 S. 2, which is recognised from the legal basis text.
LAWFUL_STAY_TYPES: frozenset[str] = frozenset(
    {
        "visum",
        "aufenthaltserlaubnis",
        "chancen_aufenthalt",
        "blaue_karte",
        "niederlassungserlaubnis",
        "daueraufenthalt_eu",
        "fiktionsbescheinigung",
        "freizuegigkeit_eu",
        "aufenthaltskarte",
    }
)
# Aufenthaltsgestattung is lawful for the asylum procedure only; for naturalisation
# (§ 55 Abs. 3 AsylG) it counts once protection has been granted, so callers choose this set then.
LAWFUL_STAY_TYPES_WITH_GESTATTUNG: frozenset[str] = LAWFUL_STAY_TYPES | {"aufenthaltsgestattung"}


# --- Benefit approval periods ----------------------------------------------------------------
@dataclass(frozen=True)
class BenefitRule:
    label: object
    months: int  # the usual approval period
    max_months: int
    lead: Period  # how long before the period ends to remind
    legal_basis: str


BENEFIT_RULES: dict[str, BenefitRule] = {
    "buergergeld": BenefitRule(
        _l("Bürgergeld: Weiterbewilligungsantrag"), 12, 12, Period(weeks=6), "§ 41 Abs. 3 SGB II"
    ),
    "wohngeld": BenefitRule(
        # Wohngeld offices take long, and a gap is only avoided if the new application is in
        # before the old period ends.
        _l("Wohngeld: Weiterleistungsantrag"),
        12,
        24,
        Period(weeks=8),
        "§ 25 WoGG",
    ),
    "kinderzuschlag": BenefitRule(
        _l("Kinderzuschlag: neuer Antrag bei der Familienkasse"), 6, 6, Period(weeks=6), "§ 6a Abs. 7 BKGG"
    ),
}
