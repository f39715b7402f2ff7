"""The HSDS 1.1 CSV package as kimweb writes and reads it: files, columns, extension columns, datapackage.json.

Columns starting with "x_" are kimweb's additions (HSDS allows extra fields); every other name is HSDS's.
"""

import json
import uuid

# Derived rows (an eligibility text, an address held on the location) get ids that stay the same
# from one export to the next, so that re-importing an export is a no-op.
NAMESPACE = uuid.UUID("8f0b7c3e-5d0a-4c36-9d3e-0b6a2f4e1c11")
LIFE_AREA_VOCABULARY = "kimweb-handlungsfelder"

TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization": (
        "organizations.csv",
        (
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "url",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
        ),
    ),
    "service": (
        "services.csv",
        (
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "wait_time",
            "fees",
            "accreditations",
            "licenses",
            "x_alert",
            "x_status_until",
            "x_referral_channel",
            "x_referral_address",
            "x_referral_note",
            "x_fees_covered_by",
            "x_intake_mode",
            "x_capacity",
            "x_capacity_updated_on",
            "x_minimum_age",
            "x_maximum_age",
            "x_last_verified_on",
            "x_last_verified_method",
            "x_next_review_on",
        ),
    ),
    "location": (
        "locations.csv",
        (
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "x_district",
            "x_address_confidential",
        ),
    ),
    "physical_address": (
        "physical_addresses.csv",
        (
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "address_3",
            "address_4",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
        ),
    ),
    "accessibility_for_disabilities": (
        "accessibility_for_disabilities.csv",
        ("id", "location_id", "accessibility", "details"),
    ),
    "service_at_location": ("services_at_location.csv", ("id", "service_id", "location_id", "description")),
    "contact": (
        "contacts.csv",
        (
            "id",
            "organization_id",
            "service_id",
            "service_at_location_id",
            "name",
            "title",
            "department",
            "email",
            "x_responsibility",
            "x_visibility",
        ),
    ),
    "phone": (
        "phones.csv",
        (
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "language",
            "description",
            "department",
        ),
    ),
    "regular_schedule": (
        "regular_schedules.csv",
        (
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "weekday",
            "opens_at",
            "closes_at",
            "x_attending",
            "x_booking_url",
            "x_note",
        ),
    ),
    "holiday_schedule": (
        "holiday_schedules.csv",
        (
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "closed",
            "opens_at",
            "closes_at",
            "start_date",
            "end_date",
            "x_note",
        ),
    ),
    "language": ("languages.csv", ("id", "service_id", "location_id", "language", "x_mode", "x_note")),
    "service_area": ("service_areas.csv", ("id", "service_id", "service_area", "description")),
    "eligibility": ("eligibility.csv", ("id", "service_id", "eligibility")),
    "required_document": ("required_documents.csv", ("id", "service_id", "document")),
    "taxonomy": ("taxonomy.csv", ("id", "name", "parent_id", "parent_name", "vocabulary")),
    "service_taxonomy": ("services_taxonomy.csv", ("id", "service_id", "taxonomy_id", "taxonomy_detail")),
}

# HSDS tables kimweb does not hold: read, counted as skipped, never an error.
NOT_HELD = {
    "program": "Programme führt kimweb nicht.",
    "funding": "Finanzierungsquellen führt kimweb nicht.",
    "payment_accepted": "Zahlungsarten führt kimweb nicht.",
    "postal_address": "Postanschriften führt kimweb nicht (nur die Besuchsadresse).",
    "metadata": "Änderungsprotokolle anderer Systeme übernimmt kimweb nicht.",
    "meta_table_description": "Tabellenbeschreibungen übernimmt kimweb nicht.",
}

STATUS_TO_HSDS = {"temporarily_closed": "temporarily closed"}
STATUS_FROM_HSDS = {
    "active": "active",
    "inactive": "inactive",
    "defunct": "defunct",
    "temporarily closed": "temporarily_closed",
    "temporarily_closed": "temporarily_closed",
}
ACCESSIBILITY_FLAGS = ("step_free", "lift", "accessible_wc")


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def life_area_taxonomy_id(code: str) -> str:
    return derived_id("life_area", code)


def datapackage(internal: bool) -> str:
    resources = []
    for name, (path, columns) in TABLES.items():
        resources.append(
            {
                "name": name,
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": c, "type": "string"} for c in columns], "primaryKey": "id"},
            }
        )
    package = {
        "name": "kimweb-wegweiser",
        "title": "kimweb Wegweiser (HSDS 1.1)",
        "profile": "tabular-data-package",
        "description": (
            "Export des Wegweisers im Format Open Referral HSDS 1.1. Spalten mit x_ sind "
            "Ergänzungen von kimweb." + (" Enthält interne Kontakte und vertrauliche Adressen." if internal else "")
        ),
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2)
