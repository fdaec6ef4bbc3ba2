"""The coreference metrics of benchmarks/coref.py on the worked example of Pradhan et al. (2014),
"Scoring coreference partitions of predicted mentions: a reference implementation" (Figure 1):
key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}."""

from __future__ import annotations

import pytest
from repo_scripts import load_script

coref = load_script("benchmarks/coref.py")

KEY = [set("abc"), set("defg")]
RESPONSE = [set("ab"), set("cd"), set("fghi")]


def test_muc_textbook():
    r, p, f = coref.muc(KEY, RESPONSE)
    assert r == pytest.approx(0.4) and p == pytest.approx(0.4) and f == pytest.approx(0.4)


def test_b_cubed_textbook():
    r, p, _ = coref.b_cubed(KEY, RESPONSE)
    assert r == pytest.approx(35 / 84) and p == pytest.approx(0.5)


def test_ceaf_e_textbook():
    r, p, _ = coref.ceaf_e(KEY, RESPONSE)
    assert r == pytest.approx(0.65) and p == pytest.approx(1.3 / 3)


def test_perfect_and_conll_average():
    scores = coref.conll(KEY, KEY)
    assert all(v[2] == pytest.approx(1.0) for v in scores.values())
    s = coref.conll(KEY, RESPONSE)
    assert s["CoNLL"][2] == pytest.approx((s["MUC"][2] + s["B3"][2] + s["CEAFe"][2]) / 3)


def test_ecbplus_dev_runs(shared_data):
    data = shared_data / "ecbplus"
    if not data.is_dir():
        pytest.skip("no ECB+ data")
    rows = coref.run(data, [2], ["named"])
    assert rows[0][1]["CoNLL"][2] > 0.5
