"""Cross-document entity coreference on ECB+ (or any folder of CROMER XML topics), or on MEANTIME as
processed by ariecattan/coref (token-per-line ``<split>_text.txt`` + ``<split>_entity_gold_mentions.json``
with cross-document ``coref_chain``; Barhom et al.'s processed ECB+ shares the format).

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
entity, within the topic) and pronoun rules (recency, number and gender agreement) so that every mention
gets a cluster; no such link ever joins two clusters holding different named entities. Evaluation
follows the ECB+ convention: only the sentences listed in ``ECBplus_coreference_sentences.csv`` count;
singletons are kept. In the JSON format every mention counts and a topic is the mentions' ``topic``.

    .venv/bin/python benchmarks/coref.py --data ../shared/data/ecbplus --topics dev [--settings gold,named,e2e]
    .venv/bin/python benchmarks/coref.py --data ../shared/data/meantime_en_processed --split dev

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


# --------------------------------------------------------------------------- token-per-line JSON reading

#: MEANTIME's entity types (ariecattan's processing) and the ECB+ processing of Barhom et al. (2019), which
#: shares the format, mapped to the ECB+ tags the system and ``is_named`` read
JSON_TYPES = {"PER": "HUMAN_PART_PER", "ORG": "HUMAN_PART_ORG", "LOC": "LOC_GEO", "HUM": "HUMAN_PART",
              "NON": "NON_HUMAN_PART", "TIM": "TIME_DATE", "PRO": "NON_HUMAN_PART", "FIN": "NON_HUMAN_PART"}


def _first(row: dict, *names: str):
    for n in names:
        if n in row:
            return row[n]
    raise KeyError(names[0])


def find_split_files(data: Path, split: str) -> tuple[Path, Path]:
    """The token file and the entity mention file of a split: ``dev_text.txt`` + ``dev_entity_gold_mentions.json``
    (MEANTIME), ``ECB_Dev_corpus.txt`` + ``ECB_Dev_Entity_gold_mentions.json`` (Barhom's ECB+), found in
    ``data`` or one folder below it."""
    for folder in [data, *sorted(p for p in data.iterdir() if p.is_dir())]:
        files = [p for p in folder.iterdir() if p.is_file()]

        def pick(pattern: str) -> Path | None:
            hits = [p for p in files if re.fullmatch(pattern, p.name, flags=re.IGNORECASE)]
            return hits[0] if len(hits) == 1 else None

        mentions = pick(rf"(?:\w+_)?{split}_entity_gold_mentions\.json")
        text = pick(rf"(?:\w+_)?{split}_(?:text|corpus)\.txt")
        if mentions and text:
            return text, mentions
    raise FileNotFoundError(f"no {split}_text.txt / {split}_entity_gold_mentions.json under {data}")


def read_json_split(data: Path, split: str) -> dict[str, list[Doc]]:
    """Documents by topic from the token-per-line text (doc, sentence, token number, word, ...) and the JSON
    entity mentions with cross-document ``coref_chain``. Tokens are keyed by (sentence, number), which holds
    whether the numbers run through the document (MEANTIME) or restart in each sentence (Barhom's ECB+)."""
    import json

    text_path, mention_path = find_split_files(data, split)
    docs: dict[str, Doc] = {}
    index: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
    with text_path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            name, sent, num, word = cols[0], int(cols[1]), int(cols[2]), cols[3]
            doc = docs.setdefault(name, Doc(name, {}))
            t = len(doc.tokens)  # a running index keeps "the token before" meaning what it does in ECB+
            doc.tokens[t] = (sent, word)
            index[name][(sent, num)] = t
    topic_of: dict[str, str] = {}
    rows = json.loads(mention_path.read_text(encoding="utf-8"))
    for k, row in enumerate(rows):
        name = row["doc_id"]
        if name not in docs:
            continue
        sent = int(_first(row, "sent_id", "sentence_id"))
        nums = _first(row, "tokens_number", "tokens_numbers", "tokens_ids")
        toks = tuple(sorted(index[name][(sent, int(n))] for n in nums if (sent, int(n)) in index[name]))
        if not toks:
            continue
        mid = f"j{k}"
        doc = docs[name]
        doc.mentions[mid] = toks
        mtype = str(row.get("mention_type", ""))
        doc.types[mid] = JSON_TYPES.get(mtype[:3].upper(), "NON_HUMAN_PART")
        doc.chains[mid] = str(_first(row, "coref_chain", "cluster_id"))
        topic_of[name] = str(row.get("topic") or name.split("_")[0])
    by_topic: dict[str, list[Doc]] = defaultdict(list)
    for name in sorted(docs):
        by_topic[topic_of.get(name) or name.split("_")[0]].append(docs[name])
    for topic_docs in by_topic.values():
        lower = {w.lower() for d in topic_docs for _, w in d.tokens.values() if w[:1].islower()}
        for d in topic_docs:
            d.lower_words = lower
    return dict(by_topic)


def detect_format(data: Path) -> str:
    """``ecbplus`` for CROMER XML topic folders, ``meantime`` for token-per-line text with JSON mentions."""
    if (data / "ECB+_xml").is_dir() or any(p.is_dir() and p.name.isdigit() for p in data.iterdir()):
        return "ecbplus"
    for folder in [data, *(p for p in data.iterdir() if p.is_dir())]:
        if any(re.search(r"entity_gold_mentions\.json$", p.name, flags=re.IGNORECASE) for p in folder.iterdir()):
            return "meantime"
    return "ecbplus"


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
    if words[last - 1][1][:1].isupper():
        # a description between two names ends in the head name: "Lohan lawyer Mark Heller", "United States
        # airframer Boeing" (MEANTIME's spans take such descriptions in); "Gulf of Aden" has only a connector
        k = last - 1
        while k > first and (words[k - 1][1][:1].isupper() or words[k - 1][1] in _IN_NAME):
            k -= 1
        if k > first and words[k - 1][1][:1].islower() and words[k - 1][1].isalpha():
            first = k
            while words[first][1] in _IN_NAME:
                first += 1
    return spans[words[first][0]][0], spans[words[last - 1][0]][1]


_IN_NAME = frozenset([".", "&", "-", "of", "de", "du", "la", "van", "von", "der", "al", "bin", "and", "the"])


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


_PREPOSITIONS = frozenset(["in", "at", "of", "near", "on", "from", "outside", "inside", "off", "by"])


def _headed_by_noun(doc: Doc, toks: tuple[int, ...]) -> bool:
    """A mention whose head is a common noun with the name in a phrase after it ("a rehab facility in
    Malibu", "his room at the Sun Tan Motel"): the mention is the facility, not Malibu, so it is clustered
    as a nominal; an NER span would be the name alone, a mention of its own."""
    words = [doc.tokens[t][1] for t in toks]
    first = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if first is None:
        return False
    for j in range(1, first):
        if words[j].lower() in _PREPOSITIONS and words[j - 1][:1].islower() and words[j - 1].isalpha() \
                and words[j - 1].lower() not in _PREPOSITIONS and words[j - 1].lower() not in PRONOUNS \
                and words[j - 1].lower() not in {"the", "a", "an"}:
            return True
    return False


_FEMALE = frozenset(["woman", "women", "mother", "mom", "mum", "sister", "daughter", "wife", "girl", "actress",
                     "girlfriend", "grandmother", "aunt", "niece", "widow", "mrs", "ms", "miss", "lady", "queen",
                     "princess", "starlet", "stepmom", "spokeswoman", "chairwoman", "congresswoman"])
_MALE = frozenset(["man", "men", "father", "dad", "brother", "son", "husband", "boy", "actor", "boyfriend",
                   "grandfather", "uncle", "nephew", "widower", "mr", "king", "prince", "spokesman", "chairman",
                   "congressman", "grandson", "sir"])


def _noun_gender(text: str) -> str | None:
    """'f' or 'm' for a mention whose words say so ("the actress", "Mrs. Quill", "his brother"), else None."""
    words = {w.lower().strip(".") for w in text.split()}
    f, m = bool(words & _FEMALE), bool(words & _MALE)
    return "f" if f and not m else "m" if m and not f else None


_NUMBERS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "both"])


