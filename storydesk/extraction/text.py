"""storydesk's plain-text cleaner: scraped text (no markup left) -> title, byline, date, clean paragraphs.

There is no library for this: HTML extractors (trafilatura, readability, boilerpipe) rely on the DOM,
and once a scraper has flattened a page to one block per line, only the text itself is left. The
cleaner therefore judges each block by what the text still tells:

1. *shape*: prose (a long block that ends like a sentence) versus menu items, headings and buttons;
2. *position*: the body is the densest run of prose, found as the maximum-scoring contiguous run of
   blocks (the idea of Finn, Kushmerick & Smyth's Body Text Extraction, 2001, applied to lines);
3. *topic*: the article's own vocabulary and names; a block sharing almost none of them with the rest of
   the body is a teaser for another story even when no heading announces it;
4. *truncation*: teasers are cut off mid-sentence ("…") or mid-word ("the new bu");
5. *cue phrases* for the blocks every page carries (cookie and newsletter prompts, share buttons,
   "Most Popular"/"Related" headings, comment sections, captions and credits). Phrases alone would
   miss unannounced teasers and cut article sentences that happen to say "share" or "comments", so a
   phrase only counts in a short block, and a heading only opens a teaser list that the following
   blocks' shape and topic must confirm;
6. *structure and repetition*: a comment thread shows itself by its furniture ("Reply", "2 hours
   ago") even without a heading; three or more one-word lines in a row inside the body are tags or
   links; a short line that recurs on the page is a menu; a second copy of a paragraph is a pull quote.

On whole scraped pages (20+ blocks) a learned model (``text_model.py``: 150 gradient-boosted trees
over the features above, the rules' own verdicts and reasons, the neighbouring blocks' values, each
block's values against the rest of its page, and its vocabulary scored by a word lexicon learnt with
the trees: boilerplate written as prose shares its words across sites) then has the last word on
every block but the header lines (title, byline, date): it drops a block the rules kept below
P(content) 0.5 minus the model's margin (0.1 shipped) and restores a dropped one from 0.5; a block it
drops is listed with the rules' reason, or "off-topic"/"boilerplate" when the rules had kept it. It
learnt from pages flattened as a scraper does, labelled by trafilatura's choices on the HTML of the
same pages and, where a page has them, by the trafilatura benchmark's hand-picked must/must-not
snippets (``training/text_cleaner.py``; figures cross-validated by site in BENCHMARKS.md).

The same block classifier, in a gentler mode (rules only), tidies the paragraphs trafilatura finds in
HTML.

The rules were developed on hand-written fixtures (tests/fixtures/extract/), never fitted to benchmark
answers (see BENCHMARKS.md, extraction section for how the benchmark was used).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..records import RemovedBlock
from .metadata import normalize_date, split_authors
from .text_model import TextModel, load_model

__all__ = ["Block", "CleanResult", "clean_paragraphs", "clean_text", "split_blocks"]

_TERMINAL = ".!?:;\"”’'»)]…。！？"
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)

# Function words of the languages storydesk meets most; they carry no topic.
_STOP = set(
    """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours out over own said same says she should so some such
