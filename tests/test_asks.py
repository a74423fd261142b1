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
        ("Chi ủy bao lâu phải họp một buổi?", {DURATION, FREQUENCY}),  # a meeting, a round: "một buổi", "một đợt"
        ("Phải được ít nhất bao nhiêu thành viên đề nghị?", {QUANTITY}),
        ("Kỷ luật tổ chức đảng do cấp nào quyết định?", {BODY}),
        ("bo phan nao giu ho so dang vien", {BODY}),
        ("Đảng viên đủ 30 năm tuổi đảng được trao huy hiệu vào đợt nào?", {TIME}),  # "Đợt 02/9: …"
        ("KL 221 yêu cầu sắp xếp xong trước ngày nào?", {TIME}),
        # "ngày mấy", "tháng mấy" ask for a date, not a count; "năm mấy lần" for how often
        ("Chấm điểm xếp loại công chức cuối năm phải làm xong trước ngày mấy?", {TIME}),
        ("dang thanh lap nam may", {TIME}),
        ("chi bo trong nam may lan phai hop chuyen de", {QUANTITY, FREQUENCY}),
        # how long a paper stays valid: "Quá 60 tháng, kể từ ngày … được cấp Giấy chứng nhận …"
        ("Giấy chứng nhận học lớp cảm tình Đảng để lâu có bị hết hạn không?", {DURATION}),
        ("giay gioi thieu sinh hoat dang qua han thi lam the nao", {DURATION}),
        # "thời hạn" is the topic here, not the question: the retention period it asks is named
        ("Một hồ sơ có nhiều thời hạn lưu thì giữ theo thời hạn nào?", set()),
        ("Điều kiện kết nạp đảng viên", set()),
        # a story stating a span of time or a count of members and asking yes or no: the rule's
        # threshold answers ("thời kỳ dự bị mười hai tháng", "ít nhất hai phần ba")
        (
            "Đồng chí A được kết nạp vào Đảng ngày 10/3/2024. Đến tháng 2/2025, chi bộ họp xét công nhận"
            " đảng viên chính thức cho đồng chí A. Hỏi chi bộ làm như vậy có đúng không?",
            {DURATION},
        ),
        ("dong chi B con 45 thang cong tac, co du dieu kien tai cu cap uy khong", {DURATION}),
        (
            "Chi bộ có 15 đảng viên chính thức, 9 đảng viên tán thành. Chi bộ đã đủ điều kiện đề nghị kết nạp chưa?",
            {QUANTITY},
        ),
        # an age is a fact about the person, the question asks for a procedure
        ("Bố tôi 78 tuổi, muốn xin thôi không đi sinh hoạt chi bộ nữa có được không?", set()),
        # not asking yes or no
        ("Đảng viên kết nạp ngày 10/3/2024 thì làm kiểm điểm thế nào?", set()),
    ],
)
def test_what_a_question_asks_for(question, kinds):
    assert asked(question) == kinds


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("Người được kết nạp phải trải qua thời kỳ dự bị mười hai tháng.", {DURATION, QUANTITY}),
        ("Thời gian sinh hoạt chi bộ: Phải bảo đảm từ 90 phút trở lên.", {DURATION, QUANTITY, BODY}),  # minutes too
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