def _plural(doc: Doc, toks: tuple[int, ...]) -> bool:
    """A plural nominal ("officers", "the police", "two women"), which he/she cannot refer to."""
    last = doc.tokens[toks[-1]][1]
    if last[:1].isupper():
        return False
    w = last.lower()
    return w in {"police", "people", "women", "men", "children", "staff", "crew", "family"} or (
        len(w) > 3 and w.endswith("s") and not w.endswith("ss"))


def _time_heads(words: list[str]) -> list[str]:
    """The day a time mention names, whatever the part of it: "late Thursday", "Thursday night" and "on
    Thursday" are one day, "Dec. 6" is "December 6"; "Thursday, Dec. 6" gives both keys."""
    from storydesk.nlp.components.quantities import MONTH_NAMES, WEEKDAYS

    low = [w.lower().strip(".,") for w in words]
    out = [w for w in low if w in WEEKDAYS][:1]
    for i, w in enumerate(low):
        month = next((m for m in MONTH_NAMES if len(w) >= 3 and m.startswith(w)), None)
        if month and words[i][:1].isupper():
            day = next((x for x in low[i + 1:i + 2] + low[max(0, i - 1):i] if x.rstrip("thsndr").isdigit()), None)
            out.append(f"{month} {int(day.rstrip('thsndr'))}" if day else month)
            break
    return out


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
            fold(d.tokens[x][1]) in PRONOUNS for x in t) and not _headed_by_noun(d, t)}
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

    # the names each cluster holds: two clusters that hold different named entities are never joined
    # through a nominal or a pronoun (the cannot-link constraint of sieve systems, Lee et al. 2013), so one
    # loose link cannot chain two people the name sieve kept apart
    names_of: dict = {}

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        na, nb = names_of.get(ra, frozenset()), names_of.get(rb, frozenset())
        if na and nb and not na & nb:
            return
        parent[rb] = ra
        names_of[ra] = na | nb

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
                names_of.setdefault(find(("entity", eid)), frozenset([eid]))
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
            heads = [_head(" ".join(d.tokens[x][1] for x in toks))]
            if d.types.get(mid, "").startswith("TIME"):
                heads = _time_heads([d.tokens[x][1] for x in toks]) or heads
            for head in heads:
                if not head:
                    continue
                hkey = (_family(d.types.get(mid, "")), head)
                if hkey in head_rep:
                    union(head_rep[hkey], node)
                else:
                    head_rep[hkey] = node
    # pronouns, by recency: a relative pronoun ("who", "which") to the mention just before it in its
    # sentence (a person for "who", a thing for "which"); he/she/his/her to the nearest person mention
    # before it in the document that agrees in number and gender (the gender a cluster has shown so far
    # by its pronouns and gendered nouns: "she" never joins a man named by "he" before)
    gender_of: dict = {}

    def gender(node) -> str | None:
        return gender_of.get(find(node))

    def union_gendered(a, b, g: str | None) -> None:
        ga, gb = gender(a), gender(b)
        union(a, b)
        for x in (g, ga, gb):
            if x:
                gender_of.setdefault(find(a), x)

    for d in docs:  # gendered nouns give their clusters a gender before any pronoun is placed
        for mid, toks in mentions_by_doc.get(d.name, {}).items():
            if d.types.get(mid, "").startswith("HUMAN_PART_PER"):
                g = _noun_gender(" ".join(d.tokens[x][1] for x in toks))
                if g:
                    gender_of.setdefault(find((d.name, toks)), g)
    for d, mid, toks in sorted(pronouns, key=lambda p: (p[0].name, p[2])):
        word = fold(d.tokens[toks[0]][1])
        mentions = mentions_by_doc.get(d.name, {})
        if word in {"who", "whom", "whose", "which", "that"}:
            sent = d.tokens[toks[0]][0]
            human = word in {"who", "whom"}
            prev = [t2 for m2, t2 in mentions.items()
                    if t2[-1] < toks[0] and d.tokens[t2[0]][0] == sent and toks[0] - t2[-1] <= 3
                    and (not human or d.types.get(m2, "").startswith("HUMAN"))]
            if prev:
                union(find((d.name, max(prev))), (d.name, toks))
            continue
        if word in {"it", "its", "itself"}:
            before = [(t2[0], m2) for m2, t2 in mentions.items()
                      if t2[-1] < toks[0] and _family(d.types.get(m2, "")) in {"HUMAN_PART", "NON_HUMAN"}
                      and not d.types.get(m2, "").startswith("HUMAN_PART_PER")
                      and not all(fold(d.tokens[x][1]) in PRONOUNS for x in t2)
                      and d.tokens[toks[0]][0] - d.tokens[t2[0]][0] <= 1]
            if before:
                _, m2 = max(before)
                union(find((d.name, mentions[m2])), (d.name, toks))
            continue
        if word in {"they", "them", "their", "theirs", "themselves"}:
            # a group: the nearest plural person nominal or organisation in this sentence or the one before
            before = [(t2[0], m2) for m2, t2 in mentions.items()
                      if t2[-1] < toks[0] and d.tokens[toks[0]][0] - d.tokens[t2[0]][0] <= 1
                      and not all(fold(d.tokens[x][1]) in PRONOUNS for x in t2)
                      and (d.types.get(m2, "") == "HUMAN_PART_ORG"
                           or d.types.get(m2, "").startswith("HUMAN_PART") and _plural(d, t2))]
            if before:
                _, m2 = max(before)
                union(find((d.name, mentions[m2])), (d.name, toks))
            continue
        g = "m" if word in {"he", "him", "his", "himself"} else "f" if word in {"she", "her", "hers", "herself"} \
            else None
        if g is None:
            continue
        before = sorted(((t2[0], m2) for m2, t2 in mentions.items()
                         if t2[-1] < toks[0] and d.types.get(m2, "").startswith("HUMAN_PART_PER")
                         and not all(fold(d.tokens[x][1]) in PRONOUNS for x in t2)), reverse=True)
        for _, m2 in before:
            t2 = mentions[m2]
            if gender((d.name, t2)) not in {None, g} or _plural(d, t2):
                continue
            union_gendered((d.name, t2), (d.name, toks), g)
            break
    desc_heads: dict[str, set] = defaultdict(set)
    for ent in index.entities:
        for desc in ent.descriptions:
            desc_heads[_head(desc)].add(ent.id)
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
            if all(w in PRONOUNS for w in words) or _plural(d, toks) or any(w in _NUMBERS or w.isdigit()
                                                                            for w in words):
                continue  # pronouns were handled above; a plural or a count is not one person
            if words and words[0] in {"a", "an", "another", "one", "some"}:
                continue  # an indefinite nominal introduces someone new
            g = _noun_gender(" ".join(d.tokens[x][1] for x in toks))
            if g and gender(("entity", main[0])) not in {None, g}:
                continue  # "his mother" in an article about him
            union(("entity", main[0]), (d.name, toks))
    # a nominal whose head is a name's last word ("Lohan") joins that entity when only one fits
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


