"""The local web app: FastAPI + Jinja2 pages over the services, and a JSON API."""

from __future__ import annotations

from afterword.web.app import create_app

__all__ = ["create_app"]
