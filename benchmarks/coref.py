"""Cross-document entity coreference on ECB+ (or any folder of CROMER XML topics).

Runs storydesk's entity reconciliation (``storydesk.reconcile.entities``) within each topic and scores
the resulting clusters against the gold cross-document entity chains with MUC, B-cubed, CEAF-e and their
average (CoNLL F1), in three settings:

  gold       every gold entity mention (names, nominals, pronouns, times) is given; the system clusters them
  named      the same, restricted to gold mentions that contain a proper name
  e2e        mentions found by the NLP pipeline (bundled model's NER) from the raw text, scored against
             all gold mentions (a prediction counts as a gold mention when it equals its span or the name
             inside it: "Academy" for the gold "the Academy"); NER finds names only, so recall is capped
  e2e-named  the same predictions scored against the named gold mentions only

The reconciliation itself only merges names (people, organisations, places); for the other gold
mentions the benchmark adds the usual same-head baseline (two mentions whose head words agree are one
entity, within the topic) so that every mention gets a cluster. Evaluation follows the ECB+ convention:
only the sentences listed in ``ECBplus_coreference_sentences.csv`` count; singletons are kept.

    .venv/bin/python benchmarks/coref.py --data ../shared/data/ecbplus --topics dev [--settings gold,named,e2e]

Prints one table. The metrics are implemented here (Pradhan et al. 2014 definitions) because the PyPI
scorers either pull heavy dependencies or only read CoNLL files; tests check them on the textbook example.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_", "TIME_")
DEV_TOPICS = [2, 5, 12, 18, 21, 23, 34, 35]
TEST_TOPICS = list(range(36, 46))
LABELS = {"HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE", "LOC_GEO": "GPE",
          "LOC_FAC": "FAC", "LOC_OTHER": "LOC", "HUMAN_PART_FAC": "FAC"}
PRONOUNS = frozenset(["i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "who", "whom", "whose", "which", "himself", "herself", "itself", "themselves", "one"])


# --------------------------------------------------------------------------- metrics

Cluster = frozenset
Mention = tuple


def muc(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a: list[set], b: list[set]) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    rn, rd = score(key, response)
    pn, pd = score(response, key)
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return r, p, _f(r, p)


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a: list[set], b: list[set]) -> float:
        where = {m: c for c in b for m in c}
        total = sum(len(c) for c in a)
        s = 0.0
        for c in a:
            for m in c:
                other = where.get(m)
                if other is not None:
                    s += len(c & other) / len(c)
        return s / total if total else 0.0

    r = score(key, response)
    p = score(response, key)
    return r, p, _f(r, p)


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    where = defaultdict(list)
    for j, c in enumerate(response):
        for m in c:
            where[m].append(j)
    for i, k in enumerate(key):
        for j in {j for m in k for j in where.get(m, ())}:
            sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    r, p = total / len(key), total / len(response)
    return r, p, _f(r, p)


def _f(r: float, p: float) -> float:
    return 2 * r * p / (r + p) if r + p else 0.0


def conll(key: list[set], response: list[set]) -> dict[str, tuple[float, float, float]]:
    out = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAFe": ceaf_e(key, response)}
    out["CoNLL"] = (0.0, 0.0, sum(v[2] for v in out.values()) / 3)
    return out


# --------------------------------------------------------------------------- ECB+ reading


@dataclass
class Doc:
    name: str
    tokens: dict[int, tuple[int, str]]  # t_id -> (sentence, text)
    mentions: dict[str, tuple[int, ...]] = field(default_factory=dict)  # m_id -> token ids
    types: dict[str, str] = field(default_factory=dict)
    chains: dict[str, str] = field(default_factory=dict)  # m_id -> instance id


def read_doc(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    tokens = {int(t.get("t_id")): (int(t.get("sentence")), t.text or "") for t in root.iter("token")}
    doc = Doc(path.stem, tokens)
    markables = root.find("Markables")
    if markables is not None:
        for m in markables:
            anchors = tuple(sorted(int(a.get("t_id")) for a in m.findall("token_anchor")))
            if anchors and m.tag.startswith(ENTITY_PREFIXES):
                doc.mentions[m.get("m_id")] = anchors
                doc.types[m.get("m_id")] = m.tag
    relations = root.find("Relations")
    if relations is not None:
        for rel in relations.findall("CROSS_DOC_COREF"):
            for src in rel.findall("source"):
                doc.chains[src.get("m_id")] = rel.get("note")
    return doc


def read_topic(folder: Path, keep: dict[str, set[int]] | None) -> list[Doc]:
    docs = []
    for path in sorted(folder.glob("*.xml")):
        doc = read_doc(path)
        if keep is not None:
            allowed = keep.get(doc.name.replace(".xml", ""), set())
            doc.mentions = {m: t for m, t in doc.mentions.items() if doc.tokens[t[0]][0] in allowed}
        docs.append(doc)
    # words written in lower case anywhere in the topic: a capitalised one of them that opens a
    # sentence ("Host", "Coach") is a common noun, not a name
    lower = {w.lower() for d in docs for _, w in d.tokens.values() if w[:1].islower()}
    for d in docs:
        d.lower_words = lower
    return docs


def read_sentence_filter(data: Path) -> dict[str, set[int]] | None:
    path = data / "ECBplus_coreference_sentences.csv"
    if not path.is_file():
        return None
    keep: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            keep[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return keep


def gold_clusters(docs: list[Doc], named_only: bool) -> list[set]:
    chains: dict[str, set] = defaultdict(set)
    for d in docs:
        for mid, toks in d.mentions.items():
            if named_only and not is_named(d, toks):
                continue
            inst = d.chains.get(mid) or f"single:{d.name}:{mid}"
            chains[inst].add((d.name, toks))
    return list(chains.values())


def is_named(doc: Doc, toks: tuple[int, ...]) -> bool:
    """A mention that contains a proper name: a capitalised token that is not a pronoun and either does
    not open its sentence or is never written in lower case in the document."""
    lower = getattr(doc, "lower_words", None)
    if len(toks) == 1:
        # one capitalised word that the topic also writes in lower case ("Driver" in a headline)
        text = doc.tokens[toks[0]][1]
        if lower is None:
            lower = {w for _, w in doc.tokens.values() if w[:1].islower()}
        if text.lower() in lower or text.lower() in _COMMON:
            return False
    for t in toks:
        sent, text = doc.tokens[t]
        if not text[:1].isupper() or text.lower() in PRONOUNS:
            continue
        opens = t - 1 not in doc.tokens or doc.tokens[t - 1][0] != sent
        if not opens:
            return True
        if lower is None:
            lower = {w for _, w in doc.tokens.values() if w[:1].islower()}
        if text.lower() not in lower and text.lower() not in _COMMON:
            return True
    return False


_COMMON = frozenset(["the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "as", "after", "before", "when", "while", "this", "that", "these", "those", "there", "here", "it", "its", "his", "her", "their", "our", "my", "your", "we", "they", "he", "she", "i", "you", "yesterday", "today", "tomorrow", "police", "officials", "authorities"])


# --------------------------------------------------------------------------- the system


def _doc_text(doc: Doc, allowed: set[int] | None) -> tuple[str, dict[int, tuple[int, int]]]:
    """Text of the document (sentences on lines) and each token's character span."""
    parts, spans, pos = [], {}, 0
    last_sent = None
    for t in sorted(doc.tokens):
        sent, text = doc.tokens[t]
        if allowed is not None and sent not in allowed:
            continue
        if last_sent is not None:
            sep = "\n" if sent != last_sent else " "
            parts.append(sep)
            pos += 1
        spans[t] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        last_sent = sent
    return "".join(parts), spans


