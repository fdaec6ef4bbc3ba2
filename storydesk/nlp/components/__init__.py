"""storydesk's spaCy components. Importing this package registers their factories:
``storydesk_quotes``, ``storydesk_attribution``, ``storydesk_speakers``, ``storydesk_hedges``,
``storydesk_quantities`` (added in that order: each later one reads what the earlier ones found)."""

from . import attribution, hedges, quantities, quotes, speakers

#: factory names in pipeline order
COMPONENTS = ["storydesk_quotes", "storydesk_attribution", "storydesk_speakers", "storydesk_hedges",
              "storydesk_quantities"]

__all__ = ["COMPONENTS", "attribution", "hedges", "quantities", "quotes", "speakers"]
