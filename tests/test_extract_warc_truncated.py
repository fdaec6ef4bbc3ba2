"""A WARC cut off mid-record (an interrupted download) warns that the record is incomplete, instead of
passing a half article on as if it were whole."""

import io

from storydesk.extraction import extract, extract_bytes

PARAS = [
    ("The ferry Tallis Rose ran aground on a sandbank outside Ostmere harbour on Friday evening, the "
     "Ostmere coastguard said, and its 85 passengers were taken ashore by lifeboat."),
    "Coastguard officer Brann Ely said the tide had been unusually low and that nobody had been hurt.",
] + [f"Paragraph {i} of the report describes the salvage plans of the ferry operator Ostline in detail, "
     f"with tugs expected from the port of Wend on Saturday morning." for i in range(12)]
HTML = ("<html><head><title>Ferry runs aground off Ostmere</title>"
        "<meta property='og:site_name' content='Ostmere Mercury'></head><body><article>"
        "<h1>Ferry runs aground off Ostmere</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article></body></html>").encode()


def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://mercury.example/ferry", "response",
                                                  payload=io.BytesIO(HTML), http_headers=headers))
    return buf.getvalue()


def test_whole_warc_has_no_truncation_warning(tmp_path):
    for gz in (True, False):
        f = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
        f.write_bytes(_warc(gz))
        r = extract(f)
        assert len(r.articles) == 1 and r.problems == [], r.problems


def test_truncated_warc_record_is_reported(tmp_path):
    for gz in (True, False):
        data = _warc(gz)
        cut = data[: int(len(data) * (0.85 if gz else 0.7))]  # the article is still long enough to keep
        f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        f.write_bytes(cut)
        r = extract(f)
        assert any("cut off" in p.message for p in r.problems), (gz, r.problems)
        _, probs = extract_bytes(cut, source=f.name)
        assert any("cut off" in p.message for p in probs), (gz, probs)
