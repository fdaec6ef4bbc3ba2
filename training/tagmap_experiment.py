"""Could an attribute_ruler tag map (PTB tag -> UPOS + features) replace the morphologizer?

    python training/tagmap_experiment.py --model storydesk/models/en_storydesk_news \\
        --train training/corpus/ewt-train.spacy --conllu ../shared/data/ud_en_ewt/en_ewt-ud-dev.conllu

The map is learnt from EWT train (gold tags): for each PTB tag the most frequent UPOS and feature set,
and, for (tag, lowercase word) pairs seen at least ``--min-count`` times whose majority differs from
the tag's, that pair's majority (en_core_web_sm's attribute_ruler is the same idea, written by hand).
It is applied to the *predicted* tags of the pipeline on the dev text; UPOS accuracy (benchmarks/nlp.py
scorer), the share of lemmas and features unchanged, and the time of both ways are printed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def learn_map(nlp, train: Path, min_count: int) -> tuple[dict, dict]:
    from spacy.tokens import DocBin

    by_tag: dict[str, Counter] = defaultdict(Counter)
    by_word: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for doc in DocBin().from_disk(train).get_docs(nlp.vocab):
        for t in doc:
            value = (t.pos_, str(t.morph))
            by_tag[t.tag_][value] += 1
            by_word[(t.tag_, t.lower_)][value] += 1
    tag_map = {tag: c.most_common(1)[0][0] for tag, c in by_tag.items()}
    word_map = {}
    for key, c in by_word.items():
        value = c.most_common(1)[0][0]
        if sum(c.values()) >= min_count and value != tag_map[key[0]]:
            word_map[key] = value
    return tag_map, word_map


def attribute_ruler(nlp, tag_map: dict, word_map: dict):
    """An attribute_ruler holding the maps as patterns (the component one would ship)."""
    ruler = nlp.add_pipe("attribute_ruler", name="tagmap", after="tagger")
    patterns = []
    for tag, (pos, morph) in tag_map.items():
        attrs = {"POS": pos, "MORPH": morph} if morph else {"POS": pos}
        patterns.append({"patterns": [[{"TAG": tag}]], "attrs": attrs})
    # Later patterns win in attribute_ruler, so the word-specific ones go last.
    for (tag, word), (pos, morph) in word_map.items():
        attrs = {"POS": pos, "MORPH": morph} if morph else {"POS": pos}
        patterns.append({"patterns": [[{"TAG": tag, "LOWER": word}]], "attrs": attrs})
    ruler.add_patterns(patterns)
    return ruler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--conllu", type=Path, required=True)
    parser.add_argument("--min-count", type=int, default=20)
    args = parser.parse_args()

    import spacy

    from benchmarks.nlp import SyntaxScore, read_conllu, score_syntax
    from training.profile_pipeline import profile

    gold_docs = read_conllu(args.conllu)
    texts = [g.text for g in gold_docs]
    results = []
    for variant in ("morphologizer", "tag map", "tag map + words"):
        nlp = spacy.load(args.model, exclude=["ner"])
        if variant != "morphologizer":
            tag_map, word_map = learn_map(nlp, args.train, args.min_count)
            if variant == "tag map":
                word_map = {}
            nlp.remove_pipe("morphologizer")
            attribute_ruler(nlp, tag_map, word_map)
        docs = list(nlp.pipe(texts, batch_size=64))
        # A second, timed pass: the lemmatizer's cache is warm by now, as in a long-running process.
        times = {k: v for k, v in profile(nlp, texts, batch_size=64) if k in ("morphologizer", "tagmap")}
        score = SyntaxScore()
        for g, d in zip(gold_docs, docs):
            score_syntax(g, d, score)
        results.append((variant, score.upos / score.words, docs, times))
    base_docs = results[0][2]
    print(
        "| variant | UPOS (dev) | lemmas = morphologizer's | features = morphologizer's | seconds over dev |"
    )
    print("|---|---:|---:|---:|---|")
    for variant, upos, docs, times in results:
        pairs = [(a, b) for da, db in zip(base_docs, docs) for a, b in zip(da, db)]
        same_lemma = sum(a.lemma_ == b.lemma_ for a, b in pairs) / len(pairs)
        same_morph = sum(str(a.morph) == str(b.morph) for a, b in pairs) / len(pairs)
        timing = ", ".join(f"{k} {v:.3f} s" for k, v in times.items())
        print(f"| {variant} | {upos:.4f} | {same_lemma:.4f} | {same_morph:.4f} | {timing} |")


if __name__ == "__main__":
    main()
