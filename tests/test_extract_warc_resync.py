"""A damaged spot in a WARC file (a wrong Content-Length, garbage between records, a corrupt gzip member)
is one error, and reading goes on at the next record: one bad record does not cost the rest of a crawl."""

import gzip

from storydesk.extraction import extract

PARAS = [
    "The harbour board of Tarnby agreed on Monday to dredge the inner basin before the autumn storms, "
    "the board's chair Oskar Lind said after a vote of five to two.",
    "Fishing crews had complained for two years that boats ran aground at low tide, and the port's "
    "pilots said the channel had lost almost a metre of depth since the last dredging in 2019.",
]


def _page(n: int) -> bytes:
    return ("<html><head><title>Tarnby dredging vote " + str(n) + "</title></head><body><article>"
            + "".join(f"<p>{p} (report {n})</p>\n" for p in PARAS) + "</article></body></html>").encode()


def _record(n: int, length_delta: int = 0) -> bytes:
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + _page(n)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://tarnby.example/{n}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(payload) + length_delta}\r\n\r\n").encode()
    return head + payload + b"\r\n\r\n"


def _titles(result) -> list[str]:
    return sorted(a.title for a in result.articles)


def test_a_record_with_a_wrong_length_costs_only_itself(tmp_path):
    f = tmp_path / "crawl.warc"
    f.write_bytes(_record(1) + _record(2, length_delta=-200) + _record(3) + _record(4))
    r = extract(f)
    assert _titles(r) == [f"Tarnby dredging vote {n}" for n in (1, 3, 4)], r.problems
    bad = [p for p in r.problems if p.code == "SD106"]
    assert len(bad) == 1 and "reading goes on" in bad[0].message


def test_a_record_one_line_short_is_flagged_and_the_next_one_read(tmp_path):
    # warcio skips a single unexpected line after a record; that record is the suspect one
    f = tmp_path / "short.warc"
    f.write_bytes(_record(1, length_delta=-10) + _record(2))
    r = extract(f)
    assert "Tarnby dredging vote 2" in _titles(r)
    assert any(p.source.endswith("#record=0") and "Content-Length" in p.message
               for p in r.problems), r.problems


def test_garbage_between_gzip_members_is_skipped(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    junk = bytes(range(256)) * 8 + b"\x1b[31m\x1b]0;title\x07"
    f.write_bytes(gzip.compress(_record(1)) + junk + gzip.compress(_record(2)) + gzip.compress(_record(3)))
    r = extract(f)
    assert _titles(r) == [f"Tarnby dredging vote {n}" for n in (1, 2, 3)], r.problems
    errors = [p for p in r.problems if p.level == "error"]
    assert len(errors) == 1
    # the message describes the damage; it does not quote the raw bytes (escape codes among them)
    assert "\x1b" not in errors[0].message and "\\x" not in errors[0].message


def test_garbage_at_the_end_keeps_every_record_before_it(tmp_path):
    f = tmp_path / "tail.warc"
    f.write_bytes(_record(1) + _record(2) + bytes(range(256)) * 4)
    r = extract(f)
    assert len(r.articles) == 2
    assert [p.code for p in r.problems] == ["SD106"] and "rest of the file" in r.problems[0].message


def test_a_file_cut_inside_a_record_says_so_in_the_error(tmp_path):
    f = tmp_path / "cut.warc"
    f.write_bytes(_record(1) + _record(2)[:400])
    r = extract(f)
    assert len(r.articles) == 1
    assert any(p.level == "error" and "cut off" in p.message for p in r.problems), r.problems


def test_a_warc_from_bytes_in_memory_resyncs_too():
    from storydesk.extraction import extract_bytes

    arts, probs = extract_bytes(_record(1, length_delta=-300) + _record(2), source="upload.warc", kind="warc")
    assert [a.title for a in arts] == ["Tarnby dredging vote 2"], probs
    assert any(p.source == "upload.warc#record=0" and "Content-Length" in p.message for p in probs), probs
