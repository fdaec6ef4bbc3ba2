"""Convert the open corpora to spaCy DocBin files.

Syntax (tagger, morphologizer, parser) comes from UD English EWT; NER comes from CoNLL-2003 train plus
the named mentions of GUM's train split. The two never share documents, so each DocBin carries only the
annotation it is trained on.

    python training/convert.py --data ../shared/data --out training/corpus
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

# GUM entity types that name the same kinds of things as CoNLL-2003 PER/ORG/LOC. Other GUM types with a
# proper-noun head (events, objects, abstracts...) overlap CoNLL's MISC only loosely, so their tokens are
# left unannotated (missing) rather than taught as "O".
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "LOC"}
CONLL_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
# Function words that may sit inside a multi-word name ("Bank of England", "Procter & Gamble").
NAME_GLUE = {"of", "&", "and", "de", "du", "la", "von", "van", "der", "for", "the", "-"}
FUNCTION_POS = {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "AUX", "PART", "SYM", "INTJ"}
SENTS_PER_DOC = 10


def read_conllu(path: Path) -> list[dict]:
    """Sentences of a CoNLL-U file (syntactic words only; multiword ranges resolved to SpaceAfter)."""
    sents: list[dict] = []
    cur: dict = {"words": [], "meta": {}}
    mwt_end = 0
    mwt_space = True
    for line in path.read_text(encoding="utf8").splitlines():
        if not line.strip():
            if cur["words"]:
                sents.append(cur)
            cur = {"words": [], "meta": {}}
            mwt_end = 0
            continue
        if line.startswith("#"):
            if "=" in line:
                key, _, val = line[1:].partition("=")
                cur["meta"][key.strip()] = val.strip()
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            # A multiword token ("don't" = do + n't): its words are written without spaces between them.
            _, end = cols[0].split("-")
            mwt_end = int(end)
            mwt_space = "SpaceAfter=No" not in cols[9]
            continue
        if "." in cols[0]:  # empty nodes of enhanced UD
            continue
        idx = int(cols[0])
        misc = cols[9]
        if idx < mwt_end:
            space = False
        elif idx == mwt_end:
            space = mwt_space
        else:
            space = "SpaceAfter=No" not in misc
        cur["words"].append(
            {
                "id": idx,
                "form": cols[1],
                "lemma": cols[2],
                "upos": cols[3],
                "xpos": cols[4],
                "feats": cols[5],
                "head": int(cols[6]),
                "deprel": cols[7],
                "misc": misc,
                "space": space,
            }
        )
    if cur["words"]:
        sents.append(cur)
    return sents


def syntax_doc(vocab, sents: list[dict]) -> Doc:
    """One Doc from consecutive UD sentences, with tags, morphology, lemmas, heads and labels."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = [], [], [], [], [], [], [], [], []
    for sent in sents:
        offset = len(words)
        for i, w in enumerate(sent["words"]):
            words.append(w["form"])
            spaces.append(w["space"])
            tags.append(w["xpos"] if w["xpos"] != "_" else w["upos"])
            pos.append(w["upos"])
            morphs.append(w["feats"] if w["feats"] != "_" else "")
            lemmas.append(w["lemma"])
            head = w["head"]
            heads.append(offset + head - 1 if head > 0 else offset + i)
            # spaCy's parser is trained on basic relations; subtypes (nmod:poss...) are kept as labels.
            deps.append("ROOT" if w["deprel"] == "root" else w["deprel"])
            starts.append(i == 0)
        spaces[-1] = True
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=starts,
    )


def convert_ud(vocab, path: Path, out: Path) -> int:
    sents = read_conllu(path)
    db = DocBin(store_user_data=False)
    for i in range(0, len(sents), SENTS_PER_DOC):
        db.add(syntax_doc(vocab, sents[i : i + SENTS_PER_DOC]))
    db.to_disk(out)
    return len(sents)


