"""The WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from kimweb import create_app

app = create_app()
