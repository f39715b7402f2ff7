"""Templates are data: only offered placeholders and conditions; everything else is refused
with a German reason and the list of valid placeholders, and output is limited."""

import pytest

from kimweb.letters import sandbox
from kimweb.letters.seeds import TEMPLATES


@pytest.fixture(autouse=True)
def _context(app):
    with app.test_request_context():
        yield


def test_placeholders_and_conditions_render():
    text = sandbox.render(
        "Guten Tag {{ klient_name }}{% if aktenzeichen %}, Az. {{ aktenzeichen }}{% endif %}.",
        {"klient_name": "Ana", "aktenzeichen": ""},
    )
    assert text == "Guten Tag Ana."


def test_unknown_placeholder_is_refused_with_the_valid_ones():
    with pytest.raises(sandbox.TemplateRefused) as refused:
        sandbox.check("Hallo {{ kunde }}")
    message = str(refused.value)
    assert "Unbekannte Platzhalter: kunde" in message
    assert "{{ klient_name }}" in message and "{{ aktenzeichen }}" in message


def test_syntax_error_is_refused_in_german():
    with pytest.raises(sandbox.TemplateRefused) as refused:
        sandbox.check("Hallo {{ klient_name ")
    assert "Fehler in Zeile 1" in str(refused.value)
    assert "Erlaubte Platzhalter" in str(refused.value)


@pytest.mark.parametrize(
    "attempt",
    [
        "{{ klient_name.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ klient_name['__class__'] }}",
        "{{ klient_name|attr('__class__') }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ lipsum.__globals__ }}",
        "{% for i in range(100000000) %}x{% endfor %}",
        "{{ klient_name * 100000000 }}",
        "{{ 9 ** 999999 }}",
        "{% set x = klient_name %}{{ x }}",
        "{% include 'base.html' %}",
        "{% extends 'base.html' %}",
        "{% import 'base.html' as b %}",
        "{% macro m() %}{% endmacro %}",
        "{{ config }}",
        "{{ self }}",
        "{{ heute() }}",
        "{% raw %}{{ ok }}{% endraw %}{{ klient_name.upper() }}",
    ],
)
def test_escape_attempts_are_refused(attempt):
    with pytest.raises(sandbox.TemplateRefused):
        sandbox.check(attempt)
    with pytest.raises(sandbox.TemplateRefused):
        sandbox.render(attempt, {})


def test_overlong_template_and_output_are_refused():
    with pytest.raises(sandbox.TemplateRefused):
        sandbox.check("x" * (sandbox.MAX_SOURCE + 1))
    with pytest.raises(sandbox.TemplateRefused):
        sandbox.render("{{ unterlagen }}", {"unterlagen": "y" * (sandbox.MAX_OUTPUT + 1)})


def test_values_are_text_not_markup_or_code():
    # A value holding template syntax is printed as it is, never evaluated.
    assert sandbox.render("{{ klient_name }}", {"klient_name": "{{ 7*7 }}<b>"}) == "{{ 7*7 }}<b>"


@pytest.mark.parametrize("seed", TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_every_seeded_template_passes_the_check(seed):
    _code, _title, subject, body, _passes, _days = seed
    sandbox.check(subject)
    sandbox.check(body)


def test_the_data_a_template_passes_on_follows_its_placeholders():
    checked = sandbox.check("{{ klient_name }} {{ klient_anschrift }} {{ aufenthalt_art }} {{ fallmanager_name }}")
    assert checked.scope == {"identity", "contact", "residence"}
