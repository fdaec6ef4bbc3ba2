"""The local web app over a corpus (``storydesk serve``): pages, a JSON API and its OpenAPI schema."""

from .app import create_app, run

__all__ = ["create_app", "run"]
