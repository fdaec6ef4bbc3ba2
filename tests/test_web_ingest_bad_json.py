"""A malformed JSON body on POST /api/ingest is a 422 with a readable error, not a server error."""

from fastapi.testclient import TestClient
from web_fakes import FakeCorpus

from storydesk.options import Options
from storydesk.web.app import create_app


def test_ingest_rejects_malformed_json_with_422() -> None:
    opts = Options()
    opts.web.allow_ingest = True
    corpus = FakeCorpus()
    c = TestClient(create_app(None, options=opts, corpus=corpus), base_url="http://127.0.0.1",
                   raise_server_exceptions=False)
    for body in (b"not json", b'{"documents": [{"name": "a.txt", "content": "\xff\xfe"}]}', b"{"):
        r = c.post("/api/ingest", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 422, (body, r.status_code, r.text)
        assert "detail" in r.json()
    assert corpus.ingested == []
