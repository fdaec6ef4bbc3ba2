"""benchmarks/attribution.py: the annotators' ceiling. Articles with several annotators' brat files are
scored annotator against annotator (every ordered pair) and a system against each file, with the
benchmark's own metric; ``--agreement-only`` prints that table without a pipeline. Tiny fictional files."""

from __future__ import annotations

from pathlib import Path

from repo_scripts import load_script

bench = load_script("benchmarks/attribution.py")

TEXT = ("Mayor Ilse Brandvold said the Tollen bridge would reopen in May. "
        "\u201cWe are nearly done,\u201d said Oskar Lind, the engineer.")


def _ann(*attrs: tuple[str, str, str]) -> str:
    """brat lines for (content, cue, source) triples of TEXT."""
    lines, n = [], 0
    for i, (content, cue, source) in enumerate(attrs, 1):
        ids = []
        for label, part in (("Content", content), ("Cue", cue), ("Source", source)):
            n += 1
            a = TEXT.index(part)
            lines.append(f"T{n}\t{label} {a} {a + len(part)}\t{part}")
            ids.append(f"{label}:T{n}")
        lines.append(f"E{i}\t{ids[1]} {ids[0]} {ids[2]}")
    return "\n".join(lines) + "\n"


INDIRECT = ("the Tollen bridge would reopen in May", "said", "Mayor Ilse Brandvold")
DIRECT = ("\u201cWe are nearly done,\u201d", "said", "Oskar Lind")


def _split(tmp_path: Path, files: dict[str, str], stem: str = "kestle-post_2031-04-02_bridge") -> Path:
    base = tmp_path / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    for suffix, body in files.items():
        (base / "attributions" / f"{stem}_{suffix}.ann").write_text(body, encoding="utf-8")
    return tmp_path


def test_attribution_agreement_scores_every_ordered_pair_of_annotators(tmp_path):
    data = _split(tmp_path, {"a1": _ann(INDIRECT, DIRECT), "b2": _ann(DIRECT)})
    multi = bench.load_annotators(data, "dev")
    assert [len(files) for _, _, files in multi] == [2]
    human, consensus, _, pairs = bench.agreement(multi)
    assert consensus["all"].gold == 0  # two files: no majority of others to form
    assert pairs == 2
    t = human["all"]
    # a1 as gold: 2 gold, 1 found; b2 as gold: 1 gold, 1 found, out of 2 predictions
    assert (t.gold, t.hit_gold, t.pred, t.hit_pred) == (3, 2, 3, 2)
    assert human["direct"].hit_gold == 2 and human["indirect"].hit_gold == 0


def test_attribution_agreement_scores_a_system_against_each_annotator(tmp_path):
    data = _split(tmp_path, {"a1": _ann(INDIRECT, DIRECT), "b2": _ann(DIRECT)})
    multi = bench.load_annotators(data, "dev")
    a = TEXT.index(INDIRECT[0])
    system = {multi[0][0]: [bench.Pred([(a, a + len(INDIRECT[0]))], "indirect")]}
    _, _, machine, _ = bench.agreement(multi, system)
    t = machine["all"]
    assert (t.gold, t.hit_gold, t.pred, t.hit_pred) == (3, 1, 2, 1)


def test_attribution_agreement_skips_articles_with_one_file(tmp_path):
    data = _split(tmp_path, {"a1": _ann(INDIRECT)})
    assert bench.load_annotators(data, "dev") == []
    assert bench.main(["--data", str(data), "--split", "dev", "--agreement-only"]) == 2


def test_attribution_agreement_only_prints_the_annotators_table(tmp_path, capsys):
    data = _split(tmp_path, {"a1": _ann(INDIRECT, DIRECT), "b2": _ann(INDIRECT, DIRECT)})
    assert bench.main(["--data", str(data), "--split", "dev", "--agreement-only"]) == 0
    out = capsys.readouterr().out
    assert "1 articles" in out and "2 ordered pairs" in out
    assert "| annotators (pairwise) | all | 4 | 4 | 1.000 | 1.000 | 1.000 |" in out


def test_attribution_agreement_majority_keeps_what_most_other_files_have(tmp_path):
    data = _split(tmp_path, {"a1": _ann(INDIRECT, DIRECT), "b2": _ann(DIRECT), "c3": _ann(INDIRECT, DIRECT)})
    (_, text, files), = bench.load_annotators(data, "dev")
    kept = bench.majority(text, files)
    assert sorted(p.kind for p in kept) == ["direct", "indirect"]  # the indirect one is in 2 of 3 files
    assert [p.kind for p in bench.majority(text, files[1:2] + files[1:2] + files[0:1])] == ["direct"]
    human, consensus, _, pairs = bench.agreement([("s", text, files)])
    assert pairs == 6
    # a1 or c3 as gold: of the two others only the direct quote is in both (1 of 2 is no majority);
    # b2 as gold: a1 and c3 agree on both, one of which b2 lacks
    t = consensus["all"]
    assert (t.gold, t.hit_gold, t.pred, t.hit_pred) == (5, 3, 4, 3)