def _annotated(doc: Doc, text: str, spans: dict, mentions: dict[str, tuple[int, ...]]):
    from storydesk.records import AnnotatedArticle, Article, EntityMention

    art = Article(id=doc.name, source=doc.name, outlet=doc.name, paragraphs=[text] if text else [])
    ents = []
    for mid, toks in mentions.items():
        if toks[0] not in spans or toks[-1] not in spans:
            continue
        s, e = _name_part(doc, toks, spans)
        label = LABELS.get(doc.types.get(mid, ""), "PERSON" if doc.types.get(mid, "").startswith("HUMAN") else "MISC")
        ents.append(EntityMention(start=s, end=e, text=text[s:e], label=label))
    return AnnotatedArticle(article=art, entities=ents)


def _name_part(doc: Doc, toks: tuple[int, ...], spans: dict) -> tuple[int, int]:
    """The name inside a gold mention span: ECB+ spans carry prepositions and modifiers ("off the
    notorious Gulf of Aden, between Somalia and Yemen"); an NER span would be "Gulf of Aden"."""
    words = [(t, doc.tokens[t][1]) for t in toks if t in spans]
    first = next((i for i, (_, w) in enumerate(words) if w[:1].isupper()), 0)
    last = len(words)
    for i in range(first + 1, len(words)):
        if words[i][1] in {",", "(", "between", "near", "in", "at", "who", "which"}:
            last = i
            break
    while last - 1 > first and words[last - 1][1] in {"'s", "’s", "’", "'"}:
        last -= 1
    return spans[words[first][0]][0], spans[words[last - 1][0]][1]


