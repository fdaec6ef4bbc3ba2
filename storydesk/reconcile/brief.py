"""The cross-source brief of one story: the reconcile steps put together.

:func:`build_brief` is pure (records in, a ``Brief`` out; the corpus database calls it);
:func:`brief` accepts paths or records and runs extraction, story selection (group/pick.py), annotation
and deduplication first.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import EmptyInputError
from ..options import BriefOptions, Options
from ..records import AnnotatedArticle, Article, DuplicateGroup
from ..records.brief import ArticleRef, Brief, StatementGroup, StoryInfo
from .common import ArticleView, content_stems, fold, norm_outlet
from .contradictions import ValueFinder, find_contradictions, name_spellings, other_actors, to_records
from .entities import reconcile_entities
from .events import main_event
from .sources import (
    analyse_sources,
    count_independent,
    find_copies,
    one_speaker,
)
from .statements import (
    Group,
    Unit,
    align_statements,
    build_units,
    different_utterances,
    quote_the_same,
    representative,
    similarity_matrix,
)
from .summary import opens_with_reference, summarise

if TYPE_CHECKING:
    from ..group.pick import StorySelection

log = logging.getLogger(__name__)

__all__ = ["brief", "brief_selection", "build_brief"]


def _brief_options(options: Options | BriefOptions | None) -> BriefOptions:
    if isinstance(options, BriefOptions):
        return options
    if isinstance(options, Options):
        return options.brief
    return BriefOptions()


def build_brief(annotated: list[AnnotatedArticle], *, options: Options | BriefOptions | None = None,
                duplicates: list[DuplicateGroup] | None = None) -> Brief:
    """The brief of the story these annotated articles tell (no I/O).

    ``duplicates`` are the syndicated-copy groups among the articles (from the grouping stage); when
    None they are looked for here by shingle containment.
    """
    opts = _brief_options(options)
    warnings: list[str] = []
    seen: dict[str, AnnotatedArticle] = {}
    unique: list[AnnotatedArticle] = []
    exact_copies: list[DuplicateGroup] = []
    for aa in annotated:
        first = seen.get(aa.article.id)
        if first is None:
            seen[aa.article.id] = aa
            unique.append(aa)
            continue
        if (first.article.outlet, first.article.source) == (aa.article.outlet, aa.article.source):
            warnings.append(f"article {aa.article.id} given twice; counted once")
            continue
        # the same text from another outlet (content ids coincide): a syndicated copy, kept under an id
        # of its own so that the brief can show who carried it
        n = 2
        while f"{aa.article.id}-{n}" in seen:
            n += 1
        new_id = f"{aa.article.id}-{n}"
        copy = aa.model_copy(update={"article": aa.article.model_copy(update={"id": new_id})})
        seen[new_id] = copy
        unique.append(copy)
        exact_copies.append(DuplicateGroup(canonical_id=aa.article.id, copies=[new_id],
                                           outlets=[aa.article.outlet or ""], similarity={new_id: 1.0}))
    if len(unique) > opts.max_articles:
        warnings.append(f"{len(unique)} articles: only the first {opts.max_articles} are briefed")
        unique = unique[: opts.max_articles]
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(unique)]
    if duplicates is None:
        duplicates = find_copies(views, threshold=opts.copy_threshold)
    else:
        copied = {c for g in duplicates for c in g.copies}
        duplicates = list(duplicates) + [g for g in find_copies(views, threshold=opts.copy_threshold)
                                         if not set(g.copies) <= copied]
    duplicates = _merge_duplicates(list(duplicates) + exact_copies)

    entities = reconcile_entities(views)
    sources = analyse_sources(views, entities, duplicates)
    for ent in entities.entities:
        ent.news_outlet = ent.id in sources.outlet_entities
    units = build_units(views, entities)
    sim = similarity_matrix(units, embedding_model=opts.embedding_model,
                            published=[v.aa.article.published for v in views],
                            threshold=opts.min_statement_similarity)
    apart_cache: dict[tuple[int, int], bool] = {}
    actors: dict = {}

    def apart(i: int, j: int) -> bool:
        # two different utterances quoted, or two actors doing two things ("Trump tweeted Tuesday that
        # ..." / "On Wednesday, Mr. Fox expressed disbelief ..."): not one fact however alike the words
        key = (min(i, j), max(i, j))
        if key not in apart_cache:
            a, b = units[i].text, units[j].text
            apart_cache[key] = different_utterances(a, b) or (
                other_actors(units[i], units[j], views, entities, actors) and not quote_the_same(a, b))
        return apart_cache[key]

    groups = align_statements(units, sim, threshold=opts.min_statement_similarity, apart=apart)
    values = ValueFinder(views)
    try:
        findings = find_contradictions(groups, views, entities, values)
    except (ValueError, TypeError, IndexError, KeyError, ZeroDivisionError) as exc:
        # annotations from another pipeline version can carry values this step does not expect: the
        # brief goes on without contradictions rather than failing as a whole
        log.exception("contradiction detection failed")
        warnings.append(f"contradiction detection skipped: {type(exc).__name__}: {exc}")
        findings = []

    # statement records
    records: list[StatementGroup] = []
    group_ids: dict[int, str] = {}
    lead_sum: dict[str, float] = {}
    where = {(u.article, u.sentence): gi for gi, g in enumerate(groups) for u in g.units}
    disputed_groups = {f.group for f in findings if not f.compatible and f.group is not None}
    for f in findings:
        if f.compatible:
            continue
        for u in (f.a[0], f.b[0]):
            gi = where.get((u.article, u.sentence))
            # a denial disputes both statements; a story-wide conflict (an age, a count) disputes a
            # statement only one article makes, not a fact several carry with a detail in question
            if gi is not None and (f.kind == "status" or len({x.article for x in groups[gi].units}) == 1):
                disputed_groups.add(gi)
    # story-wide findings (an age, a count) are about a detail of a statement, not the statement
    # itself: they do not mark its group disputed, but the contradiction names the group
    for f in findings:
        if f.group is None and (f.a[0].article, f.a[0].sentence) in where:
            f.group = where[(f.a[0].article, f.a[0].sentence)]
    order = sorted(range(len(groups)), key=lambda gi: (-len({u.article for u in groups[gi].units}),
                                                       min((u.article, u.sentence) for u in groups[gi].units)))
    for n, gi in enumerate(order, start=1):
        g = groups[gi]
        rep = representative(g, sim)
        if views[rep.article].canonical:
            # a syndicated copy speaks for its original: cite the original's sentence when it is here
            rep = next((u for u in g.units if views[u.article].id == views[rep.article].canonical), rep)
        else:
            # an article that rests on another outlet of the group ("according to CPA") yields to that
            # outlet's own wording
            base = sources.article_base.get(rep.article, set())
            rep = next((u for u in g.units if views[u.article].outlet != views[rep.article].outlet
                        and not views[u.article].canonical
                        and f"src:outlet:{norm_outlet(views[u.article].outlet)}" in base), rep)
        if opens_with_reference(rep.text):
            rep = _standing_alone(g, rep, sim)
        members = [rep] + [u for u in g.units if u is not rep]
        origin_sets = [sources.sentence_origins(views[u.article], u.sentence) for u in members]
        if len({u.article for u in members}) >= 2:
            texts = [u.text for u in members]
            origin_sets = one_speaker(sources, origin_sets, texts)
        n_indep, comps = count_independent(origin_sets)
        cited = set().union(*(sources.cited.get((u.article, u.sentence), ()) for u in members))
        originals = [sources.describe(comp, origin_sets, cited) for comp in comps]
        hedged_in = [views[u.article].id for u in members if u.status in {"hedged", "denied"}]
        # a denial is the stronger doubt: "He denied that the crew had been slow" is shown as denied
        doubt = "denied" if any(u.status == "denied" for u in members) else "hedged"
        arts = list(dict.fromkeys(views[u.article].id for u in members))
        outlets = list(dict.fromkeys(views[u.article].outlet for u in members))
        if gi in disputed_groups:
            status = "disputed"
        elif len(hedged_in) == len(members):
            status = doubt
        elif n_indep >= 2:
            status = "corroborated"
        elif hedged_in:
            status = doubt
        else:
            status = "single-source"
        ents: Counter = Counter()
        for u in members:
            ents.update(u.entities)
        lead = sum(1.0 / (1 + u.sentence) for u in members)  # in the lead of many articles: the main event
        lead_sum[f"s{n}"] = lead
        score = 2.0 * n_indep + len(arts) + 3.0 * lead + 0.2 * min(len(ents), 5)
        sid = f"s{n}"
        group_ids[gi] = sid
        records.append(StatementGroup(
            id=sid, text=rep.text,
            citations=[views[u.article].cite(u.sentence) for u in members],
            articles=arts, outlets=outlets, independent_sources=n_indep,
            original_sources=originals, status=status, hedged_in=hedged_in,
            entities=sorted(ents, key=lambda e: (-ents[e], int(e[1:]) if e[1:].isdigit() else 0)),
            score=round(score, 3)))
    # number the statements in the order a reader meets them (most weight first): "s1" is the top one
    records.sort(key=lambda r: -r.score)  # stable: equal scores keep the order above
    renum = {r.id: f"s{n}" for n, r in enumerate(records, start=1)}
    for r in records:
        r.id = renum[r.id]
    group_ids = {gi: renum[sid] for gi, sid in group_ids.items()}
    lead_sum = {renum[sid]: v for sid, v in lead_sum.items()}
    contradictions, details = to_records(findings, views, group_ids)
    for c in name_spellings(views, entities):
        # a transliteration (Dmitri/Dmitry) is a difference in detail; another spelling is a conflict
        (details if "transliterations" in c.note else contradictions).append(c)

    # what only one outlet reports
    # (a syndicated copy repeats its original: the statement is still the original outlet's alone)
    family = {v.id: (v.canonical or v.id) for v in views}
    outlet_of = {v.id: v.outlet for v in views}
    single: dict[str, list[str]] = {}
    for rec in records:
        fams = {family[a] for a in rec.articles}
        if len(rec.outlets) == 1:
            single.setdefault(rec.outlets[0], []).append(rec.id)
        elif len(fams) == 1:
            single.setdefault(outlet_of[next(iter(fams))], []).append(rec.id)

    # the main event: what the leads of most articles say (then the higher score)
    lead_of = {r.id: lead_sum.get(r.id, 0.0) for r in records}
    multi = [r for r in records if len(r.articles) >= 2] or records
    main_id = max(multi, key=lambda r: (3 * lead_of[r.id] + r.independent_sources, r.score)).id if multi else None
    summary = summarise(records, n=opts.summary_sentences, main=main_id, contradictions=contradictions)
    ranked_ids = [s.statement for s in summary if s.statement] + [
        r.id for r in sorted(records, key=lambda r: -r.score)]
    five_w = main_event(records, list(dict.fromkeys(ranked_ids)), entities, views, values)

    story = _story_info(views, duplicates)
    # an outlet of the story is listed as it names itself ("The Meridian Herald"), as in the articles list,
    # not as the NER cut it ("Meridian Herald"); the form found stays among the variants
    own_names = {norm_outlet(v.outlet): v.outlet for v in views if v.outlet}
    for ent in entities.entities:
        own = own_names.get(norm_outlet(ent.name))
        if ent.news_outlet and own and fold(own) != fold(ent.name) and \
                fold(re.sub(r"^the\s+", "", own, flags=re.IGNORECASE)) == fold(ent.name):
            ent.name = own
    if len(views) == 1:
        warnings.append("only one article: nothing to compare across sources")
    return Brief(story=story, entities=entities.entities, source_nodes=sources.nodes,
                 source_edges=sources.edges, dependencies=sources.dependencies, statements=records,
                 contradictions=contradictions, differences_in_detail=details, single_outlet=single,
                 summary=summary, main_event=five_w, warnings=warnings)


#: how alike another member's wording must be to the chosen sentence to stand in for it
STAND_IN_SIMILARITY = 0.5


def _standing_alone(g: Group, rep: Unit, sim: np.ndarray) -> Unit:
    """The member to show for a group whose chosen sentence leans on the one before it ("Its captain,
    Dmitri Sarkanov, ..."): the statement stands alone in the brief and the summary, so another outlet's
    wording that names who it is about speaks for the group, the closest to the chosen one. Only a
    close one will do: a member barely aligned may tell another fact ("He pleaded guilty before Judge
    X" / "The couple appeared separately before Judge X ..."), and the group then keeps its wording
    (the summary leaves such a sentence out)."""
    idx = g.extra.get("idx") or []
    if not idx or rep not in g.units:
        return rep
    at = g.units.index(rep)
    close = [k for k, u in enumerate(g.units) if k != at and not opens_with_reference(u.text)
             and sim[idx[at], idx[k]] >= STAND_IN_SIMILARITY]
    if not close:
        return rep
    return g.units[max(close, key=lambda k: (round(float(sim[idx[at], idx[k]]), 3), -len(g.units[k].text)))]


def _merge_duplicates(groups: list[DuplicateGroup]) -> list[DuplicateGroup]:
    """One group per canonical article, each copy in one group only."""
    canon_of: dict[str, str] = {}
    for g in groups:
        root = canon_of.get(g.canonical_id, g.canonical_id)
        for c in g.copies:
            if c != root and c not in canon_of:
                canon_of[c] = root
    out: dict[str, DuplicateGroup] = {}
    sims = {c: s for g in groups for c, s in g.similarity.items()}
    outl = {c: o for g in groups for c, o in zip(g.copies, g.outlets, strict=False)}
    for c, root in canon_of.items():
        g = out.setdefault(root, DuplicateGroup(canonical_id=root))
        g.copies.append(c)
        g.outlets.append(outl.get(c, ""))
        if c in sims:
            g.similarity[c] = sims[c]
    return list(out.values())


def _story_info(views: list[ArticleView], duplicates: list[DuplicateGroup]) -> StoryInfo:
    refs = [ArticleRef(id=v.id, outlet=v.outlet, title=v.aa.article.title, byline=v.aa.article.byline
                       or (", ".join(v.aa.article.authors) or None), published=v.aa.article.published,
                       url=v.aa.article.url, source=v.aa.article.source, language=v.aa.article.language,
                       copy_of=v.canonical, sentences=v.sentences) for v in views]
    outlets = list(dict.fromkeys(v.outlet for v in views))
    dates = sorted(v.aa.article.published for v in views if v.aa.article.published)
    langs = sorted({v.aa.article.language for v in views if v.aa.article.language})
    return StoryInfo(headline=_headline(views), articles=refs, outlets=outlets,
                     first_published=dates[0] if dates else None, last_published=dates[-1] if dates else None,
                     languages=langs)


def _headline(views: list[ArticleView]) -> str:
    """The title that shares most words with the other titles (then the earliest)."""
    titled = [v for v in views if v.aa.article.title and not v.canonical]
    if not titled:
        first = views[0].sentences[0] if views and views[0].sentences else "Untitled story"
        return first[:120]
    stems = [set(content_stems(v.aa.article.title or "")) for v in titled]

    def centrality(i: int) -> float:
        return sum(len(stems[i] & stems[j]) / (len(stems[i] | stems[j]) or 1)
                   for j in range(len(titled)) if j != i)

    best = max(range(len(titled)), key=lambda i: (round(centrality(i), 3),
                                                  -(ord(fold(titled[i].aa.article.published or "z")[0]))))
    return re.sub(r"\s+", " ", titled[best].aa.article.title or "").strip()


def brief(items: str | Path | Article | AnnotatedArticle | Iterable[str | Path | Article | AnnotatedArticle], *,
          options: Options | None = None, pick: int | None = None) -> Brief:
    """The brief of one story from paths (anything ``extract`` reads), Articles or AnnotatedArticles.

    With ``pick=None`` everything given is one story. With ``pick=N`` the articles are split into
    stories first and the N-th largest is briefed (what ``storydesk brief PATHS`` does); the brief's
    warnings then say how many stories there were.
    """
    from ..group.pick import select_story

    opts = options or Options.default()
    return brief_selection(select_story(items, opts, pick=pick), opts)


def brief_selection(selection: StorySelection, options: Options | None = None) -> Brief:
    """The brief of the articles :func:`~storydesk.group.pick.select_story` chose (annotating those
    not annotated yet); its warnings and bad sources go into the brief's warnings."""
    opts = options or Options.default()
    articles = [it for it in selection.items if isinstance(it, Article)]
    annotated = [it for it in selection.items if isinstance(it, AnnotatedArticle)]
    if articles:
        from ..nlp.annotate import annotate

        annotated.extend(annotate(articles, options=opts))
    if not annotated:
        raise EmptyInputError("no article to brief")
    duplicates = _find_duplicates(annotated, opts)
    result = build_brief(annotated, options=opts, duplicates=duplicates)
    result.warnings.extend(selection.warnings())
    return result


def _find_duplicates(annotated: list[AnnotatedArticle], opts: Options) -> list[DuplicateGroup] | None:
    """Syndicated copies via the grouping stage's MinHash index; None lets build_brief look itself."""
    try:
        from ..group.dedup import find_duplicates
    except ImportError:  # the grouping stage is optional here
        return None
    ordered = sorted((aa.article for aa in annotated), key=lambda a: (a.published or "9999", a.id))
    matches = find_duplicates(ordered, opts.group)
    outlet = {aa.article.id: aa.article.outlet or "" for aa in annotated}
    groups: dict[str, DuplicateGroup] = {}
    for copy_id, m in matches.items():
        g = groups.setdefault(m.canonical_id, DuplicateGroup(canonical_id=m.canonical_id))
        g.copies.append(copy_id)
        g.outlets.append(outlet.get(copy_id, ""))
        g.similarity[copy_id] = round(m.similarity, 3)
    found = list(groups.values())
    # MinHash at the corpus threshold misses shortened wire copies; the containment check catches them
    views = [ArticleView(index=i, aa=aa) for i, aa in enumerate(annotated)]
    extra = find_copies(views, threshold=opts.brief.copy_threshold)
    covered = {c for g in found for c in g.copies}
    for g in extra:
        rest = [c for c in g.copies if c not in covered and c != g.canonical_id]
        if rest and g.canonical_id not in covered:
            found.append(DuplicateGroup(canonical_id=g.canonical_id, copies=rest,
                                        outlets=[outlet.get(c, "") for c in rest],
                                        similarity={c: g.similarity.get(c, 0.0) for c in rest}))
    return found
