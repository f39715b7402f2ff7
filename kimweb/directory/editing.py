"""Writes to the directory: apply form values with a record of old and new values, phones, audit."""

from typing import TypeVar

from flask import abort
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..textfold import fold
from .models import Phone, Service
from .search import indexing

M = TypeVar("M")


def clean(value):
    """Form strings trimmed, empty ones stored as NULL."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _shown(value) -> str:
    if value is None:
        return "–"
    shown = str(value)
    return shown if len(shown) <= 150 else shown[:147] + "..."


def apply(obj, values: dict) -> list[str]:
    """Set the values that differ; return "field: old -> new" for each (directory data, not client data)."""
    changes = []
    # A confidential address (a women's shelter) must not be copied into the append-only audit
    # trail: for such a place only the names of the changed fields are recorded.
    hidden = bool(getattr(obj, "address_confidential", False) or values.get("address_confidential"))
    for name, new in values.items():
        new = clean(new)
        old = getattr(obj, name)
        if old != new:
            changes.append(name if hidden else f"{name}: {_shown(old)} -> {_shown(new)}")
            setattr(obj, name, new)
    if isinstance(obj, Service) and "name" in values:
        obj.sort_key = fold(obj.name)[:200]
    return changes


def set_main_phone(number: str | None, **owner) -> list[str]:
    """The first phone row of an owner (organization, location, service or contact) as one field."""
    number = clean(number)
    conditions = [getattr(Phone, key) == value for key, value in owner.items()]
    for key in ("organization_id", "service_id", "location_id", "contact_id"):
        if key not in owner:
            conditions.append(getattr(Phone, key).is_(None))
    phone = db.session.scalars(select(Phone).where(*conditions).order_by(Phone.id)).first()
    old = phone.number if phone else None
    if old == number:
        return []
    if number is None:
        db.session.delete(phone)
    elif phone is None:
        db.session.add(Phone(number=number, type="voice", **owner))
    else:
        phone.number = number
    return [f"phone: {_shown(old)} -> {_shown(number)}"]


def record(action: str, object_type: str, object_id, changes: list[str], service_ids=()) -> None:
    audit.record(action, object_type, object_id, detail="; ".join(changes) or None)
    if service_ids:
        indexing.reindex(service_ids)


def get_or_404(model: type[M], object_id: int | None) -> M:
    obj = db.session.get(model, object_id) if object_id is not None else None
    if obj is None:
        abort(404)
    return obj
