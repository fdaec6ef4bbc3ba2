"""The order a brief numbers its articles in (A1, A2, ...), shared by ``brief PATHS`` and the stored
story's brief (``brief --story``, the web app) so that "[A3.2]" means the same outlet in both.

Publication time first (the story as it unfolded: the first report, often the original source, is A1;
a syndicated copy comes after what it copies), undated articles last, then outlet, then id so that
equal times give one order whatever order the files were given or stored in.
"""

from __future__ import annotations

from ..group.stories import parse_time
from ..records import AnnotatedArticle, Article


def reading_order_key(item: Article | AnnotatedArticle) -> tuple[bool, float, str, str]:
    """Sort key of an article (or its annotation) in a brief: time (UTC), outlet, id."""
    art = item.article if isinstance(item, AnnotatedArticle) else item
    days = parse_time(art.published)
    return (days is None, days or 0.0, (art.outlet or "").casefold(), art.id)
