"""Letter templates as data, never as code: a sandboxed Jinja environment that knows only the
offered placeholders. A template is checked before it is stored: plain text, placeholders
({{ klient_name }}) and conditions on them ({% if frist %}…{% endif %}); anything else (attribute
access, calls, loops, filters, includes) is refused, so nothing can reach Python's internals or
run long; the output is limited too."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SOURCE = 20_000
MAX_OUTPUT = 60_000

# What a template may use: name -> what it holds (shown to the editor). All values are strings.
PLACEHOLDERS = {
    "heute": _l("Datum des Briefs"),
    "klient_name": _l("Name der Person (Vorname Nachname)"),
    "klient_vorname": _l("Vorname(n) der Person"),
    "klient_nachname": _l("Familienname der Person"),
    "klient_geburtsdatum": _l("Geburtsdatum der Person"),
    "klient_anschrift": _l("Anschrift der Person in einer Zeile"),
    "aufenthalt_art": _l("Aufenthaltsstatus (aktuell)"),
    "aufenthalt_gueltig_bis": _l("Aufenthaltstitel gültig bis"),
    "aktenzeichen_abh": _l("Aktenzeichen der Ausländerbehörde"),
    "stelle_name": _l("Angeschriebene Stelle"),
    "fallmanager_name": _l("Name der Fallmanagerin / des Fallmanagers"),
    "fallmanager_telefon": _l("Telefon der Fallmanagerin / des Fallmanagers"),
    "fallmanager_email": _l("E-Mail der Fallmanagerin / des Fallmanagers"),
    "buero_name": _l("Name der Dienststelle"),
    # Filled in by the case manager while writing (see USER_FIELDS).
    "bescheid_datum": _l("Datum des Bescheids (beim Schreiben einzutragen)"),
    "aktenzeichen": _l("Aktenzeichen der Stelle (beim Schreiben einzutragen)"),
    "frist_bis": _l("Gewünschte Frist / Datum (beim Schreiben einzutragen)"),
    "unterlagen": _l("Liste der Unterlagen (beim Schreiben einzutragen)"),
}
# Placeholders the person writing the letter fills in: name -> kind of input.
USER_FIELDS = {"bescheid_datum": "date", "aktenzeichen": "text", "frist_bis": "date", "unterlagen": "area"}

# The client's data a placeholder passes on, as consent_scope.DATA_KINDS codes.
DATA_KIND_OF = {
    "klient_name": "identity",
    "klient_vorname": "identity",
    "klient_nachname": "identity",
    "klient_geburtsdatum": "identity",
    "klient_anschrift": "contact",
    "aufenthalt_art": "residence",
    "aufenthalt_gueltig_bis": "residence",
    "aktenzeichen_abh": "residence",
}

# The nodes a template may consist of: text, names, if/elif/else and not/and/or on names.
_ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.If, nodes.Not, nodes.And, nodes.Or)

_ENV = ImmutableSandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True
)


class TemplateRefused(ValueError):
    """The template cannot be used; the message says why (German) and lists the placeholders."""


def valid_list() -> str:
    return ", ".join("{{ " + name + " }}" for name in PLACEHOLDERS)


@dataclass(frozen=True)
class Checked:
    used: frozenset[str]

    @property
    def scope(self) -> set[str]:
        return {DATA_KIND_OF[name] for name in self.used if name in DATA_KIND_OF}

    @property
    def user_fields(self) -> list[str]:
        return [name for name in USER_FIELDS if name in self.used]


def check(source: str) -> Checked:
    """Parse and check a template's text; TemplateRefused with a German reason if it is not plain
    text with offered placeholders."""
    if len(source) > MAX_SOURCE:
        raise TemplateRefused(_("Die Vorlage ist zu lang (höchstens %(n)d Zeichen).", n=MAX_SOURCE))
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateRefused(
            _(
                "Die Vorlage enthält einen Fehler in Zeile %(line)d (%(error)s). Erlaubte Platzhalter: %(valid)s",
                line=error.lineno,
                error=error.message or "",
                valid=valid_list(),
            )
        ) from None
    used: set[str] = set()
    unknown: list[str] = []
    forbidden = False
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED):
            forbidden = True
        elif isinstance(node, nodes.Name):
            if node.name in PLACEHOLDERS:
                used.add(node.name)
            elif node.name not in unknown:
                unknown.append(node.name)
    if forbidden:
        raise TemplateRefused(
            _(
                "Die Vorlage darf nur Text, Platzhalter wie {{ klient_name }} und Bedingungen wie "
                "{%% if frist_bis %%}…{%% endif %%} enthalten (keine Punkte, Klammern, Filter oder "
                "Schleifen). Erlaubte Platzhalter: %(valid)s",
                valid=valid_list(),
            )
        )
    if unknown:
        raise TemplateRefused(
            _(
                "Unbekannte Platzhalter: %(unknown)s. Erlaubte Platzhalter: %(valid)s",
                unknown=", ".join(unknown),
                valid=valid_list(),
            )
        )
    return Checked(frozenset(used))


def render(source: str, values: dict[str, str]) -> str:
    """Fill a checked template; every offered placeholder must be in `values` (empty is fine)."""
    check(source)
    context = {name: str(values.get(name) or "") for name in PLACEHOLDERS}
    text = _ENV.from_string(source).render(context)
    if len(text) > MAX_OUTPUT:
        raise TemplateRefused(_("Der ausgefüllte Brief ist zu lang (höchstens %(n)d Zeichen).", n=MAX_OUTPUT))
    return text
