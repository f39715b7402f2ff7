"""Forms to sign in the case file: the consent form (from the recorded consent), the privacy
information side by side in German and the person's language, the help plan. Printing is a POST
that records the print, then the printable page."""

from flask import abort, redirect, render_template, request, url_for

from ..clients.access import client_or_404, part_or_404
from ..clients.casework_models import Consent
from ..clients.choices import LABELS
from ..extensions import db
from ..fields import parse_id
from ..security import requires
from ..timeutil import local_today
from . import papers
from .blueprint import bp
from .forms import PrintForm
from .office_texts import LANGUAGE_NAMES, PRIVACY_KEY, current_texts, direction, lang_attribute, text_for


@bp.route("/klienten/<int:client_id>/formulare")
@requires("client.read", "letter.write")
def forms(client_id: int):
    client = client_or_404(client_id)
    texts = current_texts(PRIVACY_KEY)
    preferred = next((t.language for t in texts if t.language in client.languages.split() and t.language != "de"), "")
    return render_template(
        "letters/forms.html",
        client=client,
        papers=papers.consent_papers(client),
        texts=texts,
        preferred=preferred,
        language_names=LANGUAGE_NAMES,
        form=PrintForm(formdata=None),
    )


@bp.route("/klienten/<int:client_id>/formulare/drucken/<kind>", methods=["POST"])
@requires("client.read", "letter.write")
def print_form(client_id: int, kind: str):
    client = client_or_404(client_id, lock=True)
    if kind not in papers.KINDS:
        abort(404)
    form = PrintForm()
    if not form.validate_on_submit():
        abort(400)
    consent = None
    if kind == "consent":
        consent = part_or_404(Consent, parse_id(request.form.get("consent_id")) or 0, client)
    language = form.language.data or None
    if language and text_for(PRIVACY_KEY, language) is None:
        language = None
    papers.record_print(client, kind, consent, language)
    db.session.commit()
    target = {
        "consent": url_for("letters.consent_form", client_id=client.id, consent_id=consent.id if consent else 0),
        "privacy": url_for("letters.privacy_form", client_id=client.id, sprache=language),
        "plan": url_for("letters.plan_form", client_id=client.id),
    }[kind]
    return redirect(target, code=303)


@bp.route("/klienten/<int:client_id>/formulare/einwilligung/<int:consent_id>")
@requires("client.read", "letter.write")
def consent_form(client_id: int, consent_id: int):
    client = client_or_404(client_id)
    consent = part_or_404(Consent, consent_id, client)
    return render_template(
        "letters/consent_form.html",
        client=client,
        consent=consent,
        today=local_today(),
        language=LABELS.language(consent.explained_language) if consent.explained_language else "",
        **papers.consent_content(consent),
    )


@bp.route("/klienten/<int:client_id>/formulare/datenschutz")
@requires("client.read", "letter.write")
def privacy_form(client_id: int):
    client = client_or_404(client_id)
    german = text_for(PRIVACY_KEY, "de")
    if german is None:
        abort(404)
    code = request.args.get("sprache") or ""
    other = text_for(PRIVACY_KEY, code) if code and code != "de" else None
    columns = [german] + ([other] if other else [])
    return render_template(
        "letters/privacy_form.html",
        client=client,
        columns=[{"text": t, "dir": direction(t.language), "lang": lang_attribute(t.language)} for t in columns],
        today=local_today(),
    )


@bp.route("/klienten/<int:client_id>/formulare/hilfeplan")
@requires("client.read", "letter.write")
def plan_form(client_id: int):
    client = client_or_404(client_id)
    return render_template(
        "letters/plan_form.html", client=client, goals=papers.plan(client), today=local_today(), labels=LABELS
    )
