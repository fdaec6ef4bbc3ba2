"""`storydesk serve`: what it binds to and how it fails (uvicorn is replaced, nothing listens)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storydesk.cli import app as cli


@pytest.fixture()
def served(monkeypatch):
    calls: list[dict] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


@pytest.fixture()
def db(tmp_path):
    from storydesk.store.corpus import Corpus

    path = tmp_path / "corpus.db"
    Corpus(path).close()  # an empty corpus
    return path


def test_serve_binds_loopback_by_default(served, db) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert call["host"] == "127.0.0.1" and call["port"] == 8123
    client = TestClient(call["app"], base_url="http://127.0.0.1:8123")
    page = client.get("/")
    assert page.status_code == 200 and "0 stories" in page.text and "read-only" in page.text
    assert client.post("/api/ingest", json={}).status_code == 405


def test_serve_allow_ingest_enables_the_write_endpoint(served, db) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--allow-ingest"])
    assert result.exit_code == 0, result.output
    client = TestClient(served[0]["app"], base_url="http://127.0.0.1:8000")
    assert "/api/ingest" in client.get("/api/openapi.json").json()["paths"]
    assert client.post("/api/ingest", content="x", headers={"content-type": "text/plain"}).status_code == 415


def test_serve_without_database_is_a_message_not_a_traceback(served, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 4 and "no corpus database" in result.output
    assert "Traceback" not in result.output and served == []


def test_ingest_endpoint_writes_through_the_corpus(served, db) -> None:
    CliRunner().invoke(cli, ["serve", "--db", str(db), "--allow-ingest"])
    client = TestClient(served[0]["app"], base_url="http://127.0.0.1:8000")
    text = ("Velmont council voted on Monday to close the old tram depot, the mayor's office said. " * 4
            + "\n\nThe depot, built in 1911, will become a library, according to the council's plan. " * 3)
    r = client.post("/api/ingest", json={"documents": [{"name": "depot.txt", "content": text}], "nlp": False})
    assert r.status_code == 200, r.text
    assert "1 article(s) added" in r.json()["summary"]
    assert client.get("/api/stats").json()["articles"] == 1
    assert len(client.get("/api/search?q=depot").json()["items"]) == 1
    assert client.get("/api/stories").json()["total"] == 1
