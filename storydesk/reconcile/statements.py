"""Statement alignment: sentences of different articles that report the same fact, grouped.

Similarity of two sentences = TF-IDF cosine of their content stems (of spaCy's lookup lemmas, so that
"spent"/"spend" meet; without a lead's dateline and legislators' party tags), plus the share of entities and
numbers they have in common (numbers count only when they agree, so a disagreeing figure neither helps
nor stops two sentences from aligning: the contradiction step needs them aligned). An optional local
sentence-embedding model (``BriefOptions.embedding_model``) adds a semantic score.

Grouping is average-link agglomeration with one constraint: a group holds at most one sentence per
article (two sentences of one article are two facts, or one fact said twice).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..nlp.components._common import PARTY_STATE
from ..nlp.components.quantities import WEEKDAYS
from .common import (
    KNOWN_AGENCIES,
    REPORTING_VERBS,
    STOPWORDS,
    ArticleView,
    content_stems,
    fold,
    is_fragment,
    iso_date,
    norm_outlet,
    outlet_initials,
    stem,
    trim_dateline,
    words,
)
from .entities import EntityIndex, _descriptions_for, _tok_similar, role_head
from .sources import quoted_words


log = logging.getLogger(__name__)

#: weight of the words describing someone ("a naval engineer at the University of Calder", "the
#: harbour master"): two sentences describing one person alike may still say two different things
DESCRIBED_WEIGHT = 0.3
MIN_CONTENT_WORDS = 2  # "No one was killed." is a fact; "He said." is not
MAX_UNITS = 6_000  # sentences compared in one brief; beyond this the tail is left unaligned


@dataclass
class Unit:
    """One sentence of one article, with what alignment compares."""

    article: int
    sentence: int
    text: str
    stems: list[str]
    entities: set[str]
    numbers: set[str]
    status: str = "asserted"
    #: stems of how the sentence describes a person in passing: they count little (see DESCRIBED_WEIGHT)
    described: Counter = field(default_factory=Counter)
    #: the entities named only in a description of someone ("an engineer at the University of X")
    in_description: set[str] = field(default_factory=set)


@dataclass
class Group:
    units: list[Unit]
    cohesion: float = 1.0
    extra: dict = field(default_factory=dict)


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_NUM_RE = re.compile(r"\b\d+(?:[.,]\d+)?\b")


_NUMBER_WORDS = {w: str(n) for n, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_NUMBER_WORDS.update({w: str(10 * n) for n, w in enumerate(
    ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 3)})
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_HOURS = {"hour": 1, "day": 24, "week": 168}
_DURATION_RE = re.compile(r"\b(\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")[- ](hour|day|week)s?\b", re.IGNORECASE)
_DATE_NUM_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b")


def _numbers(text: str) -> set[str]:
    """The numbers a sentence states, "Eleven" as "11" (outlets spell small numbers out, wires do not);
    the day of a dateline ("May 9") is a date, not a count."""
    days = {m.start(1) for m in _DATE_NUM_RE.finditer(text)}
    out = {m.group(0) for m in _NUM_RE.finditer(text) if m.start() not in days}
    # "one" is as often a pronoun ("one of the lifeboats") as a count: not a number here
    out.update(_NUMBER_WORDS[fold(m.group(1))] for m in _NUMBER_WORD_RE.finditer(text) if fold(m.group(1)) != "one")
    # a length of time in hours too, whatever unit it is given in: a "48-hour strike" is a "two-day strike"
    for m in _DURATION_RE.finditer(text):
        n = m.group(1).lower()
        count = int(n) if n.isdigit() else int(_NUMBER_WORDS[n])
        if count:
            out.add(f"{count * _HOURS[m.group(2).lower()]}h")
    return out


def _unnamed_speakers(v: ArticleView) -> dict[int, list[tuple[int, int]]]:
    """Sentence index -> the spans of the unnamed speakers of its quotes ("A spokeswoman for the
    authority said ...", "A company spokesman told CPA ..."): a role with no name, whose body is who
    speaks, not what is said."""
    people = [(m.start, m.end) for m in v.aa.entities if m.label.upper() in {"PERSON", "PER"}]
    out: dict[int, list[tuple[int, int]]] = {}
    for q in v.aa.quotes:
        sp = q.speaker
        if sp is None or not role_head(sp.text) or any(sp.start <= a < sp.end for a, _ in people):
            continue
        if q.speaker_name and not role_head(q.speaker_name):
            continue  # "the governor" whom the article names elsewhere: a person, not an unnamed source
        si = v.sentence_of(sp.start)
        if si is not None and v.sentence_of(q.content.start) == si:
            out.setdefault(si, []).append((sp.start, sp.end))
    return out


def _described_entities(v: ArticleView, entities: EntityIndex) -> dict[int, set[str]]:
    """Sentence index -> entities whose every mention there lies inside a speaker's description or an
    unnamed speaker's role ("a spokeswoman for the authority")."""
    unnamed = _unnamed_speakers(v)
    regions: dict[int, list[tuple[int, int]]] = {si: list(spans) for si, spans in unnamed.items()}
    for q in v.aa.quotes:
        if not q.speaker_description or q.speaker is None:
            continue
        si = v.sentence_of(q.speaker.start)
        if si is None:
            continue
        a, b = v.sentence_bounds[si]
        at = v.text.find(q.speaker_description, a, b)
        if at >= 0:
            regions.setdefault(si, []).append((at, at + len(q.speaker_description)))
    inside: dict[int, set[str]] = {}
    outside: dict[int, set[str]] = {}
    for (a, start, end), eid in entities.by_mention.items():
        if a != v.index:
            continue
        si = v.sentence_of(start)
        if si is None or si not in regions:
            continue
        hit = any(r0 <= start and end <= r1 for r0, r1 in regions[si])
        (inside if hit else outside).setdefault(si, set()).add(eid)
    out = {si: ids - outside.get(si, set()) for si, ids in inside.items()}
    for si in unnamed:
        # the body an unnamed speaker speaks for is linked to the sentence through the speaker
        # ("the authority" -> the Harbour Safety Authority) when the sentence names it nowhere else
        out[si] = out.get(si, set()) | (entities.by_sentence.get((v.index, si), set()) - outside.get(si, set()))
    return out


#: the reporting verbs of a frame, which say nothing of who speaks
_REPORTING_STEMS = frozenset(content_stems(" ".join((*REPORTING_VERBS, "according"))))


def _attribution_stems(v: ArticleView, relayed: dict[int, set[str]] | None = None) -> dict[int, Counter]:
    """Sentence index -> the stems of who says it ("Dr Pieter Olland, a naval engineer at the University
    of Calder who has studied fires, said ..."): two things one person said are two facts, so a long
    speaker description both sentences repeat must not make them look alike. ``relayed``: the sentences
    another news outlet is the speaker of (see :func:`_relaying_outlets`)."""
    out: dict[int, Counter] = {}
    relayed = relayed or {}
    for q in v.aa.quotes:
        if q.speaker is None or not q.speaker_description:
            continue
        si = v.sentence_of(q.content.start)
        if si is None or v.sentence_of(q.speaker.start) != si:
            continue
        a, b = v.sentence_bounds[si]
        if fold(q.speaker_description) not in fold(v.text[a:b]):
            continue  # described in another sentence: nothing of it to take out here
        desc = content_stems(q.speaker_description)
        if len(desc) >= 3:  # "a naval engineer at the University of Calder", not "Its captain"
            # with the name it describes: the whole introduction of the speaker repeats
            out[si] = Counter(desc + content_stems(q.speaker.text))
    # the frame of reported speech: whatever a sentence says outside what it reports is who says it and
    # how they are introduced ("The X union, which represents about 600 drivers, said ..."); two things
    # one speaker said are two facts, however the frame is worded
    contents: dict[int, list[str]] = {}
    for q in v.aa.quotes:
        si = v.sentence_of(q.content.start)
        if si is not None and q.speaker is not None and v.sentence_of(q.speaker.start) == si:
            contents.setdefault(si, []).append(q.content.text)
    for si, said in contents.items():
        a, b = v.sentence_bounds[si]
        frame = Counter(content_stems(v.text[a:b]))
        for c in said:
            frame -= Counter(content_stems(c))
        # as for descriptions above, a short frame ("Skerra Line denied") is part of what is said; but
        # an outlet passing on its report ("..., the agency reported") is never part of the fact: the
        # same fact in that outlet's own article has no such frame
        if si in relayed or sum(n for w, n in frame.items() if w not in _REPORTING_STEMS) >= 3:
            out[si] = out[si] | frame if si in out else frame
    # an unnamed speaker's role and body ("A spokeswoman for the authority said")
    for si, spans in _unnamed_speakers(v).items():
        if si not in out:
            out[si] = Counter(w for a, b in spans for w in content_stems(v.text[a:b]))
    # and whoever a sentence describes in passing ("Teodor Vlasko, the harbour master, was on the quay")
    for m in v.aa.entities:
        if m.label.upper() not in {"PERSON", "PER"}:
            continue
        si = v.sentence_of(m.start)
        if si is None or si in out:
            continue
        desc = [w for d in _descriptions_for(v, m.start, m.end) for w in content_stems(d)]
        if len(desc) >= 3:  # a title ("the harbour master", "Its captain") is part of what is said
            out[si] = Counter(desc)
    return out


def _relaying_outlets(v: ArticleView, entities: EntityIndex, outlets: frozenset[str]) -> dict[int, set[str]]:
    """Sentence index -> the entities of the news outlets that are the speaker of what the sentence
    reports ("The captain ... turned the ferry back, the agency reported", "..., according to Reuters").
    The outlet passes the fact on; it is not part of it, so it neither makes the sentence look like
    others that name the outlet nor unlike the outlet's own telling of the fact."""
    out: dict[int, set[str]] = {}
    for q in v.aa.quotes:
        if q.speaker is None:
            continue
        si = v.sentence_of(q.content.start)
        if si is None or v.sentence_of(q.speaker.start) != si:
            continue
        name = q.speaker_name or q.speaker.text
        eid = entities.resolve(name, v.index)
        ent = entities.get(eid) if eid else None
        forms = [name] + ([ent.name] + list(ent.acronyms) if ent else [])
        if any(norm_outlet(f) in outlets for f in forms if f):
            out.setdefault(si, set()).update([eid] if eid else [])
    return out


def _name_spellings(v: ArticleView, entities: EntityIndex) -> dict[int, dict[str, str]]:
    """Sentence index -> {stem of a name word: stem of the word the entity's name has in its place}.
    The entity step found that "Dmitry Sarkanov" and "Dmitri Sarkanov" are one person; a sentence's
    words should say so too, or the spelling alone keeps two outlets' telling of one fact apart."""
    out: dict[int, dict[str, str]] = {}
    names: dict[str, list[str]] = {}
    for (a, start, end), eid in entities.by_mention.items():
        if a != v.index:
            continue
        if eid not in names:
            ent = entities.get(eid)
            names[eid] = [w for w in words(ent.name)] if ent else []
        canon = names[eid]
        if not canon:
            continue
        si = v.sentence_of(start)
        if si is None:
            continue
        for w in words(v.text[start:end]):
            fw = fold(w)
            if fw in STOPWORDS or w.isdigit() or any(fold(c) == fw for c in canon):
                continue
            like = {stem(c) for c in canon if _tok_similar(w, c, loose=True)}
            if len(like) == 1 and stem(w) not in like:
                out.setdefault(si, {})[stem(w)] = next(iter(like))
    return out


def _wording(sentence: str) -> str:
    """What a sentence says, less what only places or tags it: the wire dateline of a lead ("WASHINGTON
    -- ", whose place one outlet writes and another does not) and legislators' party-state tags ("(D-Ill.)",
    which some outlets add and others do not; the person is an entity of the sentence anyway)."""
    return PARTY_STATE.sub(" ", trim_dateline(sentence))


def build_units(views: list[ArticleView], entities: EntityIndex) -> list[Unit]:
    units: list[Unit] = []
    outlets = {norm_outlet(v.outlet) for v in views if v.outlet} | set(KNOWN_AGENCIES)
    # and their initials ("CPA" for the Coastline Press Agency), as the sources step reads them
    outlets |= {norm_outlet(outlet_initials(v.outlet)) for v in views if v.outlet and len(v.outlet.split()) >= 2}
    outlets = frozenset(o for o in outlets if len(o) >= 2)
    for v in views:
        relayed = _relaying_outlets(v, entities, outlets)
        who = _attribution_stems(v, relayed)
        described_ents = _described_entities(v, entities)
        for si, eids in relayed.items():
            described_ents[si] = described_ents.get(si, set()) | eids
        spellings = _name_spellings(v, entities)
        for i, text in enumerate(v.sentences):
            stems = content_stems(_wording(text))
            same = spellings.get(i)
            if same:
                stems = [same.get(w, w) for w in stems]
                if i in who:
                    who[i] = Counter({same.get(w, w): n for w, n in who[i].items()})
            if len(stems) < MIN_CONTENT_WORDS or len(_LOWER_WORD.findall(text)) < 1 or is_fragment(text):
                # too short to be a fact, a dateline / headline fragment ("PORT ELLIN, March 3"), or a
                # piece of a sentence the splitter cut off that had no neighbour to join ("Harbour master")
                continue
            units.append(Unit(article=v.index, sentence=i, text=text, stems=stems, described=who.get(i, Counter()),
                              entities=set(entities.by_sentence.get((v.index, i), ())),
                              numbers=_numbers(text), status=v.sentence_status(i),
                              in_description=described_ents.get(i, set())))
            if len(units) >= MAX_UNITS:
                return units
    return units


def similarity_matrix(units: list[Unit], *, embedding_model: str | None = None,
                      published: list[str | None] | None = None, threshold: float | None = None) -> np.ndarray:
    """Pairwise similarity of the units (symmetric, 0..1, diagonal 1). With ``threshold`` (the alignment
    threshold), two articles' leads that words tie to nothing else get LEAD_DAY_BONUS when they tell of
    the same weekday; ``published``: each article's publication date (ISO 8601) by article index, which
    tells whether two weekdays can be one day."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0))
    df: Counter = Counter()
    for u in units:
        df.update(set(u.stems))
    vocab = {w: i for i, w in enumerate(df)}
    mat = np.zeros((n, len(vocab)), dtype=np.float32)
    for r, u in enumerate(units):
        tf = Counter(u.stems)
        for w, c in tf.items():
            weight = 1.0
            if u.described.get(w):  # the word only describes someone here (it may be said as well)
                weight = DESCRIBED_WEIGHT if u.described[w] >= c else 1.0 - u.described[w] / c * (1 - DESCRIBED_WEIGHT)
            mat[r, vocab[w]] = weight * (1 + math.log(c)) * math.log((1 + n) / (1 + df[w]) + 1)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1
    mat /= norms
    cos = mat @ mat.T
    # entity Jaccard and shared numbers through incidence matrices (a Python pair loop is quadratic)
    # an entity named only in a speaker's description is who speaks, not what is said: it does not count
    ent_inc = _incidence([u.entities - u.in_description for u in units])
    inter = ent_inc @ ent_inc.T
    sizes = ent_inc.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    ent = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    num_inc = _incidence([u.numbers for u in units])
    num = ((num_inc @ num_inc.T) > 0).astype(np.float32)
    has_ent = np.array([bool(u.entities) for u in units])
    both = np.outer(has_ent, has_ent)
    # sentences without named entities ("The dam was poorly maintained") are judged on their words
    ent = np.where(both, ent, cos)
    sim = 0.75 * cos + 0.2 * ent + 0.1 * num
    if embedding_model:
        emb = _embed([u.text for u in units], embedding_model)
        if emb is not None:
            sim = 0.5 * sim + 0.5 * np.clip(emb @ emb.T, 0, 1)
    if threshold is not None:
        _lead_day_bonus(units, sim, published or [], threshold)
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)


#: a lead is its article's first unit, when that is one of the article's first sentences
LEAD_MAX_SENTENCE = 2
#: what two outlets' leads gain when they tell of the same weekday. A lead states the story's main event
#: (the inverted pyramid), and outlets word it their own way ("declared an uphill candidacy" / "announced
#: he's running"), so word overlap alone leaves most same-claim leads apart. Measured on 80 hand-labelled
#: lead pairs of BASIL triplets 0-29 (27 the same claim): same weekday and similarity >= 0.2 held 11 same-
#: claim pairs and 3 others; different weekdays held none of the same claim, no weekday 6 and 11.
LEAD_DAY_BONUS = 0.2
_WEEKDAY_SET = frozenset(WEEKDAYS)


#: articles published further apart than this may mean two different Tuesdays
LEAD_DAY_SPAN = 3


def _weekday(word: str) -> str | None:
    """The weekday a word names, also with two letters swapped ("Wednedsay", as printed in a lead)."""
    w = fold(word)
    if w in _WEEKDAY_SET:
        return w
    if len(w) >= 6 and w[0].isalpha() and word[:1].isupper():
        return next((d for d in WEEKDAYS if len(d) == len(w) and d[:2] == w[:2] and sorted(d) == sorted(w)), None)
    return None


def _lead_day_bonus(units: list[Unit], sim: np.ndarray, published: list[str | None], threshold: float) -> None:
    """Raise, in place, the similarity of two articles' leads whose event is on the same weekday (the same
    day's event: "Congress on Wednesday rejected ..." / "the Senate voted Wednesday to ..."), unless the
    articles were published too far apart for it to be one day. One of the two leads must be tied by its
    words to no other article's lead: leads already aligned keep the group the words make, so that a lead
    whose own claim is another ("Two Nordvik citizens were among the passengers taken off after fire broke
    out on Monday") is not drawn into the group of the event it mentions."""
    firsts: list[tuple[int, str | None]] = []  # (unit, weekday) of each article's lead
    seen: set[int] = set()
    for k, u in enumerate(units):
        if u.article in seen:
            continue
        seen.add(u.article)
        if u.sentence <= LEAD_MAX_SENTENCE:
            # the first day a lead names is its event's ("declared on Wednesday that he would not step
            # down ... that had prompted him to hint on Tuesday"); a later one is background
            firsts.append((k, next((d for d in (_weekday(x) for x in words(u.text)) if d), None)))
    # (unit, weekday, whether the words tie it to no other article's lead)
    leads = [(i, d, not any(sim[i, j] >= threshold for j, _d in firsts if j != i)) for i, d in firsts if d]

    def near(a: int, b: int) -> bool:
        da, db = (iso_date(published[k]) if 0 <= k < len(published) else None for k in (a, b))
        return da is None or db is None or abs((da - db).days) <= LEAD_DAY_SPAN

    for x, (i, di, alone_i) in enumerate(leads):
        for j, dj, alone_j in leads[x + 1:]:
            if di == dj and (alone_i or alone_j) and near(units[i].article, units[j].article):
                sim[i, j] += LEAD_DAY_BONUS
                sim[j, i] += LEAD_DAY_BONUS


def _incidence(sets: list[set[str]]) -> np.ndarray:
    vocab = {x: i for i, x in enumerate(sorted({x for s in sets for x in s}))}
    mat = np.zeros((len(sets), max(1, len(vocab))), dtype=np.float32)
    for r, s in enumerate(sets):
        for x in s:
            mat[r, vocab[x]] = 1.0
    return mat


def _embed(texts: list[str], model_path: str) -> np.ndarray | None:
    """Sentence embeddings from a local model; None (and a log line) when that is not possible."""
    try:
        from sentence_transformers import SentenceTransformer  # optional dependency
    except ImportError:
        log.warning("embedding_model is set but sentence-transformers is not installed; lexical only")
        return None
    try:
        model = SentenceTransformer(model_path, local_files_only=True)
        vecs = model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    except Exception as exc:  # noqa: BLE001 - any failure of an optional model falls back to lexical
        log.warning("cannot use embedding model %s: %s", model_path, exc)
        return None
    return np.asarray(vecs, dtype=np.float32)


#: content words of a quotation below which its wording says too little to tell it from another
MIN_QUOTED_CONTENT = 2
_NAME_WORD = re.compile(r"(?<![.!?\"“‘'(]\s)(?<!^)\b[A-Z][\w'’-]*")


@lru_cache(maxsize=16384)
def _quoted_content(sentence: str) -> frozenset[str]:
    """Stems of the content words a sentence quotes, less names (capitalised inside the sentence): the
    wording of what was said, not who or where it is about."""
    names = {fold(m.group(0)).replace("’", "'") for m in _NAME_WORD.finditer(sentence.strip())}
    return frozenset(stem(w) for w in quoted_words(sentence) if w not in STOPWORDS and w not in names
                     and not w.isdigit() and len(w) > 2)


@lru_cache(maxsize=16384)
def _stem_set(sentence: str) -> frozenset[str]:
    return frozenset(content_stems(sentence))


def different_utterances(a: str, b: str) -> bool:
    """Whether two sentences quote two different utterances: each quotes at least two content words,
    and fewer than a third of the smaller set are shared ("I am now ready to fight for the people of
    the United States" / "I am not running for president of the United States as surrogate for being
    elected prom king"), and neither repeats half of the other's quotation in its own words. One speaker
    or one country named in both does not make two things said one fact; the same utterance, however
    each outlet cuts or transcribes it, shares its words."""
    qa, qb = _quoted_content(a), _quoted_content(b)
    if len(qa) < MIN_QUOTED_CONTENT or len(qb) < MIN_QUOTED_CONTENT:
        return False
    if 3 * len(qa & qb) >= min(len(qa), len(qb)):
        return False
    # one outlet may quote what the other says in its own words ("'Clearly, this didn't turn out the
    # way we wanted,' Ryan said" / "Ryan told reporters the race didn't turn out as he wanted but he
    # thinks he did 'a pretty good job'"): half of a quotation's words in the other sentence is one fact
    sa, sb = _stem_set(a), _stem_set(b)
    return 2 * len(qa & sb) < len(qa) and 2 * len(qb & sa) < len(qb)


def quote_the_same(a: str, b: str) -> bool:
    """Whether two sentences quote the same words (two content words, or all of a shorter quotation):
    one utterance, whoever each sentence opens with ("Bloomberg also charged that Trump had 'left
    behind ...'" / "'Throughout his career, Trump has left behind ...'")."""
    qa, qb = _quoted_content(a), _quoted_content(b)
    shared = len(qa & qb)
    return shared >= 2 or (shared >= 1 and shared == min(len(qa), len(qb)))


def align_statements(units: list[Unit], sim: np.ndarray, *, threshold: float,
                     apart: Callable[[int, int], bool] | None = None) -> list[Group]:
    """Average-link groups of units, at most one unit per article in a group. ``apart(i, j)``: units
    that must not share a group however alike their words (two utterances, two acts)."""
    n = len(units)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    arts: dict[int, set[int]] = {i: {units[i].article} for i in range(n)}
    pairs = []
    if n:
        iu, ju = np.triu_indices(n, k=1)
        vals = sim[iu, ju]
        keep = vals >= threshold
        for i, j, s in zip(iu[keep], ju[keep], vals[keep], strict=True):
            if units[i].article != units[j].article:
                pairs.append((float(s), int(i), int(j)))
    pairs.sort(reverse=True)
    for _s, i, j in pairs:
        a, b = owner[i], owner[j]
        if a == b or arts[a] & arts[b]:
            continue
        link = float(sim[np.ix_(members[a], members[b])].mean())
        if link < threshold:
            continue
        if apart is not None and any(apart(x, y) for x in members[a] for y in members[b]):
            continue
        keep_id, drop = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        members[keep_id].extend(members[drop])
        arts[keep_id] |= arts[drop]
        for m in members[drop]:
            owner[m] = keep_id
        del members[drop], arts[drop]
    groups = []
    for idx in members.values():
        idx.sort(key=lambda k: (units[k].article, units[k].sentence))
        coh = float(sim[np.ix_(idx, idx)].mean()) if len(idx) > 1 else 1.0
        groups.append(Group(units=[units[k] for k in idx], cohesion=coh, extra={"idx": idx}))
    return groups


def representative(group: Group, sim: np.ndarray) -> Unit:
    """The member closest to all others (then the shorter): the sentence that stands for the group."""
    idx = group.extra.get("idx") or []
    if len(group.units) == 1 or not idx:
        return group.units[0]
    scores = sim[np.ix_(idx, idx)].sum(axis=1)
    best = max(range(len(idx)), key=lambda k: (round(float(scores[k]), 3), -len(group.units[k].text)))
    return group.units[best]