than that the their theirs them then there these they this those through to too under until up upon very
was we were what when where which while who whom why will with would you your yours new one two also
like get got told year years time mr mrs ms dr per via monday tuesday wednesday thursday friday saturday
sunday january february march april june july august september october november december today yesterday
tomorrow week month last next first second three four five six seven eight nine ten many much
der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an er sie wie
aus bei nach noch um hat wird sind war werden zum zur oder aber vor nur wenn man über so kann
le la les de des et en un une du est que pour dans qui sur pas par au avec il elle ce se ne plus sont
el los las del que y en por un para con una su al es lo como más pero sus le ya o este ha
il di che e per non una sono della si al da gli nel alla
""".split()
)

_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "cookie-prompt",
        re.compile(
            r"\bcookies?\b.*\b(use|uses|using|accept|consent|browsing|browse|experience|settings|policy|"
            r"preferences|agree)\b|\b(use|uses|accept|allow|consent to|agree to) (the )?(use of )?cookies?\b|"
            r"^(accept|reject|allow|decline) (all|cookies)\b|manage (your )?(cookie )?(preferences|choices)",
            re.IGNORECASE,
        ),
    ),
    (
        "newsletter-prompt",
        re.compile(
            r"\bnewsletters?\b|\bsign(ing)? up\b|\bsubscribe\b|\bsubscription\b|\binbox\b|unsubscribe|"
            r"get (our|the) (daily|weekly|morning|evening)|delivered to (you|your)|\bregister now\b|"
            r"create (an|a free) account|enter your e-?mail|your e-?mail address|\babonn|\banmelden\b",
            re.IGNORECASE,
        ),
    ),
    (
        "share-buttons",
        re.compile(
            r"^(share|tweet|pin it|email|print|copy link|whatsapp|facebook|twitter|linkedin|reddit|"
            r"teilen|partager|compartir|condividi)\b|"
            r"\bshare (this|on|via|the)\b|\b(facebook|twitter|whatsapp|linkedin|pinterest|telegram)\b.*"
            r"\b(facebook|twitter|whatsapp|linkedin|pinterest|telegram|email|x)\b|\bfollow us\b",
            re.IGNORECASE,
        ),
    ),
    (
        "comments",
        re.compile(
            # a standalone "Comments"/"12 Comments" heading; a bare "Comment" or "Kommentar" labels an
            # opinion piece, not a thread
            r"^(\d+\s+)?(comments|replies|kommentare|commentaires|comentarios|commenti)(\s*\(\d+\))?:?$|"
            r"^\d+\s+(comments?|replies|kommentare?|commentaires?|comentarios?|commenti)\b|"
            r"^(comments?|kommentare?)\s*\(\d+\)|"
            r"\bleave a (comment|reply)\b|\bjoin the (conversation|discussion)\b|"
            r"\bcomments? (are|is) closed\b|"
            r"\b(log|sign) in to (comment|reply)\b|\b(show|view|add|post|load) (\d+ )?comments?\b|"
            r"\bcomment policy\b|\bwhat do you think\?",
            re.IGNORECASE,
        ),
    ),
    (
        "teaser-heading",
        re.compile(
            r"^(most (popular|read|viewed|shared|watched)|related( (articles?|stories|coverage|content|news|"
            r"links|posts|topics|reading))?|read (more|next|also)|more (from|on|in|stories|news|like this)\b|"
            r"recommended( for you| stories| reading)?|you (may|might) (also )?like|trending( now)?|"
            r"latest( news| stories| headlines)?|top stories|also read|see also|don'?t miss|editor'?s picks|"
            r"popular (now|today)|what to read next|further reading|in other news|around the web|"
            r"weitere (artikel|nachrichten|themen)|mehr zum thema|lesen sie auch|à lire aussi|"
            r"lire aussi|sur le même sujet|te puede interesar|leer más|leggi anche)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"^(advertisement|advertising|sponsored( content)?|ad choices|promoted( stories)?|anzeige|"
            r"publicité|publicidad|pubblicità)\b|\bstory continues below\b|\bcontinue reading below\b",
            re.IGNORECASE,
        ),
    ),
    (
        "footer",
        re.compile(
            r"©|\bcopyright\b|all rights reserved|terms (of|and) (use|service|conditions)|\bcontact us\b|"
            r"\babout us\b|\bsitemap\b|\baccessibility\b|\bimprint\b|\bimpressum\b|mentions légales|"
            r"\bcareers\b|\badvertise with us\b|\bwork (for|with) us\b",
            re.IGNORECASE,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"^(home|menu|search|skip to (main )?content|sign in|log ?in|log ?out|register|my account|"
            r"subscribe|back to top|next|previous|more|close|open|toggle navigation|main menu|"
            r"startseite|suche|accueil|rechercher|inicio|buscar|privacy( policy)?|datenschutz(erklärung)?|"
            r"cookie (settings|policy|preferences))$",
            re.IGNORECASE,
        ),
    ),
    (
        "reading-time",
        re.compile(
            r"^\d+\s*(-| )?(min(ute)?s?|minutes?)\.?\s*(read|reading|lesezeit|de lecture)?$|"
            r"\blisten to (this|the) (article|story)\b|\breading time\b|\blesezeit\b|\baudio version\b",
            re.IGNORECASE,
        ),
    ),
]
_CUE_MAX_WORDS = {
    "cookie-prompt": 80,
    "newsletter-prompt": 40,
    "share-buttons": 14,
    "comments": 14,
    "teaser-heading": 8,
    "advertisement": 6,
    "footer": 25,
    "navigation": 4,
    "reading-time": 10,
}

_CAPTION = re.compile(
    r"^(photo|photos|image|images|picture|pictured|video|graphic|illustration|file photo|"
    r"foto|bild|photo ?credit|credit|source|caption)\s*(by\b|:|/|\||-|–)|"
    r"\((photo|image|picture|video|credit|file)s?\b[^)]{0,80}\)\s*$|"
    r"\bscreenshot\s*/\s*video\b|^screenshot\b|\b(getty images|ap photo|afp photo|reuters/|afp via getty|"
    r"shutterstock|istock|photo courtesy|courtesy of|file photo)\b|"
    r"(/|\|)\s*(reuters|ap|afp|getty|epa|dpa|ansa|efe)\s*$",
    re.IGNORECASE,
)
# the furniture of a comment thread: "Reply", "18 likes", "2 hours ago", "April 13, 2025 at 9:12 am"
_COMMENT_META = re.compile(
    r"^((reply|antworten|répondre|responder|rispondi)(\s*[·|(•].{0,20})?|"
    r"\d+\s+(likes?|replies|upvotes?|points?)|"
    r"(\d+|an?|one)\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(vor\s+\d+\s+(minuten|stunden|tagen))|(il y a\s+\d+\s+(minutes?|heures?|jours?))|"
    r".{0,40}\b(at|um|à)\s+\d{1,2}[:.]\d{2}\s*(am|pm|uhr|h)?)$",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^(published|updated|posted|last updated|veröffentlicht|aktualisiert|publié|mis à jour|"
    r"publicado|actualizado|pubblicato)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\(?\s*((additional )?(reporting|writing|editing|compiled|research) by\b|"
    r"(additional )?reporting (from|contributed)\b)[^.!?]{0,200}\)?\.?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|von|par|por|di|door|text:|author:)\s+"
    r"[A-ZÀ-Þ][\w.'’-]+",
    re.UNICODE,
)
# The byline's lead word ("By", "Text:"), dropped from the stored byline as the HTML path's metadata does.
_BYLINE_CUE = re.compile(r"^\s*(?i:by|written by|words by|von|par|por|di|door|text:|author:)\s+", re.UNICODE)
_MONTHS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
)
_DATE_LINE = re.compile(
    r"^((published|updated|posted|last updated|first published|date|veröffentlicht|aktualisiert|publié|"
    r"mis à jour|publicado|actualizado)\b.{0,6}|\w+day,?\s+)?"
    r"(\d{1,2}(st|nd|rd|th)?\.?\s+"
    + _MONTHS
    + r"\.?,?\s+\d{4}|"
    + _MONTHS
    + r"\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^((?:[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+)(?:[ -][A-ZÀ-Þ][A-ZÀ-Þ.'’-]+){0,4}"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,?\s*" + _MONTHS + r"\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,30}\))?)\s*[-–—:]\s+(?=\S)",
    re.UNICODE | re.IGNORECASE,
)


@dataclass(slots=True)
class Block:
    """One input block (a line or a paragraph) and what the cleaner decided about it."""

    index: int
    text: str
    words: list[str] = field(default_factory=list)
    content: set[str] = field(default_factory=set)  # lowercased content words
    names: set[str] = field(default_factory=set)  # capitalised words not opening a sentence
    cue: str | None = None
    reason: str | None = None  # set when removed
    caption: bool = False  # computed once in _analyse: the rules and the model ask many times
    key: str = ""  # _norm_key(text), for repetition counts

    @property
    def n_words(self) -> int:
        return len(self.words)

    @property
    def ends_sentence(self) -> bool:
        return self.text.rstrip()[-1:] in _TERMINAL

    @property
    def prose(self) -> bool:
        return (self.n_words >= 10 and self.ends_sentence) or self.n_words >= 25


@dataclass(slots=True)
class CleanResult:
    title: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)


def _byline(line: str) -> tuple[str | None, list[str]]:
    """The byline as the HTML path stores it (its page metadata gives the names only: no "By", no
    ", Senior Correspondent") and the author names: ``By A and B, Staff`` -> ``("A and B", ["A", "B"])``.
    A line with no recognisable name ("By Staff") keeps its text without the lead word."""
    rest = _BYLINE_CUE.sub("", line.strip(), count=1)
    authors = split_authors(rest.replace(";", ","))
    if not authors:
        return (rest.strip(" ,;.-–—|") or None), []
    names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    return names, authors


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    # NBSP, zero-width characters and other controls come from copy-pasted pages
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")


def split_blocks(text: str, *, max_blocks: int = 20_000) -> list[str]:
    """Blocks of scraped text: one per line, except that hard-wrapped paragraphs (wire copy, e-mail
    exports) are joined back, so that shape and topic are judged per paragraph."""
    lines = [" ".join(line.split()) for line in _normalise(text).split("\n")]
    filled = [ln for ln in lines if ln]
    if not filled:
        return []
    longest = max(len(ln) for ln in filled)
    wrapped = [ln for ln in filled if len(ln) >= 0.6 * longest]
    hard_wrapped = (
        longest <= 100
        and len(wrapped) >= 5
        and sum(1 for ln in wrapped if ln[-1] not in _TERMINAL) >= 0.4 * len(wrapped)
    )
    blocks: list[str] = []
    if not hard_wrapped:
        blocks = filled
    else:
        current: list[str] = []
        for ln in lines + [""]:
            if ln:
                current.append(ln)
            # a short line ends a paragraph even without a blank line after it
            if current and (not ln or len(ln) < 0.6 * longest):
                blocks.append(" ".join(current))
                current = []
    return blocks[:max_blocks]


def _analyse(index: int, text: str) -> Block:
    b = Block(index=index, text=text)
    b.words = _WORD.findall(text)
    at_start = True
    for w in b.words:
        low = w.lower()
        if len(low) >= 3 and low not in _STOP and not low.isdigit():
            b.content.add(low)
            if w[0].isupper() and not at_start:
                b.names.add(low)
        at_start = False
    # sentence starts inside the block: a capital after ". " is not evidence of a name
    for m in re.finditer(r"[.!?]\s+([^\W\d_]+)", text):
        b.names.discard(m.group(1).lower())
    n = b.n_words
    b.caption = n <= 60 and bool(_CAPTION.search(text))
    b.key = _norm_key(text)
    for reason, pattern in _CUES:
        if n <= _CUE_MAX_WORDS[reason] and pattern.search(text):
            b.cue = reason
            break
    return b


def _caption(b: Block) -> bool:
    return b.caption


def _topic(b: Block, vocab: Counter[str], names: Counter[str]) -> float:
    """How much of the block's vocabulary and names recur elsewhere in the body, in [0, 1].

    ``vocab``/``names`` count blocks, the block itself included when it is part of the body; a word
    found in two other blocks counts fully, in one other block half (a single shared word like "coast"
    is weak evidence, a name the article keeps using is strong).
    """
    if not b.content:
        return 0.0
    in_body = b.prose and not b.cue

    def share(own: set[str], counts: Counter[str]) -> float:
        total = 0.0
        for w in own:
            others = counts[w] - (1 if in_body else 0)
            total += 1.0 if others >= 2 else 0.5 if others == 1 else 0.0
        return total / len(own)

    words = share(b.content, vocab)
    if not b.names:
        return words
    # shared names are strong evidence for a block; a new name alone is not evidence against it
    return max(words, 0.4 * words + 0.6 * share(b.names, names))


def _truncated(b: Block, prefixes: set[str]) -> bool:
    """Cut off mid-sentence ("…", "...") or mid-word (the last word is the start of a body word)."""
    t = b.text.rstrip()
    if t.endswith(("…", "...", "[…]", "[...]")) and b.n_words >= 4:
        return True
    if b.ends_sentence or b.n_words < 6 or not b.words:
        return False
    last = b.words[-1].lower()
    return t.endswith(b.words[-1]) and 1 <= len(last) <= 5 and last in prefixes and last not in _STOP


def _score(b: Block) -> float:
    """Contribution of a block to the body run: prose earns its length, everything else costs.

    A cue block costs more than a menu item, but not so much that one caption or share bar in the
    middle of an article splits it in two: it is removed on its own afterwards.
    """
    if b.cue or _caption(b):
        return -10.0
    if b.prose:
        return float(min(b.n_words, 120))
    if b.n_words >= 6 and b.ends_sentence:
        return 2.0
    return -3.0


def _best_run(scores: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous run (Kadane); (-1, -1, 0) when no block scores above zero."""
    best, best_span = 0.0, (-1, -1)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i)
    return best_span[0], best_span[1], best


