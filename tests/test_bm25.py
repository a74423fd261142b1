"""Our postings score exactly as rank-bm25 0.2.2 does: statistics, dense scores and the top 10."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from bot.knowledge.document import Document, Passage
from bot.search import bm25
from bot.search.analyzer import analyze, passage_fields
from bot.search.bm25 import BM25Params, FieldIndex, as_token_lists, bag_of_words, merge_postings, select_top_k
from tests.conftest import shared_path

VARIANTS = ("okapi", "plus", "l")


def reference_top(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """rank-bm25's k best: a stable sort by decreasing score (ties by passage order)."""
    order = np.argsort(-scores, kind="stable")[:k]
    return order, scores[order]


def assert_same_top(ours: tuple[np.ndarray, np.ndarray], reference: np.ndarray, k: int, where: str) -> None:
    ids, scores = ours
    ref_ids, ref_scores = reference_top(reference, k)
    assert ids.tolist() == ref_ids.tolist(), where
    np.testing.assert_allclose(scores, ref_scores, rtol=1e-6, atol=1e-12, err_msg=where)


@pytest.fixture
def pruned(monkeypatch):
    """Force MaxScore's pruning (probes, binary searches, scans) even on small indexes."""
    monkeypatch.setattr(bm25, "DENSE_POSTINGS", 0)
    monkeypatch.setattr(bm25, "PROBE_POSTINGS", 256)
    monkeypatch.setattr(bm25, "LOOKUP_PAIRS", 64)


# --- the party corpus and the dev questions -----------------------------------------------------


@pytest.fixture(scope="module")
def dev_queries() -> list:
    path = shared_path("eval", "dev.jsonl")
    with path.open(encoding="utf-8") as f:
        return [analyze(json.loads(line)["question"]) for line in f if line.strip()]


@pytest.fixture(scope="module")
def party_corpora(party_index) -> dict[str, list[list[str]]]:
    """rank-bm25's input for each field: the passages' bags of words as token lists."""
    return {name: as_token_lists(f.to_postings()) for name, f in party_index.fields.items()}


# BM25Plus is what the bot uses: every question. The others: every third (get_scores is slow).
@pytest.mark.corpus
@pytest.mark.parametrize("variant,step", [("plus", 1), ("okapi", 3), ("l", 3)])
@pytest.mark.parametrize("field", ["words", "folded"])
def test_party_corpus_scores_equal_rank_bm25(
    party_index, party_corpora, dev_queries, field, variant, step, monkeypatch
):
    params = BM25Params(variant=variant)
    reference = params.model(party_corpora[field])
    ours = party_index.fields[field].with_params(params)
    assert ours.avgdl == reference.avgdl
    checked = 0
    for i, tokens in enumerate(dev_queries[::step]):
        terms = getattr(tokens, field)
        expected = reference.get_scores(terms)
        np.testing.assert_allclose(ours.scores(terms), expected, rtol=1e-6, atol=1e-12)
        assert_same_top(ours.top_k(terms, 10), expected, 10, f"{field}/{variant} question {i * step}")
        with monkeypatch.context() as m:  # the pruned path on the same real queries
            m.setattr(bm25, "DENSE_POSTINGS", 0)
            m.setattr(bm25, "PROBE_POSTINGS", 512)
            assert_same_top(ours.top_k(terms, 10), expected, 10, f"{field}/{variant} question {i * step}, pruned")
        checked += 1
    assert checked >= 30


# --- statistics ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_corpus() -> list[list[str]]:
    """Real analyser output for a few passages, including a repeated and an empty one."""
    texts = [
        ("Điều 1",),
        "Đảng viên có nhiệm vụ tuyệt đối trung thành với mục đích lý tưởng cách mạng của Đảng.",
        ("Điều 2",),
        "Chấp hành nghiêm chỉnh Cương lĩnh chính trị, Điều lệ Đảng, nghị quyết, chỉ thị của Đảng.",
        ("Điều 3",),
        "Đảng viên dự bị có nhiệm vụ như đảng viên chính thức; Nghị quyết 21-NQ/TW nói rõ.",
        ("Điều 1",),
        "Đảng viên có nhiệm vụ tuyệt đối trung thành với mục đích lý tưởng cách mạng của Đảng.",
        (),
        "",
    ]
    doc = Document(path="a.md", title="A", text="")
    return [
        passage_fields(Passage(doc, section, text))["words"]
        for section, text in zip(texts[::2], texts[1::2], strict=True)
    ]


