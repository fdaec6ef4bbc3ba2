"""The /api page shows the endpoint descriptions as text, without reStructuredText backticks."""

from fastapi.testclient import TestClient
from web_fakes import FakeCorpus

from storydesk.web.app import create_app


def test_api_index_has_no_rst_backticks():
    client = TestClient(create_app(None, corpus=FakeCorpus()), base_url="http://127.0.0.1")
    html = client.get("/api").text
    assert "/api/stories/{story_id}/brief" in html
    assert "``" not in html