def _runs(blocks: list[Block], max_runs: int = 6) -> list[tuple[int, int]]:
    """The best run, then further runs worth at least a quarter of it (an article split by a photo
    gallery or an advertisement block keeps both halves; they must also pass the topic test)."""
    scores = [_score(b) for b in blocks]
    start, end, best = _best_run(scores)
    if start < 0:
        return []
    runs = [(start, end)]
    for _ in range(max_runs - 1):
        masked = list(scores)
        for s0, e0 in runs:
            for i in range(s0, e0 + 1):
                masked[i] = -1e6
        s1, e1, val = _best_run(masked)
        if s1 < 0 or val < max(40.0, 0.25 * best):
            break
        runs.append((s1, e1))
    return sorted(runs)


def _headline_like(b: Block) -> bool:
    return 3 <= b.n_words <= 30 and b.text.rstrip()[-1:] not in ".:;," and not b.cue and not _caption(b)


def _norm_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _body_model(blocks: list[Block], *, prefixes: bool = True) -> tuple[Counter[str], Counter[str], set[str]]:
    vocab: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for b in blocks:
        vocab.update(b.content)
        names.update(b.names)
    starts = {w[:k] for w in vocab for k in range(1, min(len(w), 6))} if prefixes else set()
    return vocab, names, starts


@dataclass(slots=True)
class _Page:
    """The rules' view of a page, handed to the learned model (and to the training script)."""

    blocks: list[Block]
    keep: list[bool]
    in_run: list[bool]
    main: tuple[int, int] | None
    comments_from: int
    vocab: Counter[str]
    names: Counter[str]
    prefixes: set[str]
    result: CleanResult


def _rule_pass(text: str, title_hint: str | None = None) -> _Page:
    """Every block judged by the hand-set rules: ``keep`` and ``Block.reason`` as the rules decide."""
    blocks = [_analyse(i, t) for i, t in enumerate(split_blocks(text))]
    result = CleanResult()
    runs = _runs(blocks) if blocks else []
    if not runs:
        for b in blocks:
            b.reason = b.cue or "not-article"
        return _Page(
            blocks,
            [False] * len(blocks),
            [False] * len(blocks),
            None,
            len(blocks),
            Counter(),
            Counter(),
            set(),
            result,
        )
    # the topic model comes from the strongest run; weaker runs must share its vocabulary
    main = max(runs, key=lambda r: sum(blocks[i].n_words for i in range(r[0], r[1] + 1) if blocks[i].prose))
    core = [b for b in blocks[main[0] : main[1] + 1] if b.prose and not b.cue]
    vocab, names, prefixes = _body_model(core)
    in_run = [False] * len(blocks)
    for s0, e0 in runs:
        prose = [b for b in blocks[s0 : e0 + 1] if b.prose and not b.cue]
        if (s0, e0) != main:
            on_topic = sum(_topic(b, vocab, names) for b in prose) / max(1, len(prose))
            if on_topic < 0.25:
                continue
        for i in range(s0, e0 + 1):
            in_run[i] = True
    start = next(i for i, k in enumerate(in_run) if k)

    # Outside the runs, on-topic prose still belongs to the article (a lede cut off by a photo block,
    # a last paragraph after an inline teaser); a comment heading closes the article for good.
    keep = [False] * len(blocks)
    comments_from = len(blocks)
    prose_seen = 0
    for b in blocks[start:]:
        # "3 Comments" under a blog post's title is a meta line, not the start of the comment section
        if b.cue == "comments" and prose_seen >= 2:
            comments_from = b.index
            break
        prose_seen += in_run[b.index] and b.prose and not b.cue
    comments_from = min(comments_from, _comment_thread(blocks, start))
    runs_at = [i for i, k in enumerate(in_run) if k]
    for b in blocks:
        if b.index >= comments_from:
            b.reason = "comments"
        elif in_run[b.index] or (
            b.prose
            and not b.cue
            and not _caption(b)
            and _topic(b, vocab, names)
            >= (
                # next to the body (a lede above the photo block) the evidence needed is lower
                0.2 if min(abs(b.index - i) for i in runs_at) <= 3 else 0.35
            )
        ):
            keep[b.index] = True
        else:
            b.reason = b.cue or ("caption" if _caption(b) else "outside-article")

    _find_header(blocks, keep, start, vocab, names, result, title_hint)
    _filter_body(blocks, keep, vocab, names, prefixes)
    _name_outside(blocks, vocab, names, prefixes)
    return _Page(blocks, keep, in_run, main, comments_from, vocab, names, prefixes, result)


