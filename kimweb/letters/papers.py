"""Forms to sign: what the consent form, the privacy information and the help plan print, and the
record of each print (the consent then shows "Formular gedruckt am …" and, once a signed scan is
among its documents, "unterschrieben eingegangen am …")."""

from dataclasses import dataclass
from datetime import datetime

from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..clients import consent_scope
from ..clients.casework_models import Consent, Goal
from ..clients.models import Client
from ..documents.models import Document
from ..extensions import db
from .models import FormPrint

KINDS = ("consent", "privacy", "plan")


@dataclass
class ConsentPaper:
    consent: Consent
    printed_at: datetime | None
    signed_at: datetime | None


def consent_papers(client: Client) -> list[ConsentPaper]:
    consents = db.session.scalars(
        select(Consent)
        .where(Consent.client_id == client.id)
        .options(selectinload(Consent.organization))
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    ).all()
    printed = dict(
        db.session.execute(
            select(FormPrint.consent_id, func.max(FormPrint.printed_at))
            .where(FormPrint.client_id == client.id, FormPrint.consent_id.is_not(None))
            .group_by(FormPrint.consent_id)
        ).all()
    )
    signed = dict(
        db.session.execute(
            select(Document.consent_id, func.min(Document.uploaded_at))
            .where(Document.client_id == client.id, Document.consent_id.is_not(None), Document.deleted_at.is_(None))
            .group_by(Document.consent_id)
        ).all()
    )
    return [ConsentPaper(c, printed.get(c.id), signed.get(c.id)) for c in consents]


def paper_states(client: Client) -> dict[int, ConsentPaper]:
    """For the case file's consents (a data-only part): consent id -> printed and signed."""
    return {paper.consent.id: paper for paper in consent_papers(client)}


def consent_content(consent: Consent) -> dict:
    return {
        "purposes": consent_scope.purpose_labels(consent.purposes),
        "kinds": consent_scope.kind_labels(consent.data_scope, consent.health_data),
    }


def plan(client: Client) -> list[Goal]:
    return list(
        db.session.scalars(
            select(Goal)
            .where(Goal.client_id == client.id, Goal.status.in_(("open", "in_progress")))
            .options(selectinload(Goal.measures), selectinload(Goal.life_area))
            .order_by(Goal.target_on.is_(None), Goal.target_on, Goal.id)
        )
    )


def record_print(client: Client, kind: str, consent: Consent | None, language: str | None) -> FormPrint:
    printed = FormPrint(
        client_id=client.id,
        kind=kind,
        consent_id=consent.id if consent else None,
        language=language,
        printed_by_id=current_user.id,
    )
    db.session.add(printed)
    db.session.flush()
    audit.record(
        "form.printed",
        "form_print",
        printed.id,
        detail=f"client={client.id}; kind={kind}; consent={consent.id if consent else '-'}; language={language or '-'}",
    )
    return printed
