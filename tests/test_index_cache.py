"""The index cache: warm starts tokenise nothing, stale or damaged caches are rebuilt, and a reload
re-tokenises only the files that changed, with the same results as a build from scratch."""

from __future__ import annotations

import logging

import numpy as np
import pytest
import underthesea

from bot.search import cache as cache_module
from bot.search import index as index_module
from bot.search.engine import SearchEngine
from bot.search.index import SearchIndex, build_index
from tests.conftest import TEST_CACHE, corpus_file

FILES = {
    "ke-hoach/kiem-diem.md": "tnt305/010a456b98ee223c.md",
    "ke-hoach/sap-xep.md": "tnt305/194cc3744a8a5d05.md",
    "nghi-quyet/66.md": "tnt305/1ce41701dfca8bfe.md",
    "quy-dinh-294.md": "tnt305/213491da256bbc58.md",
}
QUERIES = ["đảng viên", "kiểm điểm đảng viên cuối năm", "nghị quyết 66", "sap xep cap xa", "Quy định 294"]


@pytest.fixture
def folder(tmp_path):
    """A small knowledge folder: four real files in sub-folders, one in Latin-1, one empty."""
    root = tmp_path / "kb"
    for rel, source in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(corpus_file(*source.split("/")))
    (root / "latin1.txt").write_bytes("Đảng viên".encode()[:2] + b"\xff\xfe abc")
    (root / "empty.md").write_bytes(b"")
    return root


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """Paths of the files tokenised from now on (in this process)."""
    calls: list[str] = []
    original = index_module.tokenise_document

    def counting(document):
        calls.append(document.path)
        return original(document)

    monkeypatch.setattr(index_module, "tokenise_document", counting)
    return calls


def results(index: SearchIndex) -> list:
    engine = SearchEngine(index)
    return [
        [
            (h.passage.doc.path, h.passage.section, h.passage.text, round(h.score, 9))
            for h in engine.search(q, k=10).hits
        ]
        for q in QUERIES
    ]


def assert_same_index(a: SearchIndex, b: SearchIndex) -> None:
    """Same documents, passages, skipped files and postings (term numbering may differ)."""
    assert [d.__dict__ for d in a.documents] == [d.__dict__ for d in b.documents]
    assert [(p.doc.path, p.section, p.text, p.start, p.end) for p in a.passages] == [
        (p.doc.path, p.section, p.text, p.start, p.end) for p in b.passages
    ]
    assert a.passage_doc.tolist() == b.passage_doc.tolist()
    assert [str(s) for s in a.skipped] == [str(s) for s in b.skipped]
    assert a.by_symbol == b.by_symbol
    assert set(a.fields) == set(b.fields)
    for name, fa in a.fields.items():
        fb = b.fields[name]
        assert sorted(fa.vocab) == sorted(fb.vocab)
        for term in fa.vocab:
            ta, tb = fa.vocab[term], fb.vocab[term]
            sa, sb = slice(fa.offsets[ta], fa.offsets[ta + 1]), slice(fb.offsets[tb], fb.offsets[tb + 1])
            assert fa.ids[sa].tolist() == fb.ids[sb].tolist(), term
            assert fa.tf[sa].tolist() == fb.tf[sb].tolist(), term
            np.testing.assert_array_equal(fa.weights[sa], fb.weights[sb])


def snapshot_files(cache):
    return list((cache / "index").glob("*.npz"))


def test_cold_build_reports_skipped_files(folder, tmp_path):
    index = build_index(folder, tmp_path / "cache")
    assert [d.path for d in index.documents] == sorted(FILES)
    assert sorted(s.path for s in index.skipped) == ["empty.md", "latin1.txt"]
    assert all(index.passage_doc[i] == d for d in range(len(index.documents)) for i in index.document_passages(d))
    assert len(snapshot_files(tmp_path / "cache")) == 1


def test_warm_start_tokenises_nothing(folder, tmp_path, analysed):
    cache = tmp_path / "cache"
    cold = build_index(folder, cache)
    assert sorted(analysed) == sorted(FILES)
    analysed.clear()
    warm = build_index(folder, cache)
    assert analysed == []
    assert_same_index(warm, cold)
    assert results(warm) == results(cold)


def test_without_snapshot_the_per_file_caches_are_used(folder, tmp_path, analysed):
    cache = tmp_path / "cache"
    cold = build_index(folder, cache)
    for path in snapshot_files(cache):
        path.unlink()
    analysed.clear()
    again = build_index(folder, cache)
    assert analysed == []
    assert_same_index(again, cold)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"not a zip file at all",
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[: len(b) // 2] + bytes([b[len(b) // 2] ^ 0xFF]) + b[len(b) // 2 + 1 :],  # one bit flipped
        lambda b: b"",
    ],
    ids=["garbage", "truncated", "flipped", "empty"],
)
def test_damaged_snapshot_is_rebuilt_not_trusted(folder, tmp_path, analysed, damage, caplog):
    cache = tmp_path / "cache"
    cold = build_index(folder, cache)
    (snapshot,) = snapshot_files(cache)
    snapshot.write_bytes(damage(snapshot.read_bytes()))
    analysed.clear()
    with caplog.at_level(logging.INFO, logger=cache_module.__name__):
        again = build_index(folder, cache)
    assert [r.levelno for r in caplog.records if "snapshot" in r.getMessage()] == [logging.WARNING]
    assert analysed == []  # the per-file caches are still good
    assert_same_index(again, cold)
    assert results(again) == results(cold)
    assert cache_module.load_snapshot(snapshot, index_module.cache_versions(), index_module.BM25Params()) is not None