def _head(text: str) -> str:
    """Head word of a nominal or time mention: the last word of its first chunk ("the president of the
    company" -> president, "on Sunday, February 22" -> sunday)."""
    from storydesk.reconcile.common import fold, stem

    words = [w for w in re.findall(r"[\w'-]+|,", text) if w]
    while words and fold(words[0]) in {"on", "in", "at", "off", "from", "to", "by", "since", "during", "until"}:
        words = words[1:]
    if not words:
        return ""
    cut = words
    for i, w in enumerate(words):
        if i > 0 and (w == "," or fold(w) in {"of", "who", "that", "which", "in", "at", "for", "with", "on"}):
            cut = words[:i]
            break
    return stem(fold(re.sub(r"'s$", "", cut[-1])))


def _family(mtype: str) -> str:
    for prefix in ("HUMAN_PART_PER", "HUMAN_PART", "NON_HUMAN", "LOC", "TIME"):
        if mtype.startswith(prefix):
            return prefix
    return "OTHER"


def system_clusters(docs: list[Doc], mentions_by_doc: dict[str, dict[str, tuple[int, ...]]],
                    keep: dict[str, set[int]] | None, types_by_doc: dict[str, dict[str, str]] | None = None
                    ) -> list[set]:
    """Cluster the given mentions of one topic: names by storydesk's reconciliation, the rest by head."""
    from storydesk.reconcile.common import ArticleView, fold
    from storydesk.reconcile.entities import reconcile_entities

    views, spans_by_doc, named = [], {}, {}
    for i, d in enumerate(docs):
        allowed = keep.get(d.name) if keep is not None else None
        text, spans = _doc_text(d, allowed)
        spans_by_doc[d.name] = spans
        ms = mentions_by_doc.get(d.name, {})
        nm = {m: t for m, t in ms.items() if is_named(d, t) and not all(
            fold(d.tokens[x][1]) in PRONOUNS for x in t)}
        named[d.name] = nm
        aa = _annotated(d, text, spans, nm)
        views.append(ArticleView(index=i, aa=aa))
    index = reconcile_entities(views)
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    head_rep: dict[tuple[str, str], tuple] = {}
    pronouns: list = []
    name_heads: dict[str, set] = defaultdict(set)
    for i, d in enumerate(docs):
        spans = spans_by_doc[d.name]
        for mid, toks in mentions_by_doc.get(d.name, {}).items():
            node = (d.name, toks)
            find(node)
            if toks[0] not in spans:
                continue
            s, e = _name_part(d, toks, spans)
            eid = index.by_mention.get((i, s, e))
            if mid in named[d.name] and eid is not None:
                union(("entity", eid), node)
                ent = index.get(eid)
                if ent is not None:
                    for v in ent.variants:
                        name_heads[_head(v)].add(eid)
                continue
            words = [fold(d.tokens[x][1]) for x in toks]
            if all(w in PRONOUNS for w in words):
                pronouns.append((d, mid, toks))
                continue
            head = _head(" ".join(d.tokens[x][1] for x in toks))
            if not head:
                continue
            hkey = (_family(d.types.get(mid, "")), head)
            if hkey in head_rep:
                union(head_rep[hkey], node)
            else:
                head_rep[hkey] = node
    # pronouns, by recency: a relative pronoun ("who", "which") to the mention just before it in its
    # sentence; he/she/his/her to the nearest person mention before it in the document
    for d, mid, toks in pronouns:
        word = fold(d.tokens[toks[0]][1])
        if word in {"who", "whom", "whose", "which", "that"}:
            sent = d.tokens[toks[0]][0]
            prev = [t2 for m2, t2 in mentions_by_doc.get(d.name, {}).items()
                    if t2[-1] < toks[0] and d.tokens[t2[0]][0] == sent and toks[0] - t2[-1] <= 3]
            if prev:
                union(find((d.name, max(prev))), (d.name, toks))
            continue
        if word in {"it", "its", "itself"}:
            before = [(t2[0], m2) for m2, t2 in mentions_by_doc.get(d.name, {}).items()
                      if t2[-1] < toks[0] and _family(d.types.get(m2, "")) in {"HUMAN_PART", "NON_HUMAN"}
                      and not d.types.get(m2, "").startswith("HUMAN_PART_PER")
                      and not all(fold(d.tokens[x][1]) in PRONOUNS for x in t2)
                      and d.tokens[toks[0]][0] - d.tokens[t2[0]][0] <= 1]
            if before:
                _, m2 = max(before)
                union(find((d.name, mentions_by_doc[d.name][m2])), (d.name, toks))
            continue
        if word not in {"he", "him", "his", "she", "her", "hers", "himself", "herself"}:
            continue
        before = [(t2[0], m2) for m2, t2 in mentions_by_doc.get(d.name, {}).items()
                  if t2[-1] < toks[0] and d.types.get(m2, "").startswith("HUMAN_PART_PER")
                  and not all(fold(d.tokens[x][1]) in PRONOUNS for x in t2)]
        if before:
            _, m2 = max(before)
            union(find((d.name, mentions_by_doc[d.name][m2])), (d.name, toks))
    # a person nominal ("the accountant", "the coach") in a document about one named person: that person
    # (the document's only person named twice or more)
    for d_i, d in enumerate(docs):
        counts: dict[str, int] = defaultdict(int)
        for mid, toks in named[d.name].items():
            if d.types.get(mid, "").startswith("HUMAN_PART_PER"):
                spans = spans_by_doc[d.name]
                if toks[0] in spans:
                    s_, e_ = _name_part(d, toks, spans)
                    eid = index.by_mention.get((d_i, s_, e_))
                    if eid:
                        counts[eid] += 1
        main = [e for e, n in counts.items() if n >= 2]
        if len(main) != 1:
            continue
        for mid, toks in mentions_by_doc.get(d.name, {}).items():
            if mid in named[d.name] or not d.types.get(mid, "").startswith("HUMAN_PART_PER"):
                continue
            words = [fold(d.tokens[x][1]) for x in toks]
            if all(w in PRONOUNS for w in words) or any(w.endswith("s") and len(w) > 3 for w in words[-1:]):
                continue  # pronouns were handled above; a plural is not one person
            if words and words[0] in {"a", "an", "another", "one", "some"}:
                continue  # an indefinite nominal introduces someone new
            union(("entity", main[0]), (d.name, toks))
    # a nominal whose head is a name's last word ("Lohan") joins that entity when only one fits
    desc_heads: dict[str, set] = defaultdict(set)
    for ent in index.entities:
        for desc in ent.descriptions:
            desc_heads[_head(desc)].add(ent.id)
    for (_fam, head), node in head_rep.items():
        fits = name_heads.get(head, set()) or desc_heads.get(head, set())
        if len(fits) == 1:
            union(("entity", next(iter(fits))), node)
    clusters: dict = defaultdict(set)
    for node in list(parent):
        if node[0] == "entity":
            continue
        clusters[find(node)].add(node)
    return [c for c in clusters.values() if c]


