"""benchmarks/coref.py reads the token-per-line + JSON mention format (MEANTIME as processed by
ariecattan/coref; Barhom et al.'s ECB+ files share it) for any split, and its clustering never chains two
people the name step kept apart. Small fictional data sets written to a temporary folder."""

from __future__ import annotations

import json

import pytest
from repo_scripts import load_script

coref = load_script("benchmarks/coref.py")

# two documents of one topic; token numbers run through each document (MEANTIME)
DOCS = {
    "101_ferry.xml": [
        "Captain Orla Venn steered the ferry to Tallow .".split(),
        "Orla Venn said the captain had no choice .".split(),
        "The captain was praised by Orla Venn .".split(),
    ],
    "102_ferry.xml": [
        "Bo Tamsin , the captain of a second ferry , reached Tallow .".split(),
        "Bo Tamsin said the captain of the first ferry was brave .".split(),
        "The captain thanked Bo Tamsin .".split(),
    ],
}


def _write(folder, split: str, *, per_sentence: bool = False, names=("text", "entity_gold_mentions")):
    """The token file and the mention file; mentions: every name and every "captain"."""
    lines, mentions = [], []
    for doc, sents in DOCS.items():
        n = 0
        for s, words in enumerate(sents):
            for k, w in enumerate(words):
                num = k if per_sentence else n + k
                lines.append(f"{doc}\t{s}\t{num}\t{w}")
            lines.append("")
            for k, w in enumerate(words):
                if w in {"Orla", "Bo"}:
                    chain = "PER_venn" if w == "Orla" else "PER_tamsin"
                    nums = [k, k + 1] if per_sentence else [n + k, n + k + 1]
                    mentions.append({"doc_id": doc, "sent_id": s, "tokens_number": nums, "tokens_str": w,
                                     "coref_chain": chain, "mention_type": "PER", "topic": "ferry"})
                if w == "captain":
                    mentions.append({"doc_id": doc, "sent_id": s, "tokens_number": [k if per_sentence else n + k],
                                     "tokens_str": w, "coref_chain": f"PER_captain_{doc}_{s}",
                                     "mention_type": "PER", "topic": "ferry"})
            n += len(words)
    text_name, mention_name = names
    (folder / f"{split}_{text_name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if per_sentence:  # Barhom's field name
        for m in mentions:
            m["tokens_numbers"] = m.pop("tokens_number")
    (folder / f"{split}_{mention_name}.json").write_text(json.dumps(mentions), encoding="utf-8")


def test_benchmark_coref_reads_meantime_split(tmp_path):
    _write(tmp_path, "dev")
    assert coref.detect_format(tmp_path) == "meantime"
    topics = coref.read_json_split(tmp_path, "dev")
    assert list(topics) == ["ferry"]
    docs = {d.name: d for d in topics["ferry"]}
    d = docs["101_ferry.xml"]
    spans = [" ".join(d.tokens[t][1] for t in toks) for toks in d.mentions.values()]
    assert spans.count("Orla Venn") == 3 and spans.count("captain") == 2
    assert {d.types[m] for m in d.mentions} == {"HUMAN_PART_PER"}
    assert set(d.chains.values()) >= {"PER_venn"}


def test_benchmark_coref_reads_per_sentence_token_numbers(tmp_path):
    # Barhom's ECB+ files: tokens numbered within each sentence, "tokens_numbers", "ECB_Dev_..." names
    _write(tmp_path, "ECB_Dev", per_sentence=True, names=("corpus", "Entity_gold_mentions"))
    topics = coref.read_json_split(tmp_path, "dev")
    d = {d.name: d for docs in topics.values() for d in docs}["102_ferry.xml"]
    spans = [" ".join(d.tokens[t][1] for t in toks) for toks in d.mentions.values()]
    assert spans.count("Bo Tamsin") == 3


def test_benchmark_coref_missing_split_is_reported(tmp_path):
    _write(tmp_path, "dev")
    with pytest.raises(FileNotFoundError):
        coref.read_json_split(tmp_path, "test")
    assert coref.main(["--data", str(tmp_path), "--format", "meantime", "--split", "test"]) == 2


def test_benchmark_coref_scores_meantime_split(tmp_path, capsys):
    _write(tmp_path, "dev")
    rows = coref.run(tmp_path, None, ["named"], fmt="meantime", split="dev")
    assert rows[0][1]["CoNLL"][2] == pytest.approx(1.0)
    assert coref.main(["--data", str(tmp_path), "--split", "dev", "--settings", "named"]) == 0
    assert "split: dev" in capsys.readouterr().out


def test_benchmark_coref_nominals_never_chain_two_named_people(tmp_path):
    # "the captain" goes to each document's main person, and the same-head rule joins the two
    # "captain" groups; the two people must still stay apart
    _write(tmp_path, "dev")
    docs = coref.read_json_split(tmp_path, "dev")["ferry"]
    clusters = coref.system_clusters(docs, {d.name: dict(d.mentions) for d in docs}, None)
    text = {(d.name, toks): " ".join(d.tokens[t][1] for t in toks) for d in docs for toks in d.mentions.values()}
    for c in clusters:
        names = {text[m] for m in c} & {"Orla Venn", "Bo Tamsin"}
        assert len(names) <= 1, [text[m] for m in c]


def test_benchmark_coref_noun_headed_place_mention_is_a_nominal():
    doc = coref.Doc("1_1ecb", {i: (0, w) for i, w in enumerate("a rehab facility in Malibu , Calif".split())})
    assert coref._headed_by_noun(doc, tuple(range(7)))
    doc = coref.Doc("1_2ecb", {i: (0, w) for i, w in enumerate("in the Betty Ford Center".split())})
    assert not coref._headed_by_noun(doc, tuple(range(5)))


def test_benchmark_coref_time_heads_name_the_day():
    assert coref._time_heads("late Thursday".split()) == ["thursday"]
    assert coref._time_heads("on Thursday night".split()) == ["thursday"]
    assert coref._time_heads("Dec. 6".split()) == coref._time_heads("December 6".split()) == ["december 6"]
    assert coref._time_heads("Tuesday , December 9 , 2008".split()) == ["tuesday", "december 9"]
    assert coref._time_heads("the team may win".split()) == []  # the verb "may" is no month


def _one_sentence_doc(words: list[str], mentions: dict[str, tuple[int, ...]]):
    doc = coref.Doc("1_1ecb", {i: (0, w) for i, w in enumerate(words)})
    doc.mentions = mentions
    doc.types = {m: "HUMAN_PART_PER" for m in mentions}
    doc.lower_words = {w.lower() for w in words if w.islower()}
    clusters = coref.system_clusters([doc], {doc.name: dict(mentions)}, None)
    return lambda toks: next(c for c in clusters if (doc.name, toks) in c)


def test_benchmark_coref_pronoun_agrees_in_number():
    cluster_of = _one_sentence_doc("The actress met the officers . She said it was fine .".split(),
                                   {"m1": (1,), "m2": (4,), "m3": (6,)})
    assert ("1_1ecb", (1,)) in cluster_of((6,))  # "She" skips "the officers" (plural) for the actress


def test_benchmark_coref_pronoun_agrees_in_gender():
    cluster_of = _one_sentence_doc("Bo Tamsin met the actress . He said it was fine .".split(),
                                   {"m1": (0, 1), "m2": (4,), "m3": (6,)})
    assert ("1_1ecb", (0, 1)) in cluster_of((6,))  # "He" skips "the actress" for Bo Tamsin
    assert coref._noun_gender("the actress") == "f" and coref._noun_gender("the officer") is None


def test_benchmark_coref_name_part_is_the_head_name_after_a_description():
    def name_part(text: str) -> str:
        words = text.split()
        doc = coref.Doc("1_1ecb", {i: (0, w) for i, w in enumerate(words)})
        text_, spans = coref._doc_text(doc, None)
        s, e = coref._name_part(doc, tuple(range(len(words))), spans)
        return text_[s:e]

    assert name_part("Quill lawyer Mark Hellan") == "Mark Hellan"
    assert name_part("Tallow airframer Brisk Aero") == "Brisk Aero"
    assert name_part("off the notorious Gulf of Tallow , near Brisk") == "Gulf of Tallow"
    assert name_part("the Brisk Treatment Center rehab facility") == "Brisk Treatment Center rehab facility"


def test_benchmark_coref_they_goes_to_a_group():
    cluster_of = _one_sentence_doc("Orla Venn thanked the firefighters . They had worked all night .".split(),
                                   {"m1": (0, 1), "m2": (4,), "m3": (6,)})
    assert ("1_1ecb", (4,)) in cluster_of((6,)) and ("1_1ecb", (0, 1)) not in cluster_of((6,))
