"""docs/brief-schema.md documents every field of the Brief schema."""

from __future__ import annotations

import re
from pathlib import Path

from storydesk.records import BRIEF_SCHEMA_VERSION, brief_json_schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "brief-schema.md"


def test_every_field_is_documented():
    text = DOC.read_text(encoding="utf-8")
    schema = brief_json_schema()
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition.get("properties", {}))
    missing = sorted(f for f in fields if not re.search(rf"`{re.escape(f)}`", text))
    assert not missing, f"undocumented brief fields: {missing}"


def test_doc_names_the_schema_version():
    assert f"version {BRIEF_SCHEMA_VERSION}" in DOC.read_text(encoding="utf-8")