def predicted_mentions(docs: list[Doc], keep: dict[str, set[int]] | None) -> dict[str, dict[str, tuple]]:
    """Entity mentions found by the NLP pipeline in each document's raw text, as token spans."""
    from storydesk.nlp.annotate import load_pipeline

    nlp = load_pipeline()
    out: dict[str, dict[str, tuple]] = {}
    texts, spans_list = [], []
    for d in docs:
        allowed = keep.get(d.name) if keep is not None else None
        text, spans = _doc_text(d, allowed)
        texts.append(text)
        spans_list.append(spans)
    for d, spans, doc in zip(docs, spans_list, nlp.pipe(texts, batch_size=16), strict=True):
        by_start = {s: t for t, (s, _) in spans.items()}
        by_end = {e: t for t, (_, e) in spans.items()}
        # a predicted name counts as the gold mention whose name part it is ("Academy" for the gold
        # span "the Academy"): gold spans carry determiners and prepositions that no NER span has
        gold_by_name = {}
        for gt in d.mentions.values():
            if gt[0] in spans and gt[-1] in spans:
                gold_by_name.setdefault(_name_part(d, gt, spans), gt)
        found = {}
        for k, ent in enumerate(doc.ents):
            if ent.label_ not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "PER"}:
                continue
            a, b = by_start.get(ent.start_char), by_end.get(ent.end_char)
            if a is None or b is None:
                continue
            found[f"p{k}"] = gold_by_name.get((ent.start_char, ent.end_char), tuple(range(a, b + 1)))
        d.types.update({m: {"PERSON": "HUMAN_PART_PER", "PER": "HUMAN_PART_PER", "ORG": "HUMAN_PART_ORG",
                            "GPE": "LOC_GEO", "LOC": "LOC_GEO", "FAC": "LOC_FAC"}.get(
            doc.ents[int(m[1:])].label_, "TIME_DATE") for m in found})
        out[d.name] = found
    return out