def test_damaged_file_cache_re_tokenises_that_file_only(folder, tmp_path, analysed):
    cache = tmp_path / "cache"
    cold = build_index(folder, cache)
    for path in snapshot_files(cache):
        path.unlink()
    data = (folder / "quy-dinh-294.md").read_bytes()
    source = index_module.SourceFile("quy-dinh-294.md", data, index_module.digest(data))
    entry = cache_module.file_cache_path(cache, source, index_module.cache_versions())
    data = entry.read_bytes()
    entry.write_bytes(data[:100] + bytes(b ^ 0x55 for b in data[100:400]) + data[400:])
    analysed.clear()
    again = build_index(folder, cache)
    assert analysed == ["quy-dinh-294.md"]
    assert_same_index(again, cold)


@pytest.mark.parametrize("stale", ["code", "underthesea"])
def test_stale_cache_is_rebuilt(folder, tmp_path, analysed, monkeypatch, stale, caplog):
    cache = tmp_path / "cache"
    cold = build_index(folder, cache)
    if stale == "underthesea":
        monkeypatch.setattr(underthesea, "__version__", "0.0.0-test")
    else:  # what an edit to cleaning.py or the analyzer does to the key (see test_codehash.py)
        monkeypatch.setattr(index_module, "code_digest", lambda: "0" * 16)
    analysed.clear()
    with caplog.at_level(logging.INFO, logger=cache_module.__name__):
        again = build_index(folder, cache, previous=cold)  # not even an index in memory is reused
    # after every upgrade: said, but not as a fault ("broken") an admin should look into
    snapshot_logs = [r for r in caplog.records if "snapshot" in r.getMessage()]
    assert [r.levelno for r in snapshot_logs] == [logging.INFO]
    assert "another version" in snapshot_logs[0].getMessage()
    assert sorted(analysed) == sorted(FILES)
    assert_same_index(again, cold)


@pytest.mark.parametrize("from_memory", [True, False], ids=["previous", "snapshot"])
def test_reload_re_tokenises_only_the_changed_file(folder, tmp_path, analysed, from_memory):
    cache = tmp_path / "cache"
    first = build_index(folder, cache)
    changed = folder / "nghi-quyet" / "66.md"
    changed.write_bytes(changed.read_bytes() + "\n\nĐảng viên dự bị phải học tập Nghị quyết 66-NQ/TW.\n".encode())
    analysed.clear()
    reloaded = build_index(folder, cache, previous=first if from_memory else None)
    assert analysed == ["nghi-quyet/66.md"]
    assert "Đảng viên dự bị phải học tập" in " ".join(p.text for p in reloaded.passages)
    scratch = build_index(folder, None)
    assert_same_index(reloaded, scratch)
    assert results(reloaded) == results(scratch)


def test_reload_with_files_added_and_removed(folder, tmp_path, analysed):
    cache = tmp_path / "cache"
    first = build_index(folder, cache)
    (folder / "quy-dinh-294.md").unlink()
    (folder / "a-moi.md").write_bytes(corpus_file("tnt305", "0b26b62c99ee08a0.md"))
    analysed.clear()
    reloaded = build_index(folder, cache, previous=first)
    assert analysed == ["a-moi.md"]
    assert reloaded.documents[0].path == "a-moi.md"
    scratch = build_index(folder, None)
    assert_same_index(reloaded, scratch)
    assert results(reloaded) == results(scratch)
    assert "quy-dinh-294.md" not in [d.path for d in reloaded.documents]


def test_reload_of_an_unchanged_folder_reuses_everything(folder, tmp_path, analysed):
    first = build_index(folder, tmp_path / "cache")
    analysed.clear()
    again = build_index(folder, tmp_path / "cache", previous=first)
    assert analysed == []
    assert again.fields["words"] is first.fields["words"]
    assert again.passages is first.passages


def test_worker_processes_build_the_same_index(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "POOL_MIN_BYTES", 0)
    in_pool = build_index(folder, None, workers=2, progress=True)
    in_process = build_index(folder, None, workers=1)
    assert_same_index(in_pool, in_process)


@pytest.mark.corpus
def test_party_corpus_warm_start_tokenises_nothing(party_index, party_corpus, analysed):
    """The session fixture built (or loaded) the party corpus; loading it again is from the snapshot."""
    warm = build_index(party_corpus, TEST_CACHE)
    assert analysed == []
    assert len(warm.passages) == len(party_index.passages) > 5000
    assert not warm.skipped


def test_snapshot_postings_must_ascend_within_each_terms_list():
    offsets = np.array([0, 3, 5])
    check = cache_module._check_lists
    check(
        ["a", "b"], offsets, np.array([0, 2, 7, 1, 4], dtype=np.int32), np.ones(5, dtype=np.uint16), 8
    )  # 7 → 1: next term
    for ids in ([0, 2, 2, 1, 4], [0, 3, 2, 1, 4], [0, 2, 7, 4, 1]):
        with pytest.raises(ValueError, match="ascending"):
            check(["a", "b"], offsets, np.array(ids, dtype=np.int32), np.ones(5, dtype=np.uint16), 8)