def load_topics(data: Path, fmt: str, topics: list[int] | None, split: str
                ) -> list[tuple[object, list[Doc], dict[str, set[int]] | None]]:
    """(topic, documents, sentence filter) for every topic to score."""
    if fmt == "meantime":
        return [(t, docs, None) for t, docs in sorted(read_json_split(data, split).items())]
    keep = read_sentence_filter(data)
    xml_root = data / "ECB+_xml" if (data / "ECB+_xml").is_dir() else data
    out = []
    for topic in topics or []:
        folder = xml_root / str(topic)
        if folder.is_dir():
            out.append((topic, read_topic(folder, keep), keep))
    return out


def run(data: Path, topics: list[int] | None, settings: list[str], *, fmt: str = "ecbplus", split: str = "dev"
        ) -> list[tuple[str, dict, int, int, float]]:
    loaded = load_topics(data, fmt, topics, split)
    results = []
    for setting in settings:
        key_all: list[set] = []
        resp_all: list[set] = []
        t0 = time.perf_counter()
        for topic, docs, keep in loaded:
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
    ap.add_argument("--data", type=Path, required=True,
                    help="ECB+ folder (ECB+_xml/ and the sentence CSV), or a folder of token-per-line text "
                         "and JSON mentions (MEANTIME as processed by ariecattan/coref)")
    ap.add_argument("--format", choices=["auto", "ecbplus", "meantime"], default="auto",
                    help="ecbplus: CROMER XML topics; meantime: <split>_text.txt + <split>_entity_gold_mentions.json")
    ap.add_argument("--topics", default="dev", help="ecbplus: dev, test, all, or a comma list of topic numbers")
    ap.add_argument("--split", default="dev", help="meantime: the file prefix (dev, train, test, all)")
    ap.add_argument("--settings", default="gold,named,e2e,e2e-named",
                    help="comma list of gold, named, e2e (predicted mentions against all gold mentions), "
                         "e2e-named (predicted mentions against the named gold mentions)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no such folder: {args.data}", file=sys.stderr)
        return 2
    fmt = detect_format(args.data) if args.format == "auto" else args.format
    settings = [s.strip() for s in args.settings.split(",") if s.strip()]
    if fmt == "meantime":
        try:
            rows = run(args.data, None, settings, fmt=fmt, split=args.split)
        except FileNotFoundError as exc:
            print(exc, file=sys.stderr)
            return 2
        print(f"cross-document entity coreference ({args.data.name}), split: {args.split}")
    else:
        if args.topics == "dev":
            topics = DEV_TOPICS
        elif args.topics == "test":
            topics = TEST_TOPICS
        elif args.topics == "all":
            xml_root = args.data / "ECB+_xml" if (args.data / "ECB+_xml").is_dir() else args.data
            topics = sorted(int(p.name) for p in xml_root.iterdir() if p.name.isdigit())
        else:
            topics = [int(t) for t in args.topics.split(",")]
        rows = run(args.data, topics, settings)
        print(f"ECB+ cross-document entity coreference, topics: {args.topics} ({len(topics)})")
    print(f"{'setting':<8} {'gold m':>7} {'sys m':>7} {'MUC F1':>7} {'B3 F1':>7} {'CEAFe F1':>8} "
          f"{'CoNLL F1':>8} {'sec':>6}")
    for setting, s, n_key, n_resp, secs in rows:
        print(f"{setting:<8} {n_key:>7} {n_resp:>7} {s['MUC'][2]:>7.3f} {s['B3'][2]:>7.3f} "
              f"{s['CEAFe'][2]:>8.3f} {s['CoNLL'][2]:>8.3f} {secs:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