@pytest.mark.parametrize("variant", VARIANTS)
def test_statistics_are_rank_bm25s_exactly(small_corpus, variant):
    params = BM25Params(variant=variant)
    reference = params.model(small_corpus)
    ours = FieldIndex.build(small_corpus, params)
    assert ours.n_docs == reference.corpus_size
    assert ours.avgdl == reference.avgdl
    assert ours.doc_len.tolist() == reference.doc_len
    assert {t: float(ours.idf[i]) for t, i in ours.vocab.items()} == reference.idf  # bit for bit
    for doc, freqs in enumerate(reference.doc_freqs):
        for term, tf in freqs.items():
            t = ours.vocab[term]
            row = ours.ids[ours.offsets[t] : ours.offsets[t + 1]].tolist().index(doc)
            assert int(ours.tf[ours.offsets[t] + row]) == tf


# --- many random queries, all code paths ------------------------------------------------------


@pytest.fixture(scope="module")
def random_corpus() -> list[list[str]]:
    """Zipf-like token lists: frequent terms in most passages (Okapi's negative idf floor),
    rare ones in few; some passages empty, some identical (exact ties)."""
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(300)]
    weights = [1 / (i + 1) ** 0.8 for i in range(300)]
    corpus = [rng.choices(vocab, weights, k=rng.randint(0, 70)) for _ in range(4000)]
    corpus[10] = []
    corpus[20] = list(corpus[30])
    return corpus


@pytest.fixture(scope="module")
def random_queries() -> list[tuple[list[str], list[float] | None]]:
    rng = random.Random(6)
    vocab = [f"w{i}" for i in range(300)]
    weights = [1 / (i + 1) ** 0.8 for i in range(300)]
    queries = []
    for q in range(60):
        terms = rng.choices(vocab, weights, k=rng.randint(1, 40)) + (["unknown"] if q % 5 == 0 else [])
        boosts = [rng.choice([0.5, 1.0, 2.0]) for _ in terms] if q % 3 == 0 else None
        queries.append((terms, boosts))
    queries.append((["unknown"], None))
    return queries


