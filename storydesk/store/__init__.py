"""Stage 5 (store): the corpus database. ``Corpus`` (corpus.py) is the public entry point; sqlite.py
holds the schema, migrations and the single writer; workers.py runs extraction and annotation in
parallel (Dask) for the writer."""
