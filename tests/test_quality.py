"""Quality floors: retrieval must not silently get worse.

Each floor sits a little under what `python -m bot eval` measures today (numbers in the issue
notes); raise them when the method improves, never lower them to make a change pass.
"""

from pathlib import Path

import pytest

from bot.evaluation import (
    ALL,
    OUT_OF_SCOPE,
    TWINS,
    TWINS_ORIGINAL,
    evaluate,
    format_answer_lines,
    format_report,
    load_questions,
    restoration,
)

from .conftest import shared_path

OWN_QUESTIONS = Path(__file__).parent.parent / "benchmarks" / "own_questions.jsonl"
FRESH_QUESTIONS = Path(__file__).parent.parent / "benchmarks" / "fresh_questions.jsonl"


@pytest.fixture(scope="module")
def dev_report(party_engine):
    report = evaluate(party_engine, load_questions(shared_path("eval", "dev.jsonl")))
    print(format_report(report, "dev"))
    return report


@pytest.fixture(scope="module")
def dev_real_report(party_engine):
    report = evaluate(party_engine, load_questions(shared_path("eval", "dev_real.jsonl")))
    print(format_report(report, "dev_real"))
    return report


@pytest.fixture(scope="module")
def alqac_report(alqac_engine):
    questions = load_questions(shared_path("data", "alqac2023", "train_questions.jsonl"))
    report = evaluate(alqac_engine, questions, lines=False)
    print(format_report(report, "ALQAC train"))
    return report


@pytest.mark.corpus
def test_dev_ranking(dev_report):
    overall = dev_report.overall
    assert overall.hit(1) >= 0.74  # measured 0.78 / 0.95 / 0.86 (2026-11-30)
    assert overall.hit(3) >= 0.90
    assert overall.mrr >= 0.83


@pytest.mark.corpus
def test_dev_every_style(dev_report):
    for style, score in dev_report.styles.items():
        if style not in (ALL, OUT_OF_SCOPE, TWINS, TWINS_ORIGINAL):
            assert score.hit(3) >= 0.70, style


@pytest.mark.corpus
def test_dev_typed_without_marks_is_nearly_as_good(dev_report):
    with_marks, without = dev_report.styles[TWINS_ORIGINAL], dev_report.styles[TWINS]
    assert with_marks.n == without.n >= 60
    assert without.hit(3) >= with_marks.hit(3) - 0.06


@pytest.mark.corpus
def test_marks_come_back_as_the_member_typed_them(party_engine):
    """The dev sets' questions typed with marks, folded and restored: measured 79 of 2,568 syllables
    misread (3.1 %) and 122 of 1,211 content words missed (10.1 %), 2026-11-30; the restorer that read
    each word alone misread 4.4 % and missed 12.4 %."""
    questions = load_questions(shared_path("eval", "dev.jsonl")) + load_questions(shared_path("eval", "dev_real.jsonl"))
    restored = restoration(party_engine, questions)
    print(restored)
    assert restored.syllables > 2000
    assert restored.misread / restored.syllables <= 0.035
    assert restored.missed / restored.words <= 0.11


@pytest.mark.corpus
def test_dev_knows_when_not_to_answer(dev_report):
    assert dev_report.overall.answered_share >= 0.93
    assert dev_report.rejected >= 0.80


@pytest.mark.corpus
def test_real_questions_ranking(dev_real_report):
    # issue 11: 0.56 / 0.82 / 0.71 (2026-11-30; before issue 11: 0.31 / 0.54 / 0.46)
    overall = dev_real_report.overall
    assert overall.hit(1) >= 0.52
    assert overall.hit(3) >= 0.79
    assert overall.mrr >= 0.68


@pytest.mark.corpus
def test_real_questions_are_answered(dev_real_report):
    assert dev_real_report.overall.answered_share >= 0.92  # measured 0.97 (38/39)
    # typed without marks, real questions lose little
    assert dev_real_report.styles[TWINS].hit(3) >= dev_real_report.styles[TWINS_ORIGINAL].hit(3) - 0.08


@pytest.mark.corpus
def test_questions_of_our_own_beside_the_dev_sets(party_engine):
    """benchmarks/own_questions.jsonl: 43 answerable questions written for this round from the documents
    (gold phrases found before searching), a check beside the dev sets, which every change so far
    was tuned on. Two thesaurus entries ("già yếu", "tối thiểu") were added after F09, F03 failed."""
    report = evaluate(party_engine, load_questions(OWN_QUESTIONS))
    print(format_report(report, "own questions"))
    assert report.overall.hit(3) >= 0.78  # measured 0.81 / MRR 0.73 (2026-11-30; the first 35: 0.74 / 0.68 before)
    assert report.overall.mrr >= 0.70
    # fourteen long out-of-scope messages (a bank loan, a land dispute…): eight the bar of long
    # messages (SearchSettings.long_min_answerability) was checked against, six written after it
    # was set; none may be answered
    assert report.rejected == 1.0


@pytest.mark.corpus
def test_fresh_questions_written_without_the_search(party_engine):
    """benchmarks/fresh_questions.jsonl: 394 answerable questions (86 stories, 140 short questions in
    members' words, 90 as posted on Q&A sites) written by eighteen helpers who never ran the search, from
    documents drawn at random, and 63 out-of-scope messages (at least 25 of them stories about a loan, a car,
    a land dispute… with a member's asking sentence). The floors sit just under today's score; see
    benchmarks/ROUNDS.md ("Ninth round" to "Eighteenth round") for what each batch scored when first run."""
    report = evaluate(party_engine, load_questions(FRESH_QUESTIONS))
    print(format_report(report, "fresh questions"))
    # batches F, K, O, H and I (22 questions each, written in the fourteenth to sixteenth rounds, hit@3
    # 0.55, 0.59, 0.64, 0.77 and 0.68 when first run) lowered every rate: floors follow the set, not a loss
    assert report.overall.hit(3) >= 0.75  # measured 0.78 / MRR 0.68 / answered 0.93 (2026-12-01, 394)
    assert report.overall.mrr >= 0.65
    assert report.overall.answered_share >= 0.90
    assert report.rejected >= 0.80  # 0.84
    assert report.lines[ALL].rate >= 0.49  # 0.51


@pytest.mark.corpus
def test_alqac_same_settings(alqac_report):
    assert alqac_report.overall.hit(3) >= 0.92
    assert alqac_report.overall.mrr >= 0.90


@pytest.mark.corpus
def test_answer_line_rate(dev_report, dev_real_report):
    """The quoted answer line shown first contains a gold phrase (issue 10; goal 0.70 on dev)."""
    dev, real = dev_report.lines, dev_real_report.lines
    print(format_answer_lines(dev), format_answer_lines(real), sep="\n")
    assert dev[ALL].rate >= DEV_LINE_FLOOR
    assert real[ALL].rate >= REAL_LINE_FLOOR


DEV_LINE_FLOOR = 0.70  # measured 0.72 (67/93, 2026-11-30)
REAL_LINE_FLOOR = 0.48  # measured 0.51 (20/39, 2026-11-30)
