"""Stage 3 (group): near-duplicate detection (dedup.py, MinHash LSH) and online, time-aware story
clustering (stories.py). Pure functions and classes over records: no database needed."""
