"""Editing the parts of a service: opening hours and exceptions, contacts, languages; and search synonyms."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..security import requires
from ..textfold import fold
from .blueprint import bp
from .editing import apply, get_or_404, record, set_main_phone
from .forms import ContactForm, ExceptionForm, LanguageForm, ScheduleForm, SynonymForm
from .models import Contact, Schedule, ScheduleException, Service, ServiceLanguage
from .search import state
from .search.indexing import reindex, services_of_contact
from .upkeep_models import Synonym


def _hours_page(service, schedule_form=None, exception_form=None, status=200):
    return render_template(
        "directory/hours.html",
        service=service,
        schedule_form=schedule_form or ScheduleForm(formdata=None),
        exception_form=exception_form or ExceptionForm(formdata=None),
    ), status


@bp.route("/angebot/<int:service_id>/zeiten")
@requires("directory.edit")
def hours_edit(service_id: int):
    return _hours_page(get_or_404(Service, service_id))


@bp.route("/angebot/<int:service_id>/zeiten/neu", methods=["POST"])
@requires("directory.edit")
def schedule_add(service_id: int):
    service = get_or_404(Service, service_id)
    form = ScheduleForm()
    if not form.validate_on_submit():
        return _hours_page(service, schedule_form=form, status=422)
    slot = Schedule(
        service_id=service.id,
        weekday=int(form.weekday.data),
        opens_at=form.opens_at.data,
        closes_at=form.closes_at.data,
        attending=form.attending.data,
    )
    changes = apply(slot, {"booking_url": form.booking_url.data, "note": form.note.data})
    db.session.add(slot)
    db.session.flush()
    record(
        "directory.schedule.created",
        "service",
        service.id,
        [f"slot {slot.id}: {slot.weekday} {slot.opens_at:%H:%M}-{slot.closes_at:%H:%M} {slot.attending}"] + changes,
    )
    db.session.commit()
    flash(_("Die Öffnungszeit wurde hinzugefügt."), "success")
    return redirect(url_for("directory.hours_edit", service_id=service.id), code=303)


@bp.route("/zeiten/<int:slot_id>/loeschen", methods=["POST"])
@requires("directory.edit")
def schedule_delete(slot_id: int):
    slot = get_or_404(Schedule, slot_id)
    record(
        "directory.schedule.deleted",
        "service",
        slot.service_id,
        [f"slot {slot.id}: {slot.weekday} {slot.opens_at:%H:%M}-{slot.closes_at:%H:%M} {slot.attending} -> –"],
    )
    db.session.delete(slot)
    db.session.commit()
    flash(_("Die Öffnungszeit wurde gelöscht."), "success")
    return redirect(url_for("directory.hours_edit", service_id=slot.service_id), code=303)


@bp.route("/angebot/<int:service_id>/ausnahmen/neu", methods=["POST"])
@requires("directory.edit")
def exception_add(service_id: int):
    service = get_or_404(Service, service_id)
    form = ExceptionForm()
    if not form.validate_on_submit():
        return _hours_page(service, exception_form=form, status=422)
    closed = bool(form.closed.data)
    exception = ScheduleException(
        service_id=service.id,
        start_date=form.start_date.data,
        end_date=form.end_date.data or form.start_date.data,
        closed=closed,
        opens_at=None if closed else form.opens_at.data,
        closes_at=None if closed else form.closes_at.data,
        note=(form.note.data or "").strip() or None,
    )
    db.session.add(exception)
    db.session.flush()
    record(
        "directory.exception.created",
        "service",
        service.id,
        [f"exception {exception.id}: {exception.start_date}..{exception.end_date} closed={closed}"],
    )
    db.session.commit()
    flash(_("Die Ausnahme wurde eingetragen."), "success")
    return redirect(url_for("directory.hours_edit", service_id=service.id), code=303)


@bp.route("/ausnahmen/<int:exception_id>/loeschen", methods=["POST"])
@requires("directory.edit")
def exception_delete(exception_id: int):
    exception = get_or_404(ScheduleException, exception_id)
    record(
        "directory.exception.deleted",
        "service",
        exception.service_id,
        [f"exception {exception.id}: {exception.start_date}..{exception.end_date} -> –"],
    )
    db.session.delete(exception)
    db.session.commit()
    flash(_("Die Ausnahme wurde gelöscht."), "success")
    return redirect(url_for("directory.hours_edit", service_id=exception.service_id), code=303)


CONTACT_FIELDS = ("name", "title", "department", "responsibility", "email", "visibility")


@bp.route("/angebot/<int:service_id>/kontakt/neu", methods=["GET", "POST"], defaults={"contact_id": None})
@bp.route("/kontakt/<int:contact_id>/bearbeiten", methods=["GET", "POST"], defaults={"service_id": None})
@requires("directory.edit")
def contact_edit(service_id: int | None, contact_id: int | None):
    contact = get_or_404(Contact, contact_id) if contact_id else None
    service = (
        get_or_404(Service, contact.service_id if contact else service_id)
        if (service_id or (contact and contact.service_id))
        else None
    )
    form = ContactForm(obj=contact if request.method == "GET" else None)
    if contact and request.method == "GET":
        form.phone.data = contact.phone
    if form.validate_on_submit():
        created = contact is None
        if contact is None:
            if service is None:  # only by the route with a service: a new contact belongs to one
                abort(404)
            contact = Contact(service_id=service.id, organization_id=service.organization_id)
            db.session.add(contact)
            db.session.flush()
        changes = apply(contact, {f: getattr(form, f).data for f in CONTACT_FIELDS})
        changes += set_main_phone(form.phone.data, contact_id=contact.id)
        db.session.flush()
        db.session.expire(contact, ["phones"])
        record(
            "directory.contact." + ("created" if created else "changed"),
            "contact",
            contact.id,
            changes,
            services_of_contact(contact),
        )
        db.session.commit()
        flash(_("Der Kontakt wurde gespeichert."), "success")
        return _back(contact)
    return render_template("directory/contact_form.html", form=form, contact=contact, service=service), (
        422 if form.is_submitted() else 200
    )


def _back(contact: Contact):
    if contact.service_id:
        return redirect(url_for("directory.service", service_id=contact.service_id) + "#kontakte", code=303)
    return redirect(url_for("directory.organization", organization_id=contact.organization_id), code=303)


@bp.route("/kontakt/<int:contact_id>/loeschen", methods=["POST"])
@requires("directory.edit")
def contact_delete(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    services = services_of_contact(contact)
    record("directory.contact.deleted", "contact", contact.id, [f"name: {contact.name} -> –"])
    response = _back(contact)
    db.session.delete(contact)
    db.session.flush()
    reindex(services)
    db.session.commit()
    flash(_("Der Kontakt wurde gelöscht."), "success")
    return response


@bp.route("/angebot/<int:service_id>/sprachen", methods=["GET", "POST"])
@requires("directory.edit")
def languages_edit(service_id: int):
    service = get_or_404(Service, service_id)
    form = LanguageForm()
    if form.validate_on_submit():
        exists = db.session.scalar(
            select(ServiceLanguage.id).where(
                ServiceLanguage.service_id == service.id,
                ServiceLanguage.code == form.code.data,
                ServiceLanguage.mode == form.mode.data,
            )
        )
        if exists:
            form.code.errors.append(_("Diese Sprache ist in dieser Form schon eingetragen."))
        else:
            language = ServiceLanguage(
                service_id=service.id,
                code=form.code.data,
                mode=form.mode.data,
                note=(form.note.data or "").strip() or None,
            )
            db.session.add(language)
            db.session.flush()
            record(
                "directory.language.created",
                "service",
                service.id,
                [f"language {language.id}: – -> {language.code}/{language.mode}"],
            )
            db.session.commit()
            flash(_("Die Sprache wurde hinzugefügt."), "success")
            return redirect(url_for("directory.languages_edit", service_id=service.id), code=303)
    return render_template("directory/languages.html", service=service, form=form), (
        422 if form.is_submitted() else 200
    )


@bp.route("/sprachen/<int:language_id>/loeschen", methods=["POST"])
@requires("directory.edit")
def language_delete(language_id: int):
    language = get_or_404(ServiceLanguage, language_id)
    record(
        "directory.language.deleted",
        "service",
        language.service_id,
        [f"language {language.id}: {language.code}/{language.mode} -> –"],
    )
    db.session.delete(language)
    db.session.commit()
    flash(_("Die Sprache wurde entfernt."), "success")
    return redirect(url_for("directory.languages_edit", service_id=language.service_id), code=303)


@bp.route("/synonyme", methods=["GET", "POST"])
@requires("directory.edit")
def synonyms():
    form = SynonymForm()
    if form.validate_on_submit():
        term, expansion = fold(form.term.data), fold(form.expansion.data)
        if term == expansion or db.session.scalar(
            select(Synonym.id).where(Synonym.term == term, Synonym.expansion == expansion)
        ):
            form.term.errors.append(_("Diesen Eintrag gibt es schon."))
        else:
            synonym = Synonym(
                term=term,
                expansion=expansion,
                term_display=form.term.data.strip(),
                expansion_display=form.expansion.data.strip(),
            )
            db.session.add(synonym)
            db.session.flush()
            record("directory.synonym.created", "synonym", synonym.id, [f"– -> {term} = {expansion}"])
            state.changed()
            db.session.commit()
            flash(_("Das Synonym wurde gespeichert."), "success")
            return redirect(url_for("directory.synonyms"), code=303)
    entries = db.session.scalars(select(Synonym).order_by(Synonym.term, Synonym.expansion)).all()
    return render_template("directory/synonyms.html", form=form, synonyms=entries), (
        422 if form.is_submitted() else 200
    )


@bp.route("/synonyme/<int:synonym_id>/loeschen", methods=["POST"])
@requires("directory.edit")
def synonym_delete(synonym_id: int):
    synonym = get_or_404(Synonym, synonym_id)
    record("directory.synonym.deleted", "synonym", synonym.id, [f"{synonym.term} = {synonym.expansion} -> –"])
    db.session.delete(synonym)
    db.session.commit()
    flash(_("Das Synonym wurde gelöscht."), "success")
    return redirect(url_for("directory.synonyms"), code=303)