@pytest.mark.parametrize("mode", ["dense", "pruned"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_random_queries_top_k_and_scores(random_corpus, random_queries, variant, mode, request):
    if mode == "pruned":
        request.getfixturevalue("pruned")
    params = BM25Params(variant=variant)
    reference = params.model(random_corpus)
    ours = FieldIndex.build(random_corpus, params)
    for i, (terms, boosts) in enumerate(random_queries):
        if boosts is None:
            expected = reference.get_scores(terms)
        else:  # a boost is the same as repeating the term, which get_scores adds once per occurrence
            expected = sum(b * reference.get_scores([t]) for t, b in zip(terms, boosts, strict=True))
        np.testing.assert_allclose(ours.scores(terms, boosts), expected, rtol=1e-6, atol=1e-12)
        for k in (1, 10, 50):
            assert_same_top(ours.top_k(terms, k, boosts), expected, k, f"query {i}, k={k}")


def test_repeated_query_term_counts_twice(random_corpus):
    reference = BM25Params().model(random_corpus)
    ours = FieldIndex.build(random_corpus)
    np.testing.assert_allclose(ours.scores(["w3", "w3", "w40"]), reference.get_scores(["w3", "w3", "w40"]), rtol=1e-6)


def test_bm25plus_scores_passages_without_the_terms(random_corpus):
    """BM25Plus gives idf·delta for each query term to every passage, even an empty one."""
    reference = BM25Params(variant="plus").model(random_corpus)
    ours = FieldIndex.build(random_corpus, BM25Params(variant="plus"))
    scores = ours.scores(["w250", "w3"])
    assert scores[10] > 0  # passage 10 is empty
    np.testing.assert_allclose(scores[10], reference.get_scores(["w250", "w3"])[10], rtol=1e-12)


def test_top_k_with_fewer_matches_than_k_fills_by_passage_order():
    corpus = [["a"], ["b"], ["c", "a"], [], ["d"]]
    for variant in VARIANTS:
        ours = FieldIndex.build(corpus, BM25Params(variant=variant))
        expected = BM25Params(variant=variant).model(corpus).get_scores(["a"])
        assert_same_top(ours.top_k(["a"], 4), expected, 4, variant)
        assert_same_top(ours.top_k(["zzz"], 3), np.zeros(5), 3, variant)


# --- postings plumbing -------------------------------------------------------------------------


def test_merged_postings_equal_building_all_at_once(random_corpus):
    whole = FieldIndex.build(random_corpus)
    first, second = bag_of_words(random_corpus[:1500]), bag_of_words(random_corpus[1500:])
    n = len(random_corpus)
    merged = FieldIndex.from_postings(
        merge_postings([(second, np.arange(1500, n, dtype=np.int32)), (first, np.arange(1500, dtype=np.int32))], n)
    )
    for term in whole.vocab:
        assert merged.postings(term).tolist() == whole.postings(term).tolist()
    np.testing.assert_array_equal(merged.scores(["w1", "w77"]), whole.scores(["w1", "w77"]))


def test_dropping_passages_drops_terms_no_passage_has():
    corpus = [["a", "b"], ["only", "b"], ["c"]]
    where = np.array([0, -1, 1], dtype=np.int32)  # passage 1 goes away
    index = FieldIndex.from_postings(merge_postings([(bag_of_words(corpus), where)], 2))
    assert sorted(index.vocab) == ["a", "b", "c"]
    assert index.postings("b").tolist() == [0]
    assert index.postings("c").tolist() == [1]
    assert index.df("only") == 0 and index.term_idf("only") == 0.0


def test_round_trip_and_contains(random_corpus):
    index = FieldIndex.build(random_corpus)
    again = FieldIndex.from_postings(index.to_postings())
    assert again.terms == index.terms
    np.testing.assert_array_equal(again.ids, index.ids)
    np.testing.assert_array_equal(again.weights, index.weights)
    for term in ("w0", "w150"):
        members = set(index.postings(term).tolist())
        assert all(index.contains(term, p) == (p in members) for p in range(0, 4000, 37))
    assert not index.contains("unknown", 0)


def test_select_top_k_breaks_ties_by_passage_order():
    ids, scores = select_top_k(np.array([9, 3, 5, 1]), np.array([1.0, 2.0, 1.0, 1.0]), 3)
    assert ids.tolist() == [3, 1, 5]
    assert scores.tolist() == [2.0, 1.0, 1.0]


# --- several fields summed (a field and its titles in the engine) ---------------------------------


def test_posting_sums_are_dense_scores_without_the_constant(random_corpus, random_queries):
    n = len(random_corpus)
    fields = [FieldIndex.build([doc[i::2] for doc in random_corpus]) for i in range(2)]
    for terms, boosts in random_queries:
        queries = [fields[0].query(terms, boosts), fields[1].query(terms).scaled(0.3)]
        constant = sum(q.constant for q in queries)
        np.testing.assert_allclose(bm25.posting_sums(queries, n) + constant, bm25.dense_scores(queries, n), rtol=1e-12)


def test_multi_field_top_k_with_prior_equals_dense(random_corpus, random_queries, pruned):
    """bm25.top_k over two fields with a prior: MaxScore's bounds times the largest prior."""
    rng = np.random.default_rng(8)
    n = len(random_corpus)
    fields = [FieldIndex.build([doc[i::2] for doc in random_corpus]) for i in range(2)]
    prior = rng.uniform(0.5, 1.0, n)
    for i, (terms, boosts) in enumerate(random_queries):
        queries = [fields[0].query(terms, boosts), fields[1].query(terms).scaled(0.3)]
        for p in (None, prior):
            expected = bm25.dense_scores(queries, n, p)
            ids, scores = bm25.top_k(queries, 10, n, p)
            ref_ids, ref_scores = reference_top(expected, 10)
            assert ids.tolist() == ref_ids.tolist(), f"query {i}"
            np.testing.assert_allclose(scores, ref_scores, rtol=1e-9)


def test_scores_of_a_few_passages_equal_dense_scores(random_corpus):
    field = FieldIndex.build(random_corpus)
    query = [field.query(["w1", "w40", "w200", "unknown"], [1.0, 0.3, 2.0, 1.0])]
    passages = np.array([0, 10, 20, 30, 3999])
    np.testing.assert_allclose(
        bm25.scores_of(query, passages), bm25.dense_scores(query, len(random_corpus))[passages], rtol=1e-12
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_weights_from_the_saturation_table_are_the_formulas_bit_for_bit(random_corpus, variant, monkeypatch):
    with_table = FieldIndex.build(random_corpus, BM25Params(variant=variant))
    monkeypatch.setattr(bm25, "SATURATION_TABLE_MAX", 0)
    formula = FieldIndex.build(random_corpus, BM25Params(variant=variant))
    assert np.array_equal(with_table.weights, formula.weights)
