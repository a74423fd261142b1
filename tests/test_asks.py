"""What a question asks for and whether a text gives it (bot/search/asks.py)."""

import pytest

from bot.search.asks import BODY, DURATION, FREQUENCY, QUANTITY, TIME, asked, given


@pytest.mark.parametrize(
    "question,kinds",
    [
        ("Đảng viên dự bị bao lâu thì được xét chuyển chính thức?", {DURATION}),
        ("dang vien du bi bao lau", {DURATION}),
        ("Chi bộ phải họp mấy tháng một lần?", {DURATION, FREQUENCY}),  # a duration, not a count besides
        # how often: "mỗi quý một lần" answers and states no duration
        ("Chi bộ bao lâu phải sinh hoạt chuyên đề một lần?", {DURATION, FREQUENCY}),
        ("chi bo hop may lan mot thang", {QUANTITY, FREQUENCY}),
        ("Phải được ít nhất bao nhiêu thành viên đề nghị?", {QUANTITY}),
        ("Kỷ luật tổ chức đảng do cấp nào quyết định?", {BODY}),
        ("KL 221 yêu cầu sắp xếp xong trước ngày nào?", {TIME}),
        # "thời hạn" is the topic here, not the question: the retention period it asks is named
        ("Một hồ sơ có nhiều thời hạn lưu thì giữ theo thời hạn nào?", set()),
        ("Điều kiện kết nạp đảng viên", set()),
    ],
)
def test_what_a_question_asks_for(question, kinds):
    assert asked(question) == kinds


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("Người được kết nạp phải trải qua thời kỳ dự bị mười hai tháng.", {DURATION, QUANTITY}),
        ("Bản tin phát hành trước ngày 25 hằng tháng.", {TIME, FREQUENCY}),
        ("Tổ chức sinh hoạt chuyên đề, ít nhất mỗi quý 1 lần.", {QUANTITY, FREQUENCY}),
        ("Đại hội chi bộ do chi uỷ triệu tập năm năm hai lần", {DURATION, FREQUENCY, BODY}),
        ("Hệ số quy hoạch từ 1,0 - 1,5 lần so với số lượng cấp ủy", {QUANTITY, BODY}),  # a ratio, not how often
        ("Cấp uỷ cấp trên trực tiếp quyết định khiển trách tổ chức đảng cấp dưới.", {BODY}),  # old mark placement
        ("phải được ít nhất hai phần ba số thành viên đề nghị", {QUANTITY}),
        # dates and article numbers are not durations or counts; a list number is not a count
        ("Theo Điều 5 khoản 2, từ năm 2023.", {TIME}),
        ("2. Các đảng viên tự kiểm điểm", set()),
        # "một", "năm", "tư" alone are an article, a year and a syllable of "tư tưởng", not counts
        ("Chỉ giải tán một tổ chức đảng khi phạm một trong các trường hợp", set()),
        ("Kế hoạch năm nay quán triệt tư tưởng chỉ đạo", set()),
        ("Mỗi tổ có một phần ba số thành viên; năm mươi người dự", {QUANTITY}),
        ("Mỗi năm kiểm điểm một lần", {QUANTITY, FREQUENCY}),  # how many times: "mấy lần" ("tháng một" is January)
    ],
)
def test_what_a_text_gives(text, kinds):
    assert given(text) == kinds
