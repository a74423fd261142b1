"""Shared fixtures: where the real corpora are, and indexes built once per test session.

Most tests read only `knowledge/` and the few real documents vendored in `tests/data/` (see its README), so
they run on any checkout. Tests marked `corpus` need the whole of ../shared/data (quality floors, corpus-wide
checks): they skip with the reason without it and fail when NGHIQUYET_REQUIRE_SHARED_DATA is set, as in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NGHIQUYET_SHARED_DIR", ROOT.parent / "shared"))
# Index caches survive between runs, so only the first run of `make test` tokenises the corpora.
TEST_CACHE = ROOT / ".cache" / "tests"
TEST_DATA = ROOT / "tests" / "data"
KNOWLEDGE = ROOT / "knowledge"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test where it is absent, fails in CI where it must be present."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} not found: the shared corpora are not beside this checkout"
        if os.environ.get("NGHIQUYET_REQUIRE_SHARED_DATA"):
            pytest.fail(message + " (NGHIQUYET_REQUIRE_SHARED_DATA is set)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def party_corpus() -> Path:
    return shared_path("data", "party_corpus")


@pytest.fixture(scope="session")
def party_engine(party_corpus):
    from bot.search.engine import SearchEngine

    return SearchEngine.open(party_corpus, TEST_CACHE)


@pytest.fixture(scope="session")
def party_index(party_engine):
    return party_engine.index


@pytest.fixture(scope="session")
def alqac_engine():
    from bot.search.engine import SearchEngine

    return SearchEngine.open(shared_path("data", "alqac2023", "knowledge"), TEST_CACHE)


def corpus_file(*parts: str) -> bytes:
    """A file of ../shared/data/party_corpus: from its copy in tests/data when it is one of the few
    official Party texts vendored there (same relative path, same bytes), else from ../shared."""
    vendored = TEST_DATA.joinpath(*parts)
    if vendored.exists():
        return vendored.read_bytes()
    return shared_path("data", "party_corpus", *parts).read_bytes()


def pytest_collection_modifyitems(config, items):
    """Without ../shared/data, corpus tests skip with the reason; with NGHIQUYET_REQUIRE_SHARED_DATA they run
    and fail in shared_path, so CI cannot turn green by losing the data."""
    if (SHARED / "data").exists() or os.environ.get("NGHIQUYET_REQUIRE_SHARED_DATA"):
        return
    skip = pytest.mark.skip(
        reason=f"{SHARED / 'data'} not found: corpus tests need the shared corpora (../shared/data)"
    )
    for item in items:
        if item.get_closest_marker("corpus") is not None:
            item.add_marker(skip)


@pytest.fixture
def api():
    """A fake Bot API server on 127.0.0.1 for one test (tests/fake_telegram.py)."""
    from tests.bot_harness import TOKEN
    from tests.fake_telegram import FakeTelegram

    server = FakeTelegram(TOKEN).start()
    yield server
    server.stop()