def read_conll_ner(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of a CoNLL-2003 (4-column) or IOB2 token-per-line file, as (token, tag) pairs."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith(("-DOCSTART-", "#")) or not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cols = line.split()
        cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def ner_doc(vocab, sents: list[list[tuple[str, str]]]) -> Doc:
    words: list[str] = []
    iob: list[str] = []
    for sent in sents:
        for word, tag in sent:
            words.append(word)
            if tag == "O":
                iob.append("O")
            else:
                prefix, _, label = tag.partition("-")
                iob.append(f"{prefix}-{CONLL_LABELS.get(label, label)}")
    return Doc(vocab, words=words, ents=iob)


def convert_conll(vocab, path: Path, out: Path) -> Counter:
    sents = read_conll_ner(path)
    db = DocBin(store_user_data=False)
    labels: Counter = Counter()
    for i in range(0, len(sents), SENTS_PER_DOC):
        doc = ner_doc(vocab, sents[i : i + SENTS_PER_DOC])
        labels.update(e.label_ for e in doc.ents)
        db.add(doc)
    db.to_disk(out)
    return labels


ENTITY_OPEN = re.compile(r"\((\d+)-([a-z]+)([^()]*)")
ENTITY_CLOSE = re.compile(r"(\d+)\)")


def gum_mentions(sent: dict) -> list[tuple[int, int, str, bool]]:
    """(start, end, type, identified) token spans of the entity mentions in one GUM sentence.

    ``identified`` is true when GUM links the mention to a Wikipedia identity (the 8th field of
    ``global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity``): a named entity.
    """
    open_: dict[str, list[tuple[int, str, bool]]] = {}
    spans = []
    for i, w in enumerate(sent["words"]):
        ent = next((f[7:] for f in w["misc"].split("|") if f.startswith("Entity=")), "")
        pos = 0
        while pos < len(ent):
            m_open = ENTITY_OPEN.match(ent, pos)
            if m_open:
                eid, etype = m_open.group(1), m_open.group(2)
                identified = len(m_open.group(3).split("-")) >= 7 and bool(m_open.group(3).split("-")[-1])
                pos = m_open.end()
                if pos < len(ent) and ent[pos] == ")":
                    spans.append((i, i + 1, etype, identified))
                    pos += 1
                else:
                    open_.setdefault(eid, []).append((i, etype, identified))
                continue
            m_close = ENTITY_CLOSE.match(ent, pos)
            if m_close:
                eid = m_close.group(1)
                if open_.get(eid):
                    start, etype, identified = open_[eid].pop()
                    spans.append((start, i + 1, etype, identified))
                pos = m_close.end()
                continue
            pos += 1
    return spans


def _name_word(w: dict) -> bool:
    # GUM follows the UD rule that only true proper nouns are PROPN, so "University" in "University of
    # Portsmouth" is a NOUN and "United" in "United Kingdom" an ADJ: capitalised content words count too.
    return w["upos"] == "PROPN" or (w["form"][:1].isupper() and w["upos"] not in FUNCTION_POS)


def name_run(words: list[dict], start: int, end: int, identified: bool) -> tuple[int, int] | None:
    """The proper-name part of a GUM mention: the run of name words around the mention's head.

    GUM mentions are whole noun phrases ("the former president Bill Clinton, who ..."); CoNLL-2003 and
    UNER mark only the name ("Bill Clinton"), so the mention is cut down to match. A mention counts as a
    name when its head is a proper noun, or a capitalised word and GUM links it to an identity.
    """
    ids = {words[k]["id"]: k for k in range(start, end)}
    # A mention can have several roots inside it ("University of Portsmouth, United Kingdom" as list
    # items); the first is the name the mention is about.
    heads = [k for k in range(start, end) if words[k]["head"] not in ids]
    if not heads:
        return None
    h = heads[0]
    if not (words[h]["upos"] == "PROPN" or (identified and _name_word(words[h]))):
        return None
    lo = hi = h
    while lo - 1 >= start and _name_word(words[lo - 1]):
        lo -= 1
    while hi + 1 < end:
        nxt = words[hi + 1]
        if _name_word(nxt):
            hi += 1
        elif nxt["form"].lower() in NAME_GLUE and hi + 2 < end and _name_word(words[hi + 2]):
            hi += 2
        else:
            break
    return lo, hi + 1


def gum_doc(vocab, sents: list[dict]) -> tuple[Doc, Counter]:
    words, spaces, iob = [], [], []
    labels: Counter = Counter()
    for sent in sents:
        n = len(sent["words"])
        tags = ["O"] * n
        # Outer mentions first, so a nested name ("Chicago" in "University of Chicago") does not split
        # the name that contains it.
        for start, end, etype, identified in sorted(gum_mentions(sent), key=lambda s: (s[0], -s[1])):
            run = name_run(sent["words"], start, end, identified)
            if run is None:
                continue
            lo, hi = run
            if any(t != "O" for t in tags[lo:hi]):
                continue
            label = GUM_LABELS.get(etype)
            # Plural people ("Russians", "Hebrews") are nationalities or groups, MISC in CoNLL-2003.
            plural = all("Number=Plur" in w["feats"] for w in sent["words"][lo:hi])
            if label is None or (label == "PERSON" and plural):
                tags[lo:hi] = ["-"] * (hi - lo)  # a name of another kind: unknown, not "O"
                continue
            tags[lo:hi] = [f"B-{label}"] + [f"I-{label}"] * (hi - lo - 1)
            labels[label] += 1
        for w in sent["words"]:
            words.append(w["form"])
            spaces.append(w["space"])
        iob.extend(tags)
        spaces[-1] = True
    # spaCy marks a missing tag as None; an I- right after a missing token must become B-.
    ents: list[str | None] = []
    prev = "O"
    for t in iob:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        ents.append(None if t == "-" else t)
        prev = t
    return Doc(vocab, words=words, spaces=spaces, ents=ents), labels


def gum_train_docs(gum: Path) -> list[str]:
    """GUM document ids in the train split of splits.md (never dev, test or test2)."""
    section = None
    ids = []
    for line in (gum / "splits.md").read_text(encoding="utf8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.strip().startswith("* ") and section == "train":
            ids.append(line.strip()[2:].strip())
    return ids


def convert_gum(vocab, gum: Path, out: Path) -> Counter:
    db = DocBin(store_user_data=False)
    labels: Counter = Counter()
    for doc_id in gum_train_docs(gum):
        path = gum / "dep" / f"{doc_id}.conllu"
        if not path.exists():
            continue
        sents = read_conllu(path)
        for i in range(0, len(sents), SENTS_PER_DOC):
            doc, counts = gum_doc(vocab, sents[i : i + SENTS_PER_DOC])
            labels.update(counts)
            db.add(doc)
    db.to_disk(out)
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("en").vocab
    ewt = args.data / "ud_en_ewt"
    print(
        "ewt train sentences", convert_ud(vocab, ewt / "en_ewt-ud-train.conllu", args.out / "ewt-train.spacy")
    )
    print("ewt dev sentences", convert_ud(vocab, ewt / "en_ewt-ud-dev.conllu", args.out / "ewt-dev.spacy"))
    conll = args.data / "conll2003_en"
    # The NER train corpus is a folder: spaCy reads every .spacy file in it.
    (args.out / "ner-train").mkdir(exist_ok=True)
    conll_train = convert_conll(vocab, conll / "eng.train.iob2.txt", args.out / "ner-train" / "conll.spacy")
    print("conll train entities", dict(conll_train))
    print(
        "conll testa entities",
        dict(convert_conll(vocab, conll / "eng.testa.iob2.txt", args.out / "ner-dev.spacy")),
    )
    print(
        "gum train entities",
        dict(convert_gum(vocab, args.data / "gum", args.out / "ner-train" / "gum.spacy")),
    )


if __name__ == "__main__":
    main()
