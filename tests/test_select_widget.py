"""The toolkit's SelectWidget writes its options itself (wtforms' way is slow); the HTML must be
exactly what wtforms' own Select widget makes, for every kind of choice."""

import pytest
import wtforms
from markupsafe import Markup
from wtforms import Form
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select

from kimweb.fields import ChoiceField, SelectField, TriStateField, choices

NASTY = ['a"b', "<script>", "Ä & Ö", "", "  space  ", Markup('x"y'), "it's", "1"]


def _form(field):
    class F(Form):
        pick = field

    return F


@pytest.mark.parametrize(
    "field",
    [
        SelectField("Wahl", choices=[SelectChoice(v, f"Label {v}") for v in NASTY]),
        SelectField("Ohne Label", choices=[SelectChoice(v, "") for v in NASTY]),
        SelectField("Ja/Nein", choices=[SelectChoice(True, "ja"), SelectChoice(False, "nein")]),
        SelectField("Zahlen", choices=[SelectChoice(1, "eins"), SelectChoice(2, "zwei")], coerce=int),
        SelectField("Extra", choices=[SelectChoice("x", "X", render_kw={"data-hint": "h", "disabled": True})]),
        SelectField(
            "Gruppen",
            choices=[
                SelectChoice("a", "A", optgroup="Erste"),
                SelectChoice("b", "B", optgroup="Erste"),
                SelectChoice("c", "<C>", optgroup="Zweite & <Dritte>"),
            ],
        ),
        ChoiceField("Auswahl", choices=choices({"1": "eins", "2": 'zw"ei'}, "– bitte wählen –")),
        TriStateField("Dreiwertig"),
    ],
)
@pytest.mark.parametrize("data", [None, "1", 'a"b', "Ä & Ö", "b"])
def test_the_same_html_as_wtforms(field, data):
    form = _form(field)(data={"pick": data})
    ours = form.pick()
    theirs = Select()(form.pick)
    assert ours == theirs
    assert isinstance(ours, Markup)


def test_render_kw_on_the_select_itself():
    kwargs = {"choices": [SelectChoice("a", "A")], "render_kw": {"class": "x", "hx-get": "/y"}}
    ours = _form(SelectField("Wahl", **kwargs))()
    theirs = _form(wtforms.SelectField("Wahl", **kwargs))()
    assert ours.pick(**{"aria-describedby": "hint"}) == theirs.pick(**{"aria-describedby": "hint"})
