"""The throughput benchmark's runner (benchmarks/throughput.py) on a small folder: every question
reaches the real bot process through the fake Bot API server and gets exactly one message back.
Nothing here is timed: speed is the benchmark's business, not the tests'."""

from __future__ import annotations

from benchmarks import throughput
from tests.bot_harness import PROBATION_QUESTION, make_knowledge
from tests.conftest import TEST_CACHE

QUESTIONS = [
    PROBATION_QUESTION,
    "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?",
    "xzqw vbnm plkj",  # nothing to find: the polite no-answer still counts as answered
]


def test_every_question_of_every_variant_gets_one_message(tmp_path):
    knowledge = make_knowledge(tmp_path / "knowledge")
    report = throughput.run(knowledge, QUESTIONS, chats=3, total=6, cache=TEST_CACHE, rate=50, timeout=60, pause=0)
    assert [b.variant for b in report.bursts] == ["private", "group, @mention", "private, 50/s"]
    for burst in report.bursts:
        assert (burst.answered, burst.lost, burst.extra, burst.refused) == (6, 0, 0, []), burst
        assert burst.not_found == 2 == report.engine_not_found  # the nonsense question, asked twice
        assert len(burst.latencies) == 6 and burst.api_calls["sendMessage"] == 6
