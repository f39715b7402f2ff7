"""Directory test helpers: services with hours, languages and life areas, indexed for search."""

from datetime import time

import pytest
from sqlalchemy import select

from kimweb.directory.models import Organization, Schedule, Service, ServiceLanguage
from kimweb.directory.search import indexing
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.textfold import fold


@pytest.fixture
def make_service(app):
    def _make(
        name="Testangebot", organization="Testträger", *, slots=(), languages=(), areas=(), org_alt=None, **fields
    ) -> Service:
        org = db.session.scalar(select(Organization).where(Organization.name == organization))
        if org is None:
            org = Organization(name=organization, alternate_name=org_alt)
            db.session.add(org)
            db.session.flush()
        service = Service(name=name, sort_key=fold(name), organization_id=org.id, **fields)
        service.life_areas = list(db.session.scalars(select(LifeArea).where(LifeArea.code.in_(areas))))
        for weekday, opens, closes, *attending in slots:
            service.schedules.append(
                Schedule(
                    weekday=weekday,
                    opens_at=time.fromisoformat(opens),
                    closes_at=time.fromisoformat(closes),
                    attending=attending[0] if attending else "hours",
                )
            )
        for code, mode in languages:
            service.languages.append(ServiceLanguage(code=code, mode=mode))
        db.session.add(service)
        db.session.flush()
        indexing.reindex([service.id])
        db.session.commit()
        return service

    return _make
