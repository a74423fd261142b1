"""A story's numbers against a rule's thresholds (bot/search/thresholds.py) and the answer line that uses them."""

from __future__ import annotations

import pytest

from bot.answer import answer
from bot.search import answerline
from bot.search.answerline import answer_line, question_of
from bot.search.thresholds import Fact, Limit, deciding, facts, limits, meets

BRANCH_RULES = (
    "4. Chi bộ có dưới chín đảng viên chính thức, bầu bí thư chi bộ; nếu cần, bầu phó bí thư. "
    "Chi bộ có chín đảng viên chính thức trở lên, bầu chi uỷ, bầu bí thư và phó bí thư chi bộ trong số chi uỷ viên."
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Chi bộ có 11 đảng viên, trong đó 8 đồng chí là đảng viên chính thức và 3 đồng chí đang dự bị.",
            {Fact(8, "dang vien chinh thuc"), Fact(3, "dang vien du bi")},  # "11 đảng viên" counts both
        ),
        (
            "Chi bộ có 11 đảng viên, trong đó 7 đồng chí chính thức và 4 đồng chí dự bị.",
            {Fact(7, "dang vien chinh thuc"), Fact(4, "dang vien du bi")},  # counted by their standing alone
        ),
        ("Từ tháng 7 chính thức áp dụng", set()),  # a month, not members
        ("Lúc đó ông P. đã 61 tuổi.", {Fact(61, "tuoi")}),
        ("Mới chuyển công tác về được 8 tháng, tổng cộng 2 năm", {Fact(8, "thang"), Fact(24, "thang")}),
        ("Bố tôi 83 tuổi, đã hơn 50 năm tuổi Đảng.", {Fact(83, "tuoi")}),  # party years are no span of the case
        ("Tháng 1 năm 2019, đảng viên A xin nghỉ; kết nạp ngày 15/9/2025", set()),  # dates
        ("Người trên 60 tuổi có được vào Đảng không?", set()),  # a threshold the member names
        ("Tôi sang Hàn Quốc 9 tháng, phải nộp phiếu trong thời hạn bao lâu?", set()),  # asks for the number
    ],
)
def test_the_numbers_of_a_case(question, expected):
    assert set(facts(question)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chi bộ có dưới chín đảng viên chính thức", [Limit("dang vien chinh thuc", 9, above=False, inclusive=False)]),
        ("Chi bộ có chín đảng viên chính thức trở lên", [Limit("dang vien chinh thuc", 9, above=True, inclusive=True)]),
        ("những người trên 60 tuổi", [Limit("tuoi", 60, above=True, inclusive=False)]),
        ("cùng công tác với người vào Đảng ít nhất một năm", [Limit("thang", 12, above=True, inclusive=True)]),
        ("không quá 30 tháng", [Limit("thang", 30, above=False, inclusive=True)]),
        ("thời gian từ 3 tháng đến dưới 12 tháng", []),  # a range: its end is no threshold of its own
        ("thời kỳ dự bị mười hai tháng", []),  # a duration, not a threshold
    ],
)
def test_the_thresholds_a_rule_sets(text, expected):
    assert limits(text) == expected


def test_a_number_splits_cases_only_where_two_rules_mirror_it():
    assert deciding([BRANCH_RULES]) == {("dang vien chinh thuc", 9.0)}
    assert deciding(["còn từ 30 tháng đến 60 tháng", "ít nhất từ 48 tháng trở lên", "không quá 30 tháng"]) == set()
    seven, twelve = (Fact(7, "dang vien chinh thuc"),), (Fact(12, "dang vien chinh thuc"),)
    split = deciding([BRANCH_RULES])
    assert meets(seven, "Chi bộ có dưới chín đảng viên chính thức, bầu bí thư chi bộ", split)
    assert not meets(twelve, "Chi bộ có dưới chín đảng viên chính thức, bầu bí thư chi bộ", split)
    assert meets(twelve, "Chi bộ có chín đảng viên chính thức trở lên, bầu chi uỷ", split)


def _asked(text: str):
    return question_of(text, [w for w in text.split() if w], [], lambda w: 1.0)


@pytest.mark.parametrize(
    ("members", "opening"),
    [("7", "Chi bộ có dưới chín đảng viên chính thức"), ("12", "Chi bộ có chín đảng viên chính thức trở lên")],
)
def test_the_line_is_the_rule_the_storys_number_falls_on(members, opening, monkeypatch):
    question = (
        f"Chi bộ có {members} đảng viên chính thức và 3 đảng viên dự bị, "
        "đại hội bầu chi ủy rồi bầu bí thư có đúng không?"
    )
    line = answer_line(_asked(question), [BRANCH_RULES])
    assert line is not None and line.text.startswith(opening), line
    if members == "7":  # the other rule shares more of the story's words
        monkeypatch.setattr(answerline, "THRESHOLD_BONUS", 0.0)
        line = answer_line(_asked(question), [BRANCH_RULES])
        assert line is not None and not line.text.startswith(opening)


@pytest.mark.corpus
def test_an_age_picks_the_rule_for_that_age(party_engine):
    # the handbook's two items differ only in "dưới 80 tuổi" / "từ 80 tuổi trở lên"
    found = answer(
        party_engine,
        "Mẹ tôi 85 tuổi, tay run không tự viết đơn xin miễn sinh hoạt đảng được, người nhà viết thay có được không?",
    )
    assert found.line is not None and "từ 80 tuổi trở lên" in found.line.text, found.line
