"""An HSDS package naming languages in English (Tigrinya, Dari, Pashto, Farsi, Kurmanji, Sorani) imports with
their ISO 639 codes; the directory shows their names."""

import shutil

from sqlalchemy import select

from kimweb.directory.hsds_import import import_package
from kimweb.directory.models import Service
from tests.helpers import shared_data, titles

SERVICE = "c89eb05c-62dd-4b64-b494-0cc347b6ea7f"
LOCATION = "30b83c60-64a1-11e6-8b77-86f30ca893d3"


def test_a_package_with_english_language_names_imports(app, client, login_as, tmp_path):
    from kimweb.extensions import db

    package = tmp_path / "languages"
    shutil.copytree(shared_data("hsds-sample", "all_resources"), package)
    rows = ["Tigrinya", "Dari", "Pashto", "Farsi", "Kurmanji", "Sorani", "Somali"]
    with (package / "languages.csv").open("a") as out:
        for n, name in enumerate(rows):
            out.write(f"00000000-0000-4000-8000-00000000000{n},{SERVICE},{LOCATION},{name}\n")
    report = import_package(package, "languages")
    db.session.commit()
    assert report.ok, report.errors
    assert report.counts["language"]["skipped"] == 0, report.counts["language"]
    service = db.session.scalar(select(Service).where(Service.uuid == SERVICE))
    codes = {language.code for language in service.languages}
    assert {"ti", "prs", "ps", "fa", "kmr", "ckb", "so", "en", "es"} <= codes
    login_as("case_manager")
    response = client.get("/wegweiser/", query_string={"q": "Dari"})
    assert service.name in titles(response)
    assert "Tigrinya" in response.text and "Dari" in response.text and "Paschtu" in response.text
