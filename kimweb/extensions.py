"""The Flask extensions, created unbound here and bound to the app in create_app()."""

from typing import TYPE_CHECKING

from flask import g, has_app_context
from flask_babel import Babel, Domain, get_locale
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so that Alembic's batch mode can alter them on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


class RequestCachedDomain(Domain):
    """flask_babel's message domain, with the catalog looked up once per request rather than on
    each of the hundreds of strings a page translates (each lookup formats the locale's name);
    looked up again when the locale changes within the request (force_locale for a German letter)."""

    def get_translations(self):
        if not has_app_context():
            return super().get_translations()
        locale = get_locale()
        cached = g.get("kimweb_translations")
        if cached is not None and cached[0] is locale:
            return cached[1]
        translations = super().get_translations()
        g.kimweb_translations = (locale, translations)
        return translations


# Used by gettext() and the templates instead of the domain Babel would make (see create_app()).
babel.domain_instance = RequestCachedDomain()

# The base class of the models. mypy cannot use an instance attribute (db.Model) as a base class,
# so it sees the declarative base that db.Model is built on; at run time it is db.Model itself.
if TYPE_CHECKING:

    class Model(Base):
        __abstract__ = True

else:
    Model = db.Model