def clean_text(
    text: str,
    *,
    title_hint: str | None = None,
    max_paragraphs: int = 2000,
    model: TextModel | None | bool = True,
) -> CleanResult:
    """Clean scraped plain text: find title, byline, date and dateline; keep the article's paragraphs;
    list every dropped block with the reason.

    ``model``: True for the packaged learned model (rules alone when it is missing), False for the
    rules alone, or a ``TextModel`` (the training script's cross-validation).
    """
    page = _rule_pass(text, title_hint)
    blocks, keep, result = page.blocks, page.keep, page.result
    if not blocks:
        return result
    learned = load_model() if model is True else (model or None)
    if learned is not None:
        _apply_model(page, learned)
    kept = [b for b in blocks if keep[b.index] and b.reason is None]
    if kept:
        m = _DATELINE.match(kept[0].text)
        if m and len(m.group(1)) <= 60:
            result.dateline = m.group(1).strip()
    result.paragraphs = [b.text for b in kept][:max_paragraphs]
    result.outlet = _copyright_holder(blocks)
    result.removed = _removed(blocks)
    return result


# ---------------------------------------------------------------- the learned model's features

# Reasons that carry metadata out of the body: the model never overrides them.
_HEADER_REASONS = ("title", "repeated-headline", "byline", "date")
_REASON_GROUPS = (
    "comments",
    "outside-article",
    "off-topic",
    "teaser-list",
    "truncated-teaser",
    "navigation",
    "repeated-line",
    "duplicate",
    "caption",
    "credit",
    "not-article",
) + _HEADER_REASONS
# Rules' removals the model may overturn: position only, no positive sign of boilerplate.
_WEAK_REASONS = ("outside-article", "not-article")
# Removals on topical evidence (the unannounced teasers): a model that may overturn every
# verdict needs ``strong_margin`` more confidence to bring these back.
_TOPIC_REASONS = ("off-topic", "teaser-list", "truncated-teaser")
_CUE_NAMES = tuple(name for name, _ in _CUES)
# per-block values whose neighbours' values are features too
_CONTEXT = ("rule_keep", "prose", "log_words", "topic", "menu_like", "cue", "ends_sentence", "in_run")


def _feature_names() -> list[str]:
    names = [
        "log_words",
        "log_chars",
        "ends_sentence",
        "prose",
        "ends_colon",
        "ends_ellipsis",
        "ends_alnum",
        "digit_frac",
        "upper_frac",
        "cap_word_frac",
        "stop_frac",
        "mean_word_len",
        "punct_frac",
        "separators",
        "sentences",
        "topic",
        "caption",
        "menu_like",
        "headline_like",
        "truncated",
        "date_line",
        "byline",
        "comment_meta",
        "credit",
        "repeats",
        "run_score",
        "in_run",
        "in_main",
        "rel_pos",
        "dist_main",
        "after_comments",
        "rule_keep",
        "local_prose",
        "n_names",
        "known_names",
        "page_blocks",
        "page_keep_frac",
        "page_keep_words",
        "main_frac",
        # calls to action and list items: the shapes the first features miss most
        "you_frac",
        "ends_question",
        "ends_exclaim",
        "link_like",
        "starts_digit",
        "bullet",
        "pos_in_main",
        "rel_len",
    ]
    names += [f"cue_{c}" for c in _CUE_NAMES] + ["cue"]
    names += [f"reason_{r}" for r in _REASON_GROUPS] + ["reason_other"]
    for c in _CONTEXT:
        names += [f"prev_{c}", f"next_{c}", f"near3_{c}", f"near10_{c}"]
    return names + list(_LIST_FEATURES)


# Appended last, so that a model trained before them (a prefix of FEATURES) still loads: the shape of
# the run of short lines around a block and whether the article's prose brackets it (list and table
# lines inside a body versus a menu beside it), a list the article introduces ("You will need:"),
# look-alike neighbours, and three kinds of boilerplate prose (credits in brackets in several
# languages, comment headers, author bios).
_LIST_FEATURES = (
    "short_run",
    "prose_above",
    "prose_below",
    "sandwich",
    "introduced",
    "same_shape",
    "near_digit",
    "credit_brackets",
    "comment_by",
    "bio",
    "page_short_share",
)
# Appended after those: the block against its page (minus the page's median block and minus the mean of
# the blocks the rules kept: a short line on a page of short lines is not the same evidence as on a
# page of prose), its length rank on the page, and raw values of the previous and next block. They are
# computed from the columns above only (``_derived_features``), so cached feature rows extend exactly.
_REL_COLUMNS = (
    "log_words",
    "topic",
    "link_like",
    "stop_frac",
    "digit_frac",
    "punct_frac",
    "cap_word_frac",
    "mean_word_len",
    "you_frac",
)
_NB_COLUMNS = (
    "stop_frac",
    "link_like",
    "digit_frac",
    "punct_frac",
    "caption",
    "starts_digit",
    "you_frac",
    "mean_word_len",
    "cap_word_frac",
    "ends_colon",
    "bullet",
    "credit_brackets",
    "same_shape",
)
_BASE = tuple(_feature_names())
_DERIVED = (
    tuple(f"vs_page_{c}" for c in _REL_COLUMNS)
    + tuple(f"vs_kept_{c}" for c in _REL_COLUMNS)
    + ("length_rank",)
    + tuple(f"nb_prev_{c}" for c in _NB_COLUMNS)
    + tuple(f"nb_next_{c}" for c in _NB_COLUMNS)
)
# Last, the block's vocabulary against a lexicon learnt from the training pages (per word: log-odds of
# appearing in a content block rather than a boilerplate one, over words seen on 3+ pages; shipped in
# the model as ``lexicon``): boilerplate written as prose ("comments are moderated", "Über uns",
# disclaimers, subscription pleas) shares its vocabulary across sites in a way shape does not show. The
# mean over the block's distinct known words, the share of its words the lexicon knows, the block
# against its page's median, and the previous, next and 3-each-side neighbours' means.
_LEXICON = ("lex_mean", "lex_cover", "vs_page_lex", "nb_prev_lex", "nb_next_lex", "near3_lex")
FEATURES = _BASE + _DERIVED + _LEXICON
_REL_IDX = [_BASE.index(c) for c in _REL_COLUMNS]
_NB_IDX = [_BASE.index(c) for c in _NB_COLUMNS]
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
# second-person words: prompts address the reader, articles rarely do ("Sie" is left out: it is also
# "they" in German)
_YOU = frozenset(
    "you your yours yourself du dich dir dein deine deinen deinem deiner euch euer eure tu toi ton ta tes "
    "vous votre vos tú tus usted ustedes vosotros tuo tua tuoi voi vostro vostra".split()
)
_LINK = re.compile(r"https?://|www\.|\S@\S|(^|\s)[@#]\w|\.(com|org|net|de|fr|at|ch)\b", re.IGNORECASE)
_BULLETS = "-–—•*·►▶»>✓✔"
_SENT_END = re.compile(r"[.!?。！？]\s")


