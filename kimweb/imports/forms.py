"""The wizard's forms: the upload, and the fixed part of the mapping page (the per-column and
per-value choices are read by views_wizard against the lists it offered)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from ..fields import ChoiceField, text


class UploadForm(FlaskForm):
    file = FileField(
        _l("Liste (XLSX, ODS oder CSV)"), validators=[FileRequired(_l("Bitte wählen Sie eine Datei aus."))]
    )


class MappingForm(FlaskForm):
    source_label = text(_l("Name der Liste (für die Aufnahmenotiz)"), 200)
    default_case_manager = ChoiceField(_l("Fallmanager/in für Zeilen ohne Angabe"), choices=[])
    template_name = text(_l("Zuordnung als Vorlage speichern unter (freiwillig)"), 120)
