"""What the brief's entity list shows of who said what: a direct quote split around its cue ("…," he
said. "…") as its parts, without the narration between them; a quote inside another quote of the same
speaker once; and role descriptions that never start inside a longer proper name ("Port Orrin harbour
master"). Hand-built fictional records (tests/reconcile_fixtures.py)."""

from __future__ import annotations

from reconcile_fixtures import make_article

from storydesk.reconcile.brief import build_brief
from storydesk.records import Span

_FIRST = "Engine fires are the ones every skipper fears"
_SECOND = "On an older boat you have very little time"
_PARAS = [
    f'"{_FIRST}," he said. "{_SECOND}."',
    ('Harbour chief Ansa Vell said the owner had offered to repair the pier and described the damage as '
     '"deeply worrying".'),
    "Port Orrin harbour master Teodor Brask said the channel was clear again.",
    "He met the crews on Monday, Cato Mirren, a naval engineer, said before the inquiry.",
]


def _story():
    text = "\n\n".join(_PARAS)
    aa = make_article("Orrin Post", "Pier fire", "2026-05-12T08:00:00", _PARAS,
                      entities=[("Cato Mirren", "PERSON"), ("Ansa Vell", "PERSON"), ("Teodor Brask", "PERSON")],
                      quotes=[
                          {"content": f'{_FIRST}," he said. "{_SECOND}', "speaker": "he", "speaker_name": "Cato Mirren"},
                          {"content": 'the owner had offered to repair the pier and described the damage as '
                                      '"deeply worrying"', "kind": "indirect", "speaker": "Ansa Vell",
                           "speaker_name": "Ansa Vell"},
                          {"content": 'the damage as "deeply worrying"', "speaker": "Ansa Vell",
                           "speaker_name": "Ansa Vell"},
                          {"content": "the channel was clear again", "kind": "indirect", "speaker": "Teodor Brask",
                           "speaker_name": "Teodor Brask"},
                      ])
    a, b = text.index(_FIRST), text.index(_SECOND)
    split = aa.quotes[0].model_copy(update={"parts": [Span(start=a, end=a + len(_FIRST), text=_FIRST),
                                                      Span(start=b, end=b + len(_SECOND), text=_SECOND)]})
    aa = aa.model_copy(update={"quotes": [split, *aa.quotes[1:]]})
    return build_brief([aa])


def _entity(brief, name):
    (e,) = [e for e in brief.entities if e.name == name]
    return e


def test_split_direct_quote_is_shown_as_its_parts():
    texts = [q.text for q in _entity(_story(), "Cato Mirren").quotes]
    assert texts == [f"{_FIRST} … {_SECOND}"]


def test_quote_inside_another_of_the_same_speaker_is_listed_once():
    texts = [q.text for q in _entity(_story(), "Ansa Vell").quotes]
    assert len(texts) == 1 and texts[0].startswith("the owner had offered")


def test_description_does_not_start_inside_a_proper_name():
    descriptions = _entity(_story(), "Teodor Brask").descriptions
    assert descriptions
    assert not any(d.startswith(("Orrin", "orrin")) for d in descriptions)