def _features(
    page: _Page, rows_for: list[bool] | None = None, lexicon: dict[str, float] | None = None
) -> np.ndarray:
    """One row of ``FEATURES`` per block. Language-neutral where it can be: shape, punctuation,
    position, the rules' decisions and the page's own vocabulary; the stop-word share is one feature
    among many (it is zero for languages the list lacks, which the other features then outweigh).

    ``rows_for``: compute the block's own features only where True (zeros elsewhere; the neighbour
    features are always computed for every block). ``lexicon``: the model's word weights for the
    ``_LEXICON`` columns (zeros without one)."""
    blocks, keep = page.blocks, page.keep
    n = len(blocks)
    counts = Counter(b.key for b in blocks)
    if page.main is not None:
        m0, m1 = page.main
    else:
        m0, m1 = n, n
    rule_keep = [keep[b.index] and b.reason is None for b in blocks]
    words_total = sum(b.n_words for b in blocks) or 1
    page_row = [
        np.log1p(n),
        sum(rule_keep) / n,
        sum(b.n_words for b, k in zip(blocks, rule_keep) if k) / words_total,
        (m1 - m0 + 1) / n if page.main is not None else 0.0,
    ]
    kept_words = sorted(b.n_words for b, k in zip(blocks, rule_keep) if k)
    median_words = math.log1p(kept_words[len(kept_words) // 2]) if kept_words else 0.0
    rows = []
    ctx = np.zeros((n, len(_CONTEXT)))
    prose_words = np.array([b.n_words if b.prose else 0 for b in blocks], dtype=float)
    csum = np.concatenate([[0.0], np.cumsum(prose_words)])
    n_base = len(_BASE) - 4 * len(_CONTEXT) - len(_LIST_FEATURES)
    log1p = math.log1p
    for b in blocks:
        i = b.index
        topic = _topic(b, page.vocab, page.names)
        menu = _menu_like(b)
        ctx[i] = (
            rule_keep[i],
            b.prose,
            log1p(b.n_words),
            topic,
            menu,
            b.cue is not None,
            b.ends_sentence,
            page.in_run[i],
        )
        if rows_for is not None and not rows_for[i]:
            rows.append(None)
            continue
        t = b.text
        nw = max(1, b.n_words)
        last = t.rstrip()[-1:]
        cap = _caption(b)
        dist = 0 if m0 <= i <= m1 else (i - m1 if i > m1 else i - m0)
        lo, hi = max(0, i - 5), min(n, i + 6)
        # character shares from the block's first 400 characters: the same for short blocks, close
        # enough for long ones, and a page of long blocks stays fast
        head = t[:400]
        n_letters = sum(map(str.isalpha, head))  # map over str methods: C-speed per character
        # _score() and _headline_like() inlined: the caption test is the costly part, done once
        score = (
            -10.0
            if b.cue or cap
            else float(min(b.n_words, 120))
            if b.prose
            else (2.0 if b.n_words >= 6 and b.ends_sentence else -3.0)
        )
        headline = 3 <= b.n_words <= 30 and last not in ".:;," and not b.cue and not cap
        row = [
            log1p(b.n_words),
            log1p(len(t)),
            float(b.ends_sentence),
            float(b.prose),
            float(last == ":"),
            float(t.rstrip().endswith(("…", "..."))),
            float(last.isalnum()),
            sum(map(str.isdigit, head)) / len(head),
            sum(map(str.isupper, head)) / n_letters if n_letters else 0.0,
            sum(1 for w in b.words if w[:1].isupper()) / nw,
            sum(1 for w in b.words if w.lower() in _STOP) / nw,
            sum(map(len, b.words)) / nw,
            len(_PUNCT.findall(head)) / len(head),
            log1p(sum(t.count(s) for s in ("|", "·", "•", "»", "›", "/"))),
            log1p(len(_SENT_END.findall(t + " "))),
            topic,
            float(cap),
            float(menu),
            float(headline),
            float(_truncated(b, page.prefixes)),
            float(bool(b.n_words <= 20 and _DATE_LINE.match(t))),
            float(bool(b.n_words <= 15 and _BYLINE.match(t))),
            float(bool(b.n_words <= 8 and _COMMENT_META.match(t))),
            float(bool(len(t) <= 300 and _CREDIT.match(t))),
            math.log(counts[b.key] or 1),
            score / 120.0,
            float(page.in_run[i]),
            float(m0 <= i <= m1),
            i / n,
            max(-20, min(20, dist)) / 20.0,
            float(i >= page.comments_from),
            float(rule_keep[i]),
            (csum[hi] - csum[lo] - prose_words[i]) / 100.0,
            log1p(len(b.names)),
            sum(1 for w in b.names if page.names[w] > 1) / len(b.names) if b.names else 0.0,
            *page_row,
            sum(1 for w in b.words if w.lower() in _YOU) / nw,
            float(last == "?"),
            float(last == "!"),
            float(bool(_LINK.search(head))),
            float(head[:1].isdigit()),
            float(head[:1] in _BULLETS),
            (i - m0) / (m1 - m0 + 1) if m0 <= i <= m1 else -1.0,
            log1p(b.n_words) - median_words,
        ]
        row += [float(b.cue == c) for c in _CUE_NAMES] + [float(b.cue is not None)]
        reason = b.reason if b.reason in _REASON_GROUPS else None
        row += [float(reason == r) for r in _REASON_GROUPS]
        row.append(float(b.reason is not None and reason is None))
        rows.append(row)
    if rows_for is not None:
        filler = [0.0] * n_base
        rows = [r if r is not None else filler for r in rows]
    base = np.asarray(rows, dtype=float)
    # neighbours: previous, next, and the mean over 3 and 10 blocks each side (the block excluded)
    prev, nxt, near = _neighbours(ctx, (3, 10))
    parts = [base]
    for j in range(ctx.shape[1]):
        parts.append(np.stack([prev[:, j], nxt[:, j], near[0][:, j], near[1][:, j]], axis=1))
    parts.append(_list_features(page, np.asarray(rule_keep, dtype=bool)))
    x = np.hstack(parts)
    return np.hstack([x, _derived_features(x), lexicon_features([b.words for b in blocks], lexicon or {})])


def lexicon_features(words: list[list[str]], lexicon: dict[str, float]) -> np.ndarray:
    """``_LEXICON`` columns for a page whose blocks hold ``words`` (in page order)."""
    n = len(words)
    if n == 0:
        return np.zeros((0, len(_LEXICON)))
    mean = np.zeros(n)
    cover = np.zeros(n)
    if lexicon:
        get = lexicon.get
        for i, ws in enumerate(words):
            distinct = {w.lower() for w in ws}
            known = [v for v in map(get, distinct) if v is not None]
            if known:
                # fsum: exact, so the set's order (string hashing differs per process) cannot change
                # the last bit and with it a tree's split
                mean[i] = math.fsum(known) / len(known)
                cover[i] = len(known) / len(distinct)
    prev, nxt, (near3,) = _neighbours(mean[:, None], (3,))
    return np.stack([mean, cover, mean - np.median(mean), prev[:, 0], nxt[:, 0], near3[:, 0]], axis=1)


def _derived_features(x: np.ndarray) -> np.ndarray:
    """``_DERIVED`` from the ``_BASE`` columns of a page's rows (every block's row, in page order)."""
    n = x.shape[0]
    if n == 0:
        return np.zeros((0, len(_DERIVED)))
    rel = x[:, _REL_IDX]
    median = np.median(rel, axis=0)
    kept = x[:, _BASE.index("rule_keep")] > 0.5
    kept_mean = rel[kept].mean(axis=0) if kept.any() else median
    order = np.argsort(-x[:, _BASE.index("log_words")], kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    prev, nxt, _ = _neighbours(x[:, _NB_IDX])
    return np.hstack([rel - median, rel - kept_mean, (rank / max(1, n - 1))[:, None], prev, nxt])


def _neighbours(cols: np.ndarray, windows: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """For rows of ``cols`` in page order: the previous row and the next one (zeros past the page's ends),
    and per window ``w`` the mean of the rows up to ``w`` each side, the row itself excluded."""
    n = cols.shape[0]
    pad = np.zeros((1, cols.shape[1]))
    prev = np.vstack([pad, cols[:-1]])
    nxt = np.vstack([cols[1:], pad])
    near = []
    if windows:
        cs = np.vstack([pad, np.cumsum(cols, axis=0)])
        idx = np.arange(n)
        for w in windows:
            lo = np.maximum(0, idx - w)
            hi = np.minimum(n, idx + w + 1)
            near.append((cs[hi] - cs[lo] - cols) / np.maximum(1, hi - lo - 1)[:, None])
    return prev, nxt, near


_CREDIT_BRACKETS = re.compile(
    r"\((?:foto|fotos|bild|bilder|quelle|fuente|fuentes|source|photo|photos|crédit|crédits|credit|image|"
    r"grafik|video|archiv|archivo|imagen)\b[^)]{0,80}\)\s*\.?$|"
    r"^(?:foto|fotos|bild|quelle|fuente|source|crédit|fotografía|imagen|photo|grafik)\s*(?::|©)",
    re.IGNORECASE,
)
_COMMENT_BY = re.compile(
    r"^(?:comment|kommentar|commentaire|comentario|antwort|reply)\s+(?:by|von|de|par|from)\b|"
    r"\s@\s\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w.'’-]+){1,3}\s(?:is|was|ist|war|est|es|è)\s"
    r"(?:a|an|the|ein|eine|der|die|un|une|el|la|il|lo)\b"
)


def _list_features(page: _Page, rule_keep: np.ndarray) -> np.ndarray:
    """``_LIST_FEATURES`` for every block of the page."""
    blocks = page.blocks
    n = len(blocks)
    idx = np.arange(n)
    prose = np.array([b.prose for b in blocks], dtype=bool)
    # runs of consecutive non-prose blocks (a menu, a list, a table's cells)
    run = np.zeros(n)
    i = 0
    while i < n:
        if prose[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and not prose[j + 1]:
            j += 1
        run[i : j + 1] = j - i + 1
        i = j + 1
    # distance to the nearest prose the rules kept, above and below
    kept = np.flatnonzero(rule_keep & prose)
    if len(kept):
        pos = np.searchsorted(kept, idx)
        above = np.where(pos > 0, idx - kept[np.maximum(pos - 1, 0)], 99)
        pos = np.searchsorted(kept, idx, side="right")
        below = np.where(pos < len(kept), kept[np.minimum(pos, len(kept) - 1)] - idx, 99)
    else:
        above = below = np.full(n, 99)
    above = np.where(rule_keep & prose, 0, above)
    below = np.where(rule_keep & prose, 0, below)
    sandwich = (~prose) & (above <= run + 1) & (below <= run + 1) & (above < 99) & (below < 99)
    # closeness to the ":" line that introduces the list the block is in
    intro = np.zeros(n)
    colon = -1
    for b in blocks:
        ends_colon = b.text.rstrip().endswith(":")
        if b.prose and not ends_colon:
            colon = -1
        if ends_colon:
            colon = b.index
        elif colon >= 0 and b.index - colon <= 30:
            intro[b.index] = 1.0 / (1.0 + math.log1p(b.index - colon))
    # neighbours within 3 blocks of the same shape (length, leading digit, sentence ending)
    log_words = np.log1p([b.n_words for b in blocks])
    digit_start = np.array([b.text[:1].isdigit() for b in blocks])
    ends = np.array([b.ends_sentence for b in blocks])
    digits = np.array([sum(map(str.isdigit, b.text[:200])) / max(1, len(b.text[:200])) for b in blocks])
    same = np.zeros(n)
    near_digit = np.zeros(n)
    for k in (-3, -2, -1, 1, 2, 3):
        j = idx + k
        ok = (j >= 0) & (j < n)
        j = np.clip(j, 0, n - 1)
        same += (
            ok
            & (np.abs(log_words - log_words[j]) < 0.4)
            & (digit_start == digit_start[j])
            & (ends == ends[j])
        )
        near_digit += np.where(ok, digits[j], 0.0)
    if page.main is not None:
        m0, m1 = page.main
        short_share = float(1.0 - prose[m0 : m1 + 1].mean())
    else:
        short_share = 0.0
    texts = [b.text for b in blocks]
    return np.stack(
        [
            np.log1p(run),
            np.minimum(above, 10) / 10.0,
            np.minimum(below, 10) / 10.0,
            sandwich.astype(float),
            intro,
            same / 6.0,
            near_digit / 6.0,
            [float(b.n_words <= 60 and bool(_CREDIT_BRACKETS.search(t))) for b, t in zip(blocks, texts)],
            [float(b.n_words <= 25 and bool(_COMMENT_BY.search(t))) for b, t in zip(blocks, texts)],
            [float(bool(_BIO.match(t))) for t in texts],
            np.full(n, short_share),
        ],
        axis=1,
    )


def _apply_model(page: _Page, model: TextModel) -> None:
    """The model's verdict per block, over the rules'.

    A model with ``overturn == "weak"`` drops blocks the rules kept (P(content) below threshold -
    margin) and restores blocks the rules dropped only for weak reasons (outside the densest run) when
    P(content) >= threshold + margin: a cue phrase, a comment section, a teaser list, a caption or a
    duplicate stays removed. A model with ``overturn == "all"`` (trained to weigh the rules' reasons,
    which are among its features) decides every block: it drops a kept block below threshold -
    margin, and restores a dropped one at threshold (threshold + ``strong_margin`` for the rules'
    topical removals: off-topic paragraphs, teaser lists, cut-off teasers); whether a short line
    belongs to a list the article introduces ("What we found:") or that its prose brackets, which its
    shape alone does not tell from a menu, is among the model's features (``_LIST_FEATURES``). Either way
    title, byline and date lines stay with the header, a kept block the model
    drops is named "off-topic" (no vocabulary shared with the body) or "boilerplate", and a dropped
    block keeps the rules' reason. Pages shorter than ``model.min_blocks`` keep the rules' verdicts.
    When the model would leave nothing of an article the rules found, the rules' verdicts stand (a
    short page is not worth emptying)."""
    width = len(model.features)
    if not width or model.features != FEATURES[:width]:
        return  # a model trained on another feature set: rules alone rather than garbage
    if len(page.blocks) < model.min_blocks:
        # it learnt from whole scraped pages; on a bare article or a snippet its page and neighbour
        # features are out of range, and the rules were written for exactly those
        return
    blocks, keep = page.blocks, page.keep
    free = model.overturn == "all"
    # only blocks whose verdict the model may change need their own features and a prediction (a
    # second stage reads the first stage's verdicts on every block, so then all of them do)
    open_ = [
        b.reason not in _HEADER_REASONS
        if free
        else (keep[b.index] and b.reason is None) or b.reason in _WEAK_REASONS
        for b in blocks
    ]
    if model.stage2 is not None or model.crf is not None or width > len(_BASE):
        # a second stage and a CRF read every block of the page, and the page-relative features
        # every block's row (in training, too, every row was full)
        proba = model.proba(_features(page, lexicon=model.lexicon)[:, :width])
    else:
        x = _features(page, open_)
        proba = np.zeros(len(blocks))
        rows = np.flatnonzero(open_)
        proba[rows] = model.proba(x[rows, :width])
    verdict = []
    for b, p, o in zip(blocks, proba, open_):
        rule_keep = keep[b.index] and b.reason is None
        # the rules are the prior: the model overturns them only when it is confident
        if rule_keep:
            verdict.append(p >= model.threshold - model.margin or not o)
        elif free:
            extra = model.strong_margin if b.reason in _TOPIC_REASONS else 0.0
            verdict.append(o and p >= model.threshold + extra)
        else:
            verdict.append(o and p >= model.threshold + model.margin)
    if not any(verdict) and any(keep[b.index] and b.reason is None for b in blocks):
        return
    for b, v in zip(blocks, verdict):
        rule_keep = keep[b.index] and b.reason is None
        if v and not rule_keep:
            keep[b.index] = True
            b.reason = None
        elif not v and rule_keep:
            keep[b.index] = False
            b.reason = "off-topic" if b.prose and _topic(b, page.vocab, page.names) < 0.1 else "boilerplate"


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*"
    r"([^\W\d][^.|©]{1,60}?)\s*(?:\.|\||,|\ball rights\b|$)",
    re.IGNORECASE,
)


def _copyright_holder(blocks: list[Block]) -> str | None:
    """The outlet of a scraped page: the holder in its "© 2026 Name. All rights reserved." line."""
    for b in reversed(blocks):
        if b.reason and b.n_words <= 25:
            m = _COPYRIGHT.search(b.text)
            if m:
                name = m.group(1).strip(" -–")
                if 1 <= len(name.split()) <= 6:
                    return name
    return None


def _find_header(
    blocks: list[Block],
    keep: list[bool],
    start: int,
    vocab: Counter[str],
    names: Counter[str],
    result: CleanResult,
    title_hint: str | None,
) -> None:
    """Title, byline and publication date: short blocks before (or at the top of) the body."""
    first_kept = next((i for i, k in enumerate(keep) if k), start)
    head_zone = blocks[: first_kept + 1] + [b for b in blocks[first_kept + 1 : first_kept + 8] if not b.prose]
    for b in head_zone:
        if not result.byline and b.n_words <= 15 and _BYLINE.match(b.text):
            result.byline, result.authors = _byline(b.text)
            b.reason = "byline"
            keep[b.index] = False
        elif not result.published and b.n_words <= 20 and _DATE_LINE.match(b.text):
            head, _, by = re.split(r"\s[|·•]\s", b.text)[0].partition(" by ")
            result.published = normalize_date(head)
            if by and not result.byline and split_authors(by):
                result.byline, result.authors = _byline(by)
            b.reason = "date"
            keep[b.index] = False
        elif b.n_words <= 20 and _DATE_LINE.match(b.text):
            b.reason = "date"
            keep[b.index] = False
    counts = Counter(b.key for b in blocks)
    hint = _norm_key(title_hint) if title_hint else None
    best: tuple[float, Block] | None = None
    for b in blocks[: first_kept + 1]:
        if b.reason in ("byline", "date") or not _headline_like(b):
            continue
        key = b.key
        if hint and key == hint:
            best = (99.0, b)
            break
        score = _topic(b, vocab, names)
        if counts[key] > 1:
            score += 0.3  # scrapers keep the headline twice: page title and <h1>
        score += 0.1 * (b.index >= first_kept - 4)  # close to the body
        if score >= 0.35 and (best is None or score > best[0]):
            best = (score, b)
    title = best[1].text if best else title_hint
    if title:
        result.title = " ".join(title.split())
        tkey = _norm_key(result.title)
        for b in blocks:
            if b.key == tkey:
                b.reason = "title" if best and b is best[1] else "repeated-headline"
                keep[b.index] = False


def _filter_body(
    blocks: list[Block], keep: list[bool], vocab: Counter[str], names: Counter[str], prefixes: set[str]
) -> None:
    """Drop blocks inside the article that are not part of it."""
    teaser_mode = False
    inside = [b for b in blocks if keep[b.index] and b.reason is None]
    topics = {b.index: _topic(b, vocab, names) for b in inside}
    n_prose = sum(1 for b in inside if b.prose)
    # A short line that recurs on the page (a menu rendered twice, "Advertisement" between paragraphs)
    # is page furniture; a second copy of a paragraph (a pull quote) adds nothing.
    counts = Counter(b.key for b in blocks)
    seen: set[str] = set()
    for pos, b in enumerate(inside):
        topic = topics[b.index]
        key = b.key
        if key and key in seen:
            b.reason = "duplicate"
            continue
        seen.add(key)
        if not b.prose and b.n_words <= 5 and counts[key] > 1 and key:
            b.reason = "repeated-line"
            continue
        if b.cue == "teaser-heading":
            b.reason, teaser_mode = "teaser-list", True
            continue
        if teaser_mode:
            # a teaser list ends where on-topic prose resumes
            if b.prose and topic >= 0.3 and not _truncated(b, prefixes):
                teaser_mode = False
            else:
                b.reason = "teaser-list"
                continue
        if b.cue:
            b.reason = b.cue
        elif _CREDIT.match(b.text):
            b.reason = "credit"
        elif (
            not b.prose and b.n_words <= 8 and _DATE_LINE.match(b.text) and not b.text.rstrip().endswith(":")
        ):
            b.reason = "date"
        elif _menu_cluster(inside, pos):
            b.reason = "navigation"
        elif _caption(b):
            b.reason = "caption"
        elif _truncated(b, prefixes) and (topic < 0.5 or b.text.rstrip().endswith(("…", "..."))):
            b.reason = "truncated-teaser"
        elif not b.prose and _teaser_line(b, topic) and not _introduced(inside, pos):
            # one stray short line is a subheading; off-topic headlines in a row with no on-topic prose
            # after them are a teaser list, even without a heading announcing it
            near = inside[max(0, pos - 1) : pos + 2]
            run = [n for n in near if n is not b and not n.prose and _teaser_line(n, topics[n.index])]
            if run and not any(n.prose and topics[n.index] >= 0.3 for n in inside[pos + 1 :]):
                b.reason = "teaser-list"
        elif b.prose and len(b.content) >= 6 and b.n_words < 80 and n_prose >= 4:
            # an unannounced teaser paragraph: shares (almost) no vocabulary with the article, and sits
            # at its end or brings only names the article never mentions
            tail = not any(n.prose and topics[n.index] >= 0.2 for n in inside[pos + 1 :])
            foreign = bool(b.names) and not any(names[w] > 1 for w in b.names)
            if (topic < 0.1 and tail) or (topic < 0.06 and foreign):
                b.reason = "off-topic"


def _comment_thread(blocks: list[Block], start: int) -> int:
    """Where an unannounced comment thread begins: the first of two or more comment-furniture lines
    ("Reply", "2 hours ago") after the article's prose has begun, backed up over the commenter's name."""
    prose_seen = 0
    meta: list[int] = []
    for b in blocks[start:]:
        if b.prose and not b.cue and not meta:
            prose_seen += 1
        elif (
            prose_seen >= 2
            and b.n_words <= 8
            and _COMMENT_META.match(b.text)
            and not _PUBLISHED.match(b.text)
        ):
            meta.append(b.index)
    if len(meta) < 2:
        return len(blocks)
    first = meta[0]
    # the commenter's name (one short line) sits just above the first timestamp
    if first - 1 > start and blocks[first - 1].n_words <= 4 and not blocks[first - 1].prose:
        first -= 1
    return first


def _name_outside(blocks: list[Block], vocab: Counter[str], names: Counter[str], prefixes: set[str]) -> None:
    """A more telling reason than "outside-article" where the block says what it is."""
    teaser_mode = False
    for b in blocks:
        if b.cue == "teaser-heading":
            teaser_mode = True
        elif b.reason is None or b.reason in ("comments", "title", "repeated-headline", "byline", "date"):
            teaser_mode = False
        elif b.reason == "outside-article":
            if _truncated(b, prefixes):
                b.reason = "truncated-teaser"
            elif teaser_mode:
                b.reason = "teaser-list"
            elif b.prose and _topic(b, vocab, names) < 0.15:
                b.reason = "off-topic"
            elif _BYLINE.match(b.text) and b.n_words <= 15:
                b.reason = "byline"


def _menu_like(b: Block) -> bool:
    return (
        b.n_words <= 3
        and not b.prose
        and b.text.rstrip()[-1:] not in _TERMINAL
        and not any(c.isdigit() for c in b.text)
    )


def _menu_cluster(inside: list[Block], pos: int) -> bool:
    """Three or more one-to-three-word lines in a row (tags, categories, social links) inside the body.

    A subheading is one short line followed by prose; a list the article introduces ("You will need:")
    is kept; quantities (an ingredient list) carry digits."""
    if not _menu_like(inside[pos]):
        return False
    lo = pos
    while lo > 0 and _menu_like(inside[lo - 1]):
        lo -= 1
    hi = pos
    while hi + 1 < len(inside) and _menu_like(inside[hi + 1]):
        hi += 1
    if hi - lo + 1 < 3:
        return False
    return not (lo > 0 and inside[lo - 1].text.rstrip().endswith(":"))


def _teaser_line(b: Block, topic: float) -> bool:
    return _headline_like(b) and b.n_words >= 4 and topic < 0.2


def _introduced(inside: list[Block], pos: int) -> bool:
    """Part of a list the article introduces ("What we found:") rather than a list of other stories."""
    for prev in reversed(inside[:pos]):
        if prev.text.rstrip().endswith(":"):
            return True
        if prev.prose or not _headline_like(prev) and prev.n_words > 3:
            return False
    return False


def _removed(blocks: list[Block], limit: int = 500) -> list[RemovedBlock]:
    out = [RemovedBlock(text=b.text[:1000], reason=b.reason, position=b.index) for b in blocks if b.reason]
    return out[:limit]


def clean_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[RemovedBlock]]:
    """The gentle mode for paragraphs an HTML extractor already chose: drop only blocks with a clear
    boilerplate signal (prompts, buttons, captions, teaser lists, comment sections, cut-off teasers)."""
    blocks = [_analyse(i, " ".join(p.split())) for i, p in enumerate(paragraphs)]
    blocks = [b for b in blocks if b.text]
    if not blocks:
        return [], []
    body = [b for b in blocks if b.prose and not b.cue]
    vocab, names, _ = _body_model(body, prefixes=False)
    kept: list[str] = []
    teaser_mode = False
    seen: set[str] = set()
    for pos, b in enumerate(blocks):
        topic = _topic(b, vocab, names)
        if b.cue == "comments" and kept:
            b.reason = "comments"
            for rest in blocks[pos + 1 :]:
                rest.reason = "comments"
            break
        if b.cue == "teaser-heading":
            b.reason, teaser_mode = "teaser-list", True
            continue
        if teaser_mode:
            if b.prose and topic >= 0.3:
                teaser_mode = False
            else:
                b.reason = "teaser-list"
                continue
        key = b.key
        if b.cue in ("cookie-prompt", "newsletter-prompt", "share-buttons", "advertisement", "reading-time"):
            b.reason = b.cue
        elif _caption(b) and b.n_words <= 25:
            b.reason = "caption"
        elif b.text.rstrip().endswith(("…", "...")) and not b.prose and topic < 0.3:
            b.reason = "truncated-teaser"
        elif key and key in seen and b.n_words >= 3:
            b.reason = "duplicate"
        else:
            kept.append(b.text)
            seen.add(key)
    return kept, _removed(blocks)
