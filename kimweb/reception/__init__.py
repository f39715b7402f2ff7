"""The reception desk: walk-in check-in, the waiting queue, "who is waiting for me", the
waiting-room screen and its keys, and visit statistics."""

from flask import Flask

from ..contributions import INTAKE, Part, contribute
from ..home.panels import register_start_page
from ..signals import client_created
from . import views_desk, views_mine, views_queue, views_screen, views_stats  # noqa: F401  (routes)
from .blueprint import bp
from .intake import link_on_client_created, prefill_for_intake


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    # The desk is reception's start page: after login and on "/", the search field has the focus.
    register_start_page(app, "reception", "reception.desk")
    contribute(app, Part(INTAKE, "walk_in", prefill_for_intake))
    client_created.connect(link_on_client_created)
