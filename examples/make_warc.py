"""Write examples/corpus/rail_strike.warc.gz: two HTML response records about an
unrelated event (a regional rail strike), so story clustering has something to separate.

Reproducible: record ids and dates are fixed, so re-running produces the same bytes.
Run: .venv/bin/python examples/make_warc.py
"""

from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "corpus" / "rail_strike.warc.gz"

COURIER_URL = "https://ellincourier.example/news/2026/03/rail-drivers-strike-calder"
COURIER_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Rail drivers walk out as 48-hour strike halts Calder Regional services - Ellin Courier</title>
<meta property="og:site_name" content="Ellin Courier">
<meta name="date" content="2026-03-04">
<meta name="byl" content="Tomas Reddy">
</head>
<body>
<div class="menu"><a href="/news">News</a> <a href="/news/port-ellin">Port Ellin</a> <a href="/sport">Sport</a> <a href="/whats-on">What's On</a></div>
<div class="gdpr-popup"><div class="gdpr-text">This website uses cookies. Click OK to accept.</div></div>
<div class="col-main">
<h1 class="story-title">Rail drivers walk out as 48-hour strike halts Calder Regional services</h1>
<div class="story-meta"><span class="byline">Tomas Reddy, Business Reporter</span> <span class="dateline">Wednesday, 4 March 2026, 9:05am</span></div>
<div class="story-body">
<div class="para">Train drivers at Calder Regional Rail began a 48-hour strike on Wednesday morning in a dispute over new rosters, leaving commuters across the Calder valley without trains.</div>
<div class="para">Only a handful of services ran on the main line between Calder and Hollin, and the branch line to the coast was closed for the whole day, the operator said.</div>
<div class="para">The Associated Locomotive Engineers (ALE) union says the new rosters would add two extra weekend shifts a month for most drivers without any increase in pay.</div>
<div class="para">“Our members are not asking for the moon,” said Gareth Pell, the union’s general secretary. “They are asking to see their families at the weekend.”</div>
<div class="para">Calder Regional Rail chief executive Simone Achterberg said the company had offered to phase the new rosters in over a year and described the strike as “deeply disappointing”.</div>
<div class="para">At Calder Central station, where departure boards showed a wall of cancellations, office worker Priya Natesan said her journey had taken two hours by bus. “I support the drivers, but I can’t keep doing this,” she said.</div>
<div class="para">Talks between the two sides are due to resume at the conciliation service on Friday. The ALE has warned that further walkouts could follow later in March if no agreement is reached.</div>
<div class="para">Replacement buses will run every 30 minutes between Calder and Hollin until Thursday night, the operator said.</div>
</div>
</div>
<div class="footer">© 2026 Ellin Courier Newspapers.</div>
</body>
</html>
"""

HERALD_URL = "https://www.meridianherald.example/business/2026/03/04/calder-regional-rail-strike"
HERALD_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Calder Regional Rail strike: drivers begin two-day walkout over rosters | The Meridian Herald</title>
<meta property="og:site_name" content="The Meridian Herald">
<meta property="article:published_time" content="2026-03-04T11:40:00+00:00">
<meta name="author" content="Farah Quayle">
</head>
<body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/national">National</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main>
<article>
<h1>Calder Regional Rail strike: drivers begin two-day walkout over rosters</h1>
<div class="byline">By Farah Quayle, Industry Correspondent</div>
<p>Most trains in the Calder region were cancelled on Wednesday as drivers began a two-day strike over changes to their working patterns, the first walkout at Calder Regional Rail in nine years.</p>
<p>The Associated Locomotive Engineers union, which represents about 600 of the company's drivers, said 94% of members who voted had backed the action.</p>
<p>Gareth Pell, the ALE general secretary, said the company had tried to push through rosters that would cut drivers' rest days. "This was never about money," he said. "It is about whether people can plan a life around their job."</p>
<p>Simone Achterberg, the chief executive of Calder Regional Rail, said the new rosters were needed to run a bigger timetable from May and that the company remained "ready to talk at any hour".</p>
<p>Business groups in Calder said the strike would cost city-centre shops and restaurants several million in lost trade. The regional chamber of commerce urged both sides to return to talks.</p>
<p>The transport department said it was monitoring the dispute but that it was a matter for the company and the union.</p>
<p>Passengers with season tickets will be able to claim compensation for both days, the operator said.</p>
</article>
</main>
<footer><p>&copy; 2026 Meridian Herald Media Ltd.</p></footer>
</body>
</html>
"""

# Fixed capture times keep the output byte-identical between runs.
RECORDS = [
    (COURIER_URL, COURIER_HTML, "2026-03-04T10:12:00Z"),
    (HERALD_URL, HERALD_HTML, "2026-03-04T12:30:00Z"),
]


def write_warc(path: Path = OUT) -> Path:
    """Write the two response records to `path` and return it."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html, captured in RECORDS:
            body = html.encode("utf-8")
            http_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Date": captured,
                    "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>",
                },
            )
            writer.write_record(record)
    return path


if __name__ == "__main__":
    print(write_warc())
