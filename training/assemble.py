"""Assemble the shipped pipeline from the trained syntax and NER pipelines.

The syntax pipeline (tok2vec, tagger, morphologizer, parser) and the NER pipeline (ner with its own
tok2vec) were trained on different corpora; here they are put side by side, a rule-based lemmatizer
(spacy-lookups-data tables, driven by the morphologizer's UPOS and features) is added, and the result
is written with ``nlp.to_disk``.

    python training/assemble.py --syntax training/output/syntax/model-best \\
        --ner training/output/ner/model-best --out storydesk/models/en_storydesk_news

Without ``--ner``, the ``--syntax`` pipeline must already hold an ``ner`` (one that listens to the shared
tok2vec, from ``configs/ner-shared.cfg`` or ``configs/joint-finetune.cfg``); only the lemmatizer is added.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy
import srsly

NAME = "storydesk_news"
VERSION = "0.1.0"


def assemble(
    syntax: Path, ner: Path | None, *, version: str = VERSION, lemmatizer: str = "rule"
) -> spacy.Language:
    nlp = spacy.load(syntax)
    if ner is None and "ner" not in nlp.pipe_names:
        raise SystemExit(f"{syntax} has no ner: give --ner")
    if ner is None and nlp.pipe_names.index("ner") > nlp.pipe_names.index("parser"):
        raise SystemExit(f"{syntax}: the ner must come before the parser")
    # "rule" reads UPOS and features (better lemmas); "lookup" is one table look-up per word, POS-blind
    # (EWT dev lemma accuracy 0.866 vs 0.860, and about 0.5 s less per 25k words on a cold cache).
    nlp.add_pipe("lemmatizer", config={"mode": lemmatizer}, last=True)
    # The English rule lemmatizer reads its tables from spacy-lookups-data at initialisation; to_disk
    # then stores them inside the pipeline, so the shipped model does not need the package at run time.
    nlp.get_pipe("lemmatizer").initialize()
    # Before the parser: spaCy's NER never lets an entity cross a sentence boundary, and the parser's
    # boundaries on headlines and datelines would cut names in two (measured: -4 F1 on PERSON).
    if ner is not None:
        nlp.add_pipe("ner", source=spacy.load(ner), before="parser")
    nlp.meta.update(
        {
            "name": NAME,
            "version": version,
            "description": (
                "storydesk's news pipeline: CNN tagger, morphologizer, parser (UD English EWT), "
                f"{lemmatizer} lemmatizer, NER PERSON/ORG/LOC/MISC (CoNLL-2003 train + GUM train names)"
                + ("" if ner is not None else "; one tok2vec shared by all, trained on both corpora")
            ),
            "author": "storydesk",
            "license": "CC BY-SA 4.0 (syntax, from UD EWT); NER trained on CoNLL-2003: research use only",
            "sources": [
                {
                    "name": "UD English EWT",
                    "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "CoNLL-2003 (Reuters RCV1)",
                    "url": "https://www.clips.uantwerpen.be/conll2003/ner/",
                    "license": "Reuters text: research use",
                },
                {
                    "name": "GUM",
                    "url": "https://github.com/amir-zeldes/gum",
                    "license": "annotations CC BY 4.0, texts per genre",
                },
            ],
        }
    )
    if nlp.vocab.vectors.shape[0] > 0:
        # Static vectors from training/vectors.py: their text decides the terms of every component using them.
        nlp.meta["sources"].append(
            {
                "name": "storydesk static vectors (training/vectors.py): EWT, CoNLL-2003, GUM, ECB+ train text, "
                "UCI headlines, PolNeAR train, BASIL, MEANTIME train, English trafilatura_eval pages",
                "license": "research use (PolNeAR and BASIL state no licence)",
            }
        )
    return nlp


# Fictional text that exercises every component; used to check the pruned string store.
CHECK_TEXT = (
    "Mayor Oda Venn of Corvale told the Tarn Valley Herald on Monday that the bridges would reopen. "
    '"We\'re ready," she said, adding that Brel Industries had paid $4.5 million. '
    "THE COUNCIL MET IN NORTH ASHBY ON 3 MARCH AND DIDN'T VOTE; Zemlish fans cheered loudly."
)


def _needed_strings(nlp: spacy.Language) -> set[str]:
    """Strings a loaded pipeline cannot rebuild by itself: labels, tags and morphological features.

    Everything else in ``vocab/strings.json`` is training-data words (over 1 MB), which spaCy adds back
    as it meets them, so dropping them shrinks the model without changing any output (checked below).
    """
    keep = {"", "ROOT", "dep", "B", "I", "O", "L", "U", "-"}
    names: list[str] = []
    for name, pipe in nlp.pipeline:
        names += [str(label) for label in getattr(pipe, "labels", ()) or ()]
        if name == "morphologizer":
            # labels_pos maps to POS symbol ids, which need no string; labels_morph to feature strings.
            names += [v for v in pipe.cfg["labels_morph"].values() if isinstance(v, str)]
    for label in names:
        keep.add(label)
        for part in label.split("|"):
            keep.add(part)
            keep.update(part.split("="))
    return keep


def _analysis(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]


def prune_strings(nlp: spacy.Language, folder: Path) -> bool:
    """Rewrite ``folder``'s string store with only the needed strings; undo it if any output changes."""
    path = folder / "vocab" / "strings.json"
    full = path.read_bytes()
    srsly.write_json(path, sorted(_needed_strings(nlp)))
    if _analysis(spacy.load(folder)(CHECK_TEXT)) == _analysis(nlp(CHECK_TEXT)):
        return True
    path.write_bytes(full)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--syntax", type=Path, required=True)
    parser.add_argument(
        "--ner", type=Path, help="NER pipeline with its own tok2vec (omit if --syntax has one)"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--lemmatizer", choices=("rule", "lookup"), default="rule")
    args = parser.parse_args()
    nlp = assemble(args.syntax, args.ner, version=args.version, lemmatizer=args.lemmatizer)
    # Keep the model card (README.md) that lives in the output folder across re-assembly.
    card = args.out / "README.md"
    saved = card.read_text(encoding="utf8") if card.exists() else None
    tmp = args.out.with_name(args.out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    pruned = prune_strings(nlp, tmp)
    if saved is not None:
        (tmp / "README.md").write_text(saved, encoding="utf8")
    # Swap in one step so a process loading the bundled model never sees a half-written folder.
    if args.out.exists():
        old = args.out.with_name(args.out.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        args.out.rename(old)
        tmp.rename(args.out)
        shutil.rmtree(old)
    else:
        tmp.rename(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(
        json.dumps(
            {"out": str(args.out), "pipeline": nlp.pipe_names, "bytes": size, "strings_pruned": pruned}
        )
    )


if __name__ == "__main__":
    main()
