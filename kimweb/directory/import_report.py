"""The report of an import: what was created, updated, left unchanged or skipped (and why), or the errors;
kept as an ImportRun and audited."""

import json
from dataclasses import dataclass, field

from sqlalchemy import String

from .. import audit
from ..extensions import db
from ..fields import clean
from .upkeep_models import ImportRun

MAX_LISTED = 300


def safe(text: str | None, limit: int = 500) -> str | None:
    """Names and messages from a package as the database takes them: valid UTF-8 (a folder's file
    names may not be), no control characters (PostgreSQL refuses NUL), bounded in length."""
    if text is None:
        return None
    return clean(text.encode("utf-8", "replace").decode("utf-8"))[:limit]


@dataclass
class Report:
    source: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    skipped_total: int = 0

    def __post_init__(self):
        self.source = safe(self.source, 200) or "(unbenannt)"

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, table: str, what: str, n: int = 1) -> None:
        bucket = self.counts.setdefault(table, {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0})
        bucket[what] += n

    def skip(self, table: str, file: str, row: int | None, reason: str) -> None:
        self.count(table, "skipped")
        self.skipped_total += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append({"file": safe(file), "row": row, "reason": safe(reason)})

    def error(self, file: str, row: int | None, column: str | None, message: str) -> None:
        if len(self.errors) < MAX_LISTED:
            self.errors.append({"file": safe(file), "row": row, "field": safe(column), "message": safe(message)})

    def totals(self) -> dict[str, int]:
        total = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        for bucket in self.counts.values():
            for key, value in bucket.items():
                total[key] += value
        return total

    def summary(self) -> str:
        if not self.ok:
            return f"failed; errors={len(self.errors)}"
        t = self.totals()
        return f"created={t['created']}; updated={t['updated']}; unchanged={t['unchanged']}; skipped={t['skipped']}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "source": self.source,
                "counts": self.counts,
                "skipped": self.skipped,
                "errors": self.errors,
                "skipped_total": self.skipped_total,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> "Report":
        data = json.loads(text)
        return cls(
            source=data["source"],
            counts=data["counts"],
            skipped=data["skipped"],
            errors=data["errors"],
            skipped_total=data.get("skipped_total", len(data["skipped"])),
        )

    def lines(self) -> list[str]:
        """Plain text for the command line."""
        out = [f"Quelle: {self.source}"]
        for table, c in sorted(self.counts.items()):
            out.append(
                f"  {table}: neu {c['created']}, geändert {c['updated']}, unverändert {c['unchanged']}, "
                f"übersprungen {c['skipped']}"
            )
        out += [
            f"  übersprungen: {s['file']}" + (f" Zeile {s['row']}" if s["row"] else "") + f": {s['reason']}"
            for s in self.skipped
        ]
        out += [
            f"  FEHLER: {e['file']}"
            + (f" Zeile {e['row']}" if e["row"] else "")
            + (f" Feld {e['field']}" if e["field"] else "")
            + f": {e['message']}"
            for e in self.errors
        ]
        return out


def column_limit(model, attribute: str) -> int | None:
    column = model.__table__.columns.get(attribute)
    return column.type.length if column is not None and isinstance(column.type, String) else None


def save_run(report: Report, kind: str, user=None) -> ImportRun:
    """Keep the report (also of a failed import, after its rollback) and audit it."""
    run = ImportRun(
        kind=kind,
        source=report.source[:200],
        succeeded=report.ok,
        report=report.to_json(),
        user_id=getattr(user, "id", None),
    )
    db.session.add(run)
    db.session.flush()
    audit.record(
        "directory.import",
        "directory_import",
        run.id,
        outcome="ok" if report.ok else "failed",
        detail=f"{kind}; {report.summary()}",
        user=user,
    )
    db.session.commit()
    return run