# --------------------------------------------------------------------------- main


def run(data: Path, topics: list[int], settings: list[str]) -> list[tuple[str, dict, int, int, float]]:
    keep = read_sentence_filter(data)
    xml_root = data / "ECB+_xml" if (data / "ECB+_xml").is_dir() else data
    results = []
    for setting in settings:
        key_all: list[set] = []
        resp_all: list[set] = []
        t0 = time.perf_counter()
        for topic in topics:
            folder = xml_root / str(topic)
            if not folder.is_dir():
                continue
            docs = read_topic(folder, keep)
            key = gold_clusters(docs, named_only=setting in {"named", "e2e-named"})
            if setting.startswith("e2e"):
                mentions = predicted_mentions(docs, keep)
            else:
                mentions = {d.name: {m: t for m, t in d.mentions.items()
                                     if setting != "named" or is_named(d, t)} for d in docs}
            resp = system_clusters(docs, mentions, keep)
            # clusters never cross topics: tag mentions with the topic so that they stay apart
            key_all += [{(topic,) + m for m in c} for c in key]
            resp_all += [{(topic,) + m for m in c} for c in resp]
        scores = conll(key_all, resp_all)
        results.append((setting, scores, sum(len(c) for c in key_all), sum(len(c) for c in resp_all),
                        time.perf_counter() - t0))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="ECB+ folder (ECB+_xml/ and the sentence CSV)")
    ap.add_argument("--topics", default="dev", help="dev, test, all, or a comma list of topic numbers")
    ap.add_argument("--settings", default="gold,named,e2e,e2e-named",
                    help="comma list of gold, named, e2e (predicted mentions against all gold mentions), "
                         "e2e-named (predicted mentions against the named gold mentions)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no such folder: {args.data}", file=sys.stderr)
        return 2
    if args.topics == "dev":
        topics = DEV_TOPICS
    elif args.topics == "test":
        topics = TEST_TOPICS
    elif args.topics == "all":
        xml_root = args.data / "ECB+_xml" if (args.data / "ECB+_xml").is_dir() else args.data
        topics = sorted(int(p.name) for p in xml_root.iterdir() if p.name.isdigit())
    else:
        topics = [int(t) for t in args.topics.split(",")]
    rows = run(args.data, topics, [s.strip() for s in args.settings.split(",") if s.strip()])
    print(f"ECB+ cross-document entity coreference, topics: {args.topics} ({len(topics)})")
    print(f"{'setting':<8} {'gold m':>7} {'sys m':>7} {'MUC F1':>7} {'B3 F1':>7} {'CEAFe F1':>8} "
          f"{'CoNLL F1':>8} {'sec':>6}")
    for setting, s, n_key, n_resp, secs in rows:
        print(f"{setting:<8} {n_key:>7} {n_resp:>7} {s['MUC'][2]:>7.3f} {s['B3'][2]:>7.3f} "
              f"{s['CEAFe'][2]:>8.3f} {s['CoNLL'][2]:>8.3f} {secs:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
