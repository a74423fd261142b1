"""The index cache's key follows the code that builds an index (bot/search/codehash.py)."""

import shutil

from bot.search import codehash


def covered(root=codehash.PACKAGE_ROOT):
    return {path.relative_to(root).as_posix() for path in codehash.indexing_sources()}


def test_every_module_that_decides_passages_or_tokens_is_covered():
    files = covered()
    for name in (
        "knowledge/loader.py",
        "knowledge/cleaning.py",
        "knowledge/metadata.py",
        "knowledge/chunker.py",
        "knowledge/readers/word.py",  # imported by name at run time
        "search/analyzer.py",
        "search/asks.py",  # the analyzer's import
        "vietnamese.py",
        "search/bm25.py",
    ):
        assert name in files


def test_code_that_only_reads_an_index_is_not_covered():
    # Tuning the ranking or the answer line must not re-tokenise the corpus.
    files = covered()
    for name in ("search/engine.py", "search/query.py", "search/answerline.py", "telegram/app.py", "answer.py"):
        assert name not in files


def test_an_edit_changes_the_digest(tmp_path, monkeypatch):
    copy = tmp_path / "bot"
    shutil.copytree(codehash.PACKAGE_ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(codehash, "PACKAGE_ROOT", copy)
    before = codehash.code_digest.__wrapped__()
    assert codehash.code_digest.__wrapped__() == before  # stable
    engine = copy / "search" / "engine.py"
    engine.write_text(engine.read_text(encoding="utf-8") + "\n# a ranking experiment\n", encoding="utf-8")
    assert codehash.code_digest.__wrapped__() == before
    cleaning = copy / "knowledge" / "cleaning.py"
    cleaning.write_text(cleaning.read_text(encoding="utf-8") + "\n# a cleaning fix\n", encoding="utf-8")
    assert codehash.code_digest.__wrapped__() != before
