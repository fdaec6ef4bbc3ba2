"""The public surface: __all__ lists exactly what the package exports, and each name resolves."""

import storydesk


def test_all_names_resolve():
    for name in storydesk.__all__:
        assert getattr(storydesk, name) is not None, name


def test_all_matches_public_names():
    public = {n for n in dir(storydesk) if not n.startswith("_")}
    modules = {"api", "errors", "options", "records", "examples", "cli", "extraction", "nlp", "group",
               "reconcile", "render", "store", "web", "models"}
    assert public - modules - {"Corpus"} <= set(storydesk.__all__)


def test_public_functions_are_not_shadowed_by_stage_packages():
    import storydesk.extraction.text  # noqa: F401
    import storydesk.reconcile.brief as brief_module

    assert callable(storydesk.extract) and not hasattr(storydesk.extract, "__path__")
    assert hasattr(brief_module, "build_brief")
