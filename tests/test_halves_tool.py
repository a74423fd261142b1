"""The halves benchmark (benchmarks/halves.py): each half's numbers, what moved on it, and never a
question's text (unread batches are compared through it)."""

from __future__ import annotations

from benchmarks.halves import SELECTION, compare, question_sets, without_groups
from bot.evaluation import HALVES, Outcome, fold_of
from bot.search.engine import SearchEngine

GOLD = [{"phrase": "thời kỳ dự bị mười hai tháng"}]


def _questions() -> list[dict]:
    """Two answerable questions on different halves and one out of scope."""
    by_half: dict[int, dict] = {}
    n = 0
    while len(by_half) < HALVES:
        q = {"id": f"Q{n}", "style": "natural", "question": f"câu hỏi bí mật số {n}", "gold": GOLD}
        by_half.setdefault(fold_of(q, HALVES), q)
        n += 1
    out = {"id": "OUT", "style": "out_of_scope", "question": "câu hỏi bí mật ngoài phạm vi", "gold": []}
    return [by_half[0], by_half[1], out]


def _run(q: dict, rank: int | None, answered: bool, line: bool | None) -> Outcome:
    return Outcome(q["id"], fold_of(q, HALVES), q["style"], rank, answered, line)


def test_each_half_has_its_numbers_and_what_moved_by_id_only():
    first, second, out = _questions()
    before = {r.id: r for r in (_run(first, 4, True, False), _run(second, 1, True, True), _run(out, None, False, None))}
    after = [_run(first, 1, True, True), _run(second, 2, True, True), _run(out, None, True, None)]
    text = compare("dev", [first, second, out], after, before)
    halves = {
        half: line for half in range(HALVES) for line in text.splitlines() if line.startswith(f"dev half {half}:")
    }
    assert "1 answerable, 1.00 / 1.00 / 1.00 / 1.00, line 1.00" in halves[0]
    assert "1 answerable, 0.00 / 1.00 / 0.50 / 1.00, line 1.00" in halves[1]
    out_half = fold_of(out, HALVES)
    assert "rejected 0.00 of 1" in halves[out_half]  # the out-of-scope question is now answered: worse
    # half 0: rank 4 → 1 and the line won; half 1: rank 1 → 2; and the answered out-of-scope question
    worse = {0: 0, 1: 1}
    worse[out_half] += 1
    assert f"2 better, {worse[0]} worse" in halves[0] and f"0 better, {worse[1]} worse" in halves[1]
    assert f"↓ {second['id']}" in text and f"↑ {first['id']}" in text and "↓ OUT" in text
    assert "bí mật" not in text


def test_without_a_saved_run_only_the_numbers_are_printed():
    first, second, out = _questions()
    runs = [_run(first, None, False, False), _run(second, 3, True, False), _run(out, None, False, None)]
    text = compare("fresh", [first, second, out], runs, None)
    assert len(text.splitlines()) == HALVES
    assert "better" not in text and "0.00 / 0.00 / 0.00 / 0.00, line 0.00" in text


def test_the_sets_are_the_read_ones_and_the_batches_used_in_selection():
    sets = question_sets()
    assert list(sets) == ["dev", "dev_real", "own", "fresh", *SELECTION, "alqac_train"]
    assert all(path.exists() for name, (path, _) in sets.items() if name in SELECTION)
    assert sets["alqac_train"][1] != sets["dev"][1]  # ALQAC is searched in its own corpus
    assert "UM" in question_sets((*SELECTION, "UM"))


def test_without_groups_abbreviations_are_still_spelled_out_but_no_group_is_searched(party_engine):
    engine = SearchEngine(party_engine.index, party_engine.settings, party_engine.synonyms)
    question = "ĐV đi xuất khẩu lao động thì sinh hoạt thế nào?"
    with_groups = engine.synonyms.expand(question)
    assert "đảng viên" in with_groups.text and with_groups.alternatives  # the list's group for "xuất khẩu lao động"
    bare = without_groups(engine).synonyms.expand(question)
    assert bare.text == with_groups.text and not bare.alternatives
    assert party_engine.synonyms.groups  # the shared engine keeps its list
