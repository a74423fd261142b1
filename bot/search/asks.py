"""What kind of answer a question asks for, and whether a text gives it.

"Bao lâu" is answered by a duration ("mười hai tháng"), "bao nhiêu", "tối đa" by a count
("hai phần ba", "20%"), "ai", "cấp nào" by a body ("cấp uỷ cấp trên trực tiếp"), "khi nào",
"trước ngày nào" by a date ("ngày 25", "6/1925"), "bao lâu một lần", "mấy lần" by a frequency
("mỗi quý một lần", "năm năm hai lần", "hằng năm"). Two stages use this:

- the search weighs a passage that gives what is asked a little above one that only shares the
  question's words (`SearchSettings.answer_kind_weight`): an article about a deadline that states
  none loses to the one that states it;
- the answer line prefers, within the first passages, the sentence that gives it.

A story that states how long or how many and asks yes or no is checked against a rule's threshold:
"Đồng chí A được kết nạp ngày 10/3/2024. Đến tháng 2/2025 chi bộ xét công nhận chính thức … có đúng
không?" asks for a duration ("thời kỳ dự bị mười hai tháng"), "… 15 đảng viên chính thức … 9 tán
thành. Chi bộ đã đủ điều kiện … chưa?" for a count ("ít nhất hai phần ba").

"Thời hạn" alone does not ask for a duration: it is the topic of "thời hạn lưu trữ theo thời hạn
nào?" as often as it asks; the question word says what is asked ("thời hạn khiếu nại là bao lâu").
As a duration ask it lost a dev answer line; "hết hạn", "quá hạn", "còn hạn" do ask one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.vietnamese import match_form, normalize

DURATION, QUANTITY, BODY, TIME, FREQUENCY = "duration", "quantity", "body", "time", "frequency"
GIVES = (DURATION, QUANTITY, BODY, TIME, FREQUENCY)

_WORD = re.compile(r"\w+")

# What a question asks for, matched on the question folded ("bao lâu" → "bao lau").
_ASKS = {
    # "… để lâu có bị hết hạn không?" asks how long a paper stays valid ("Quá 60 tháng, kể từ ngày …")
    DURATION: re.compile(
        r"\b(?:bao lau|het han|qua han|con han|(?:may|bao nhieu) (?:ngay|thang|nam|tuan|gio|phut|quy|nhiem ky))\b"
    ),
    # "ngày mấy", "tháng mấy" ask for a date ("hạn chót tới ngày mấy"), not a count
    QUANTITY: re.compile(r"\b(?:bao nhieu|(?<!ngay )(?<!thang )(?<!nam )may|may lan|toi da|toi thieu|it nhat|ty le)\b"),
    BODY: re.compile(r"\b(?:ai|co quan nao|cap nao|to chuc nao|don vi nao|ban nao|bo phan nao|tham quyen)\b"),
    TIME: re.compile(
        r"\b(?:khi nao|luc nao|bao gio|nam nao|ngay nao|thang nao|thoi gian nao|thoi diem nao|moc nao|dot nao"
        r"|(?:ngay|thang|nam) may(?! lan))\b"
    ),
    # "bao lâu họp một lần" (or "một buổi", "một đợt"), "mấy năm một lần", "mấy lần": a "mỗi quý
    # một lần" answers, which states no duration
    FREQUENCY: re.compile(
        r"\b(?:(?:bao lau|(?:may|bao nhieu) (?:ngay|tuan|thang|quy|nam|nhiem ky))"
        r"(?: \w+){0,6} (?:mot|1) (?:lan|buoi|dot|ky)"
        r"|(?:may|bao nhieu) lan)\b"
    ),
}

# A yes-or-no question ("… có đúng không", "… chưa") after a span of time ("45 tháng", "10/3/2024",
# "tháng 2/2025") or a count of members ("15 đảng viên", "9 phiếu"). Ages are left out: "Bố tôi 78
# tuổi … xin thôi sinh hoạt có được không?" asks for a procedure (it lost its rank when they counted).
_YES_OR_NO = re.compile(r"\b(?:khong|chua)$")
_STATES_SPAN = re.compile(r"\b(?:\d+ (?:ngay|thang|nam|tuan)|\d{1,2} \d{4})\b")
_STATES_COUNT = re.compile(r"\b\d+ (?:dang vien|nguoi|phieu|uy vien|cap uy vien|thanh vien)\b")

# What gives it, matched on the text with its marks: folded, "từ ngày" would read as "tư (4) ngày".
_NUMBER = (
    r"(?:\d+(?:[.,]\d+)?|(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|trăm)"
    r"(?: (?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|linh|lẻ))*)"
)
# "một", "năm", "tư" alone are mostly not counts: "một trong các trường hợp", "năm nay", "tư tưởng"
_LONE = r"(?!(?:một|năm|tư) (?!phần|trăm|mươi|nghìn|ngàn|triệu|lần))"
# "12 tháng", "mười hai tháng": a number before its unit; "tháng 6", "năm 2023" are dates.
_NOT_DATE = r"(?<!\w)(?<!năm )(?<!ngày )(?<!tháng )(?<!số )(?<!điều )(?<!khoản )(?<!khóa )"
_GIVES = {
    DURATION: re.compile(rf"{_NOT_DATE}{_NUMBER} (?:ngày|tháng|năm|tuần|giờ|phút|quý|nhiệm kỳ)(?!\w)"),
    QUANTITY: re.compile(rf"{_NOT_DATE}{_LONE}{_NUMBER}%? (?:phần \w+|(?!tháng(?!\w)|năm(?!\w)|ngày(?!\w)|\d)\w+)"),
    BODY: re.compile(
        r"(?<!\w)(?:cấp ủy|chi bộ|đảng ủy|ban thường vụ|ban chấp hành|ủy ban kiểm tra|bộ chính trị|ban bí thư"
        r"|chi ủy|đại hội|hội nghị|tỉnh ủy|huyện ủy|thành ủy|trung ương|có thẩm quyền)(?!\w)"
    ),
    # "ngày 25" answers "ngày nào" as "25/5" does
    TIME: re.compile(
        r"(?<!\w)(?:(?:19|20)\d\d|ngày \d{1,2}|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|tháng \d{1,2}(?:/\d{4})?)(?!\w)"
    ),
    # "1,5 lần so với số lượng" is a ratio, not how often
    FREQUENCY: re.compile(
        rf"(?<![\w.,])(?:(?:mỗi|hằng|hàng) (?:ngày|tuần|tháng|quý|năm|nhiệm kỳ)|{_NUMBER} lần(?! so))(?!\w)"
    ),
}
_ENUMERATION = re.compile(r"^\s*(?:\d+|[a-zđ])[.)]\s+", re.MULTILINE)  # "2. Các …": a list number


def asked(question: str) -> frozenset[str]:
    """The kinds of answer a question asks for. A duration is also a count and may be a date
    ("mấy tháng"): asked for a duration, a count or a date is not asked besides."""
    folded = " ".join(_WORD.findall(match_form(normalize(question))))
    kinds = {kind for kind, pattern in _ASKS.items() if pattern.search(folded)}
    if _YES_OR_NO.search(folded):
        kinds |= {DURATION} if _STATES_SPAN.search(folded) else set()
        kinds |= {QUANTITY} if _STATES_COUNT.search(folded) else set()
    return frozenset(kinds - {QUANTITY, TIME} if DURATION in kinds else kinds)


def given(text: str, among: Iterable[str] = GIVES) -> frozenset[str]:
    """The kinds of answer a text gives, of those `among` (the answer line looks only for what
    its question asks, once per stretch of every passage)."""
    body = " ".join(_ENUMERATION.sub(" ", normalize(text).lower()).split())
    return frozenset(kind for kind in among if _GIVES[kind].search(body))
