"""POST /api/ingest reports each problem under the name the client sent, not a server temp path."""

from fastapi.testclient import TestClient

from storydesk.options import Options
from storydesk.store.corpus import Corpus
from storydesk.web.app import create_app


def test_ingest_problems_name_the_uploaded_documents(tmp_path) -> None:
    opts = Options()
    opts.web.allow_ingest = True
    with Corpus(tmp_path / "c.db"):
        pass  # an empty corpus
    c = TestClient(create_app(tmp_path / "c.db", options=opts), base_url="http://127.0.0.1")
    body = {"documents": [{"name": "empty.txt", "content": ""},
                          {"name": "feed.jsonl", "content": '{"title": "x"}\nnot json\n'}], "nlp": False}
    r = c.post("/api/ingest", json=body)
    assert r.status_code == 200, r.text
    sources = [p["source"] for p in r.json()["problems"]]
    assert sources and "empty.txt" in sources, sources
    assert all("storydesk-upload" not in s and not s.startswith("/") for s in sources), sources
    assert any(s.startswith("feed.jsonl#record=") for s in sources), sources


def test_ingest_stores_articles_under_the_uploaded_name(tmp_path) -> None:
    opts = Options()
    opts.web.allow_ingest = True
    with Corpus(tmp_path / "c.db"):
        pass
    c = TestClient(create_app(tmp_path / "c.db", options=opts), base_url="http://127.0.0.1")
    text = ("Harbour officials in the fictional town of Tollin Bay said on Monday that the old ferry pier would "
            "close for repairs next month. The work is expected to take six weeks, according to the board. ") * 3
    r = c.post("/api/ingest", json={"documents": [{"name": "pier.txt", "content": text}], "nlp": False})
    assert r.status_code == 200, r.text
    with Corpus(tmp_path / "c.db") as corpus:
        sources = [a.source for s in corpus.stories() for a in corpus.articles(s.id, include_copies=True)]
    assert sources == ["pier.txt"], sources
