"""The answer line: the one to three consecutive sentences of the top passages that answer a question.

A member reading on a phone should not have to find the answer inside three passages. The line is
always a quotation — a stretch of one passage with its whitespace collapsed, cut at a word with "…"
when longer than `MAX_CHARS` — never rewritten. It is chosen by a few general signals, each kept
only because it helped on both halves of the dev sets:

- coverage: the question's content words the stretch contains (with the marks the member typed,
  if any: "đặt" is not "đạt"), weighted by their idf in the index, as a sentence-level BM25 (a
  word said twice counts a little more, a long stretch a little less) — a share of the words' idf
  sum;
- phrases: the share of the question's adjacent word pairs it contains as pairs;
- the passage's rank (the search already weighed the whole passage);
- what the question asks for (asks.py): a number or duration ("bao lâu", "mấy", "bao nhiêu",
  "mấy ngày"), a body ("ai", "cơ quan nào", "cấp nào") or a date ("khi nào", "ngày nào");
- brevity: one sentence that answers beats three that answer no better;
- authority: a stretch of a rule-making document (Điều lệ, Quy định, Hướng dẫn…) gets RULE_BONUS,
  so the rule itself is quoted and cited rather than a handbook or web page quoting it;
- set-up: a lead-in ending in ":", a question restated by a Q&A page or quiz ("…?"), or a
  heading (a short line of its own without closing punctuation) answers nothing itself — a
  stretch never ends on one — but its words count, at a discount, for the sentences after it. A
  label that opens the stretch's own line ("Nơi có tổ chức Đoàn thanh niên: Người vào Đảng…") is
  quoted with it, and its words count in full: it is the rule's condition;
- another case: a sentence that opens with a condition ("Nếu …", "Trường hợp …", "Khi …") the
  question does not describe loses CONDITION_PENALTY, so the rule is quoted rather than its exception;
- the story's numbers: of two rules that split cases at a number ("dưới chín đảng viên chính thức" /
  "chín … trở lên"), the one the story's number falls on ("có 7 đảng viên chính thức") gets
  THRESHOLD_BONUS (thresholds.py);
- a quiz item pasted whole ("… như thế nào? A. Từ 18 tuổi trở lên; B. …"): a stretch that says one of
  its options, and no other, gets OPTION_BONUS.

Measured on halves of ../shared/eval dev.jsonl and dev_real.jsonl (even and odd positions); see
README ("Answers: one policy, the answer line, the cut-off") for the numbers and
benchmarks/ROUNDS.md for what did not help.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.search.analyzer import roman_value
from bot.search.asks import asked, given
from bot.search.thresholds import Fact, deciding, facts, meets
from bot.vietnamese import CAPITALS, fold, has_diacritics, match_form, normalize, one_spelling

MAX_CHARS = 350
MAX_SENTENCES = 3
PASSAGES = 3  # the answer is looked for in this many of the best passages

RANK_PENALTY = 0.1  # per rank below the first
PHRASE_WEIGHT = 0.3
CUE_WEIGHT = 0.4  # 0.2–0.4 tie on the halves of dev and dev_real; 0.4 puts the duration first in Điều 5's answer
EXTRA_SENTENCE_PENALTY = 0.06
# How much of a set-up sentence's coverage a stretch inherits: a list item says what its lead-in
# asks ("2. Hình thức kỷ luật : … - Đối với đảng viên dự bị : khiển trách, cảnh cáo."). 0.4–0.8
# answer one more dev question than 0.3 did and lose none; 1.0 loses three.
CONTEXT_WEIGHT = 0.5
TF_K1 = 0.3
LENGTH_B = 0.5
AVERAGE_WORDS = 40  # a stretch of this many syllables has average length (see _sentence_bm25)
# The rule itself over a page quoting it (see module docstring). 0.1–0.2 tie on the halves of dev and
# dev_real; at 0.1 a handbook's sentence about contract workers ("…từ 12 tháng đến 36 tháng thì đảng
# viên chuyển sinh hoạt…") outscored Điều 5's "thời kỳ dự bị mười hai tháng" by a hair for "dang vien
# du bi bao nhieu thang thi duoc chuyen chinh thuc" once "hoá", "uỷ" words were joined (idf moved).
RULE_BONUS = 0.15
# A stretch that says one of the options of a quiz item pasted with the question, and no other
# ("Bổ sung độ tuổi vào Đảng từ 23 tuổi trở lên" for "… A. Từ 18 tuổi trở lên; … C. Từ 23 tuổi trở
# lên …"): that option is what the member wants confirmed. 0.6 and 1.0 let a sentence naming one
# body of four ("Ban Chấp hành Trung ương") in passing win over the one that answers.
OPTION_BONUS = 0.3
# A stretch longer than MAX_CHARS is quoted from its head unless a later run of its words scores this
# much more (see _excerpt): 0.03–0.1 alike on dev and dev_real.
EXCERPT_MARGIN = 0.05
# ... and its closing run (from a comma or semicolon to the sentence's end) when that one scores at most
# this much less than the best run: a long rule states its condition first and its effect last
# ("… thiếu trung thực làm cho kết quả không chính xác … thì cấp có thẩm quyền phải kịp thời xem xét
# điều chỉnh hoặc huỷ bỏ kết quả đã công bố; đồng thời, tiến hành đánh giá, xếp loại lại theo quy
# định."). 0.05 moves nothing, 0.1 wins two fresh stories' lines, 0.2 loses a dev_real one.
CLOSING_MARGIN = 0.1
# A sentence that opens with a condition the question does not describe (see _unasked_condition)
# answers another case: 0.1 and 0.2 alike; a share of 0.5 took a list's "Trường hợp chi ủy; bí thư…"
# for a condition (a fresh story's line lost), 0.6–0.7 alike. "Khi …", "Sau khi …" count too (an
# older invented question's line and an ALQAC train one won, none lost), even when the question asks
# "trong trường hợp nào": exempting it lost that ALQAC line ("Trong trường hợp các bên … đã có thoả
# thuận trọng tài mà một bên khởi kiện … thì …" for "Trong trường hợp nào thỏa thuận trọng tài bị vô hiệu?").
CONDITION_PENALTY = 0.1
UNASKED_SHARE = 0.6
CONDITION_WORDS = 25
_CONDITION = re.compile(
    r"(?:[-+•]\s*|[a-zđ]\)\s*|\d{1,2}\.\s*)?"  # a list mark
    r"(?:neu|truong hop|rieng|khi|sau khi|trong truong hop)\s+(.*?)(?:\s+thi\s|,|;|:|$)"
)
# A stretch whose threshold the story's number meets, where another rule mirrors it (see
# thresholds.py): 0.2 and 0.3 alike (seven fresh lines won, none lost), 0.1 wins four.
THRESHOLD_BONUS = 0.2
# A question asking for a list ("đảng viên có những nhiệm vụ gì") is answered by the list whose
# lead-in says all its words ("Đảng viên có nhiệm vụ :"), not by a rule that repeats them more
# often ("…thực hiện nhiệm vụ đảng viên…" in the article on discipline). At 0.1–0.3 no verdict of
# the read sets moved (and at 0.2 no line's text): kept for that case, on no measured evidence.
LEAD_BONUS = 0.2

# A sentence ends at . ! ? ; before a capital letter or a list mark; a list item starts a line or
# follows " - " / " + " inline before a capital (web pages flatten lists), except after a capitalised
# word: "kinh tế - xã hội", "chủ nghĩa Mác - Lênin" are one phrase. A line is always a unit of its own.
# (re's look-behind has a fixed width: one per length of the capitalised word.)
_AFTER_NAME = "".join(rf"(?<!(?<!\w)[{CAPITALS}][^\W\d_]{{{k}}})" for k in range(10))
# "TP. Hồ Chí Minh", "PGS. TS. Nguyễn Văn A": the dot of an abbreviation before a name ends nothing.
_NOT_AFTER_TITLE = "".join(rf"(?<!(?<!\w){a}\.)" for a in ("TP", "Tp", "TS", "GS", "PGS", "ThS", "BS", "KS"))
# "1. Tuyệt đối trung thành…", "7.5. Đảng viên nghỉ ốm…": the dot of a list number ends nothing
# either ("1.000." has three digits after its dot and ends a sentence).
_NOT_AFTER_NUMBER = r"(?<!^\d\.)(?<!^\d\d\.)(?<!\s\d\.)(?<!\s\d\d\.)(?<!\d\.\d\.)(?<!\d\.\d\d\.)"
_LIST_NUMBER = re.compile(r"[“\"]?\d{1,2}(?:\.\d{1,2})*\.\s+(?=\S)")  # "“20.3.1. Ở những…": a rule quoted
_SENTENCE_END = re.compile(
    rf"(?<=[.!?;:]){_NOT_AFTER_TITLE}{_NOT_AFTER_NUMBER}\s+(?=[\"“(]?[{CAPITALS}0-9\-+•])"
    rf"|(?=\s+[-+•]\s+[{CAPITALS}]){_AFTER_NAME}\s+"
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class AnswerLine:
    """A quotation that answers: its text and where it comes from (index into the hits given)."""

    text: str
    hit: int  # position of the passage among the hits (0 = the best)
    start: int  # character span in the passage's text
    end: int


@dataclass(frozen=True)
class Question:
    """The parts of a question the scorer uses: content words (space-separated syllables, folded
    unless in `marked`) with their idf, the adjacent pairs (folded), and the kinds of answer it asks
    for (see asks.py)."""

    words: dict[str, float]
    pairs: tuple[str, ...]
    asks: frozenset[str]
    marked: frozenset[str] = frozenset()  # words typed with marks, looked for with the same marks
    case: tuple[Fact, ...] = ()  # the numbers of the member's case ("7 đảng viên chính thức")
    options: tuple[str, ...] = ()  # a pasted quiz item's options, folded ("tu 23 tuoi tro len")
    lists: bool = False  # it asks for a list ("có những nhiệm vụ gì")


def question_of(
    text: str,
    words: list[str],
    pairs: list[str],
    idf: Callable[[str], float],
    marked: bool = False,
    options: Sequence[str] = (),
) -> Question:
    """`words` are the question's content word tokens ("đảng_viên"), `pairs` its folded syllable
    bigrams ("dang_vien"); `idf` gives a word token's idf (0 when the folder never uses it);
    `marked`: the member typed with marks, so a word that has them matches only with the same marks
    ("đặt" is not "đạt", "cờ" not "có"); a word typed without them in such a question still matches
    whatever marks the text gives it; `options`: those of a quiz item pasted with the question."""
    weights: dict[str, float] = {}
    with_marks: set[str] = set()
    for w in words:
        if "#" in w:
            continue
        exact = marked and has_diacritics(w)
        key = " ".join(_WORD.findall((_marked if exact else fold)(w.replace("_", " "))))
        if key and key not in weights:
            weights[key] = idf(w)
            if exact:
                with_marks.add(key)
    known = max(weights.values(), default=0.0) or 1.0
    weights = {k: v or known for k, v in weights.items()}  # a word the folder lacks weighs like the rarest
    return Question(
        weights,
        tuple(dict.fromkeys(p.replace("_", " ") for p in pairs)),
        asked(text),
        frozenset(with_marks),
        facts(text),
        tuple(o for o in (_folded(option).strip() for option in options) if o),
        asks_for_list(text),
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or list item of a passage, in order, blanks skipped."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        position = line.start()
        pieces = _SENTENCE_END.split(line.group())
        for piece in pieces:
            at = text.index(piece, position) if piece else position
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((at + lead, at + len(piece.rstrip())))
            position = at + len(piece)
    return spans


def quote(text: str, limit: int = MAX_CHARS) -> str:
    """Whitespace collapsed; cut at a word with "…" when longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


def _marked(text: str) -> str:
    return _spaced(one_spelling(normalize(text).lower()))


_THOUSANDS_DOT = re.compile(r"(?<=\d)\.(?=\d{3}(?!\d))")


# "09", "003": a count padded with zeros, as the analyzer reads it (its tokens of two or three digits)
_PADDED = re.compile(r"(?<= )(?:00(?=\d )|0(?=\d{1,2} ))")
_ROMAN_AFTER = re.compile(r"(?<= )((?:hội|hoi|khóa|khoa|thứ|thu) ([ivxl]+))(?= )")  # "Đại hội XIV", "khóa XIII"


def _spaced(text: str) -> str:
    """The words between spaces, numbers read as the analyzer reads them: "09/5/2024" is the
    question's "9/5/2024", "03 tháng" its "3 tháng", "1.000 bác sĩ" its "1000 bác sĩ", and "Đại
    hội XIV" also "Đại hội XIV 14"."""
    spaced = _PADDED.sub("", " " + " ".join(_WORD.findall(_THOUSANDS_DOT.sub("", text))) + " ")
    return _ROMAN_AFTER.sub(_with_digits, spaced)


def _with_digits(m: re.Match) -> str:
    value = roman_value(m.group(2))
    return f"{m.group(1)} {value}" if value else m.group(1)


@dataclass(frozen=True)
class _Forms:
    """A stretch as the scorer reads it: with its marks (for the words the member typed with
    them) and folded (for the others and for the pairs); one string when the question has no
    marked words."""

    marked: str
    folded: str

    def of(self, question: Question, key: str) -> str:
        return self.marked if key in question.marked else self.folded


def _forms(question: Question, text: str) -> _Forms:
    if not question.marked:
        folded = _folded(text)
        return _Forms(folded, folded)
    marked = _marked(text)
    return _Forms(marked, fold(marked))


def _folded(text: str) -> str:
    return _spaced(match_form(normalize(text)))


def coverage(question: Question, text: str) -> float:
    """The idf-weighted share of the question's content words that `text` contains as whole words."""
    forms = _forms(question, text)
    total = sum(question.words.values())
    return sum(w for k, w in question.words.items() if f" {k} " in forms.of(question, k)) / total if total else 0.0


def _sentence_bm25(question: Question, forms: _Forms) -> float:
    """BM25 of the stretch against the question's words (idf from the index), as a share of the
    sum of their idf: a word said again counts a little more, a long stretch a little less, so the
    short sentence that states the answer beats a long one that mentions the same words in passing.
    Equals `_coverage` for a stretch of `AVERAGE_WORDS` syllables that says each word once."""
    total = sum(question.words.values())
    if not total:
        return 0.0
    norm = 1 - LENGTH_B + LENGTH_B * (forms.folded.count(" ") - 1) / AVERAGE_WORDS
    value = 0.0
    for k, w in question.words.items():
        tf = forms.of(question, k).count(f" {k} ")
        if tf:
            value += w * tf * (TF_K1 + 1) / (tf + TF_K1 * norm)
    return value / total / (TF_K1 + 1) * (1 + TF_K1)


def _phrases(question: Question, folded: str) -> float:
    return sum(1 for p in question.pairs if f" {p} " in folded) / len(question.pairs) if question.pairs else 0.0


def score(question: Question, text: str, rank: int, sentences: int, context: str = "") -> float:
    """How well a stretch of passage answers (see the module docstring). `context` is the sentence
    just before it when that one sets it up (a lead-in ending in ":" or a restated question): its
    words count as the stretch's own, a little less."""
    forms = _forms(question, text)
    coverage = _sentence_bm25(question, forms)
    if coverage == 0:
        return 0.0
    phrases = _phrases(question, forms.folded)
    if context:
        around = _forms(question, context + " " + text)
        coverage += CONTEXT_WEIGHT * max(0.0, _sentence_bm25(question, around) - coverage)
        phrases += CONTEXT_WEIGHT * (_phrases(question, around.folded) - phrases)
    cue = CUE_WEIGHT * len(given(text, question.asks)) if question.asks else 0.0
    option = OPTION_BONUS if sum(f" {o} " in forms.folded for o in question.options) == 1 else 0.0
    return (
        coverage
        + PHRASE_WEIGHT * phrases
        + cue
        + option
        - RANK_PENALTY * rank
        - EXTRA_SENTENCE_PENALTY * (sentences - 1)
    )


def answer_line(question: Question, passages: list[str], rules: list[bool] | None = None) -> AnswerLine | None:
    """The best stretch of 1–3 consecutive sentences of the first `PASSAGES` passages, or None
    when no sentence contains any of the question's words. `rules[i]`: passage i is of a
    rule-making document."""
    best: tuple[float, int, int, int] | None = None  # score, rank, span in the passage
    passage_spans = [sentence_spans(text) for text in passages[:PASSAGES]]
    split = deciding(passages[:PASSAGES]) if question.case else frozenset()
    for rank, text in enumerate(passages[:PASSAGES]):
        spans = passage_spans[rank]
        for i in range(len(spans)):
            for j in range(i, min(i + MAX_SENTENCES, len(spans))):
                start, end = spans[i][0], spans[j][1]
                if j > i and len(" ".join(text[start:end].split())) > MAX_CHARS:
                    break
                # "2. …", "3. …": each numbered item (an article's khoản) is a rule of its own,
                # quoted with its lead-in ("… có nhiệm vụ :") but not with the item before it
                if j > i and _LIST_NUMBER.match(text, spans[j][0]) and text[spans[j - 1][1] - 1] != ":":
                    break
                if j > i and spans[j][0] in _table_rows(text):
                    break  # a table's row is a record of its own, quoted alone
                units = [text[a:b] for a, b in spans[i : j + 1]]
                if _furniture(units[-1]):  # page furniture answers nothing: no stretch from i goes past it
                    break
                # a question restated by a Q&A page or a quiz, or a heading, answers nothing itself:
                # its words only set up the sentences after it, as a lead-in does
                heads = [_sets_up(text, a, b) for a, b in spans[i : j + 1]]
                said = [u for u, h in zip(units, heads) if not h]
                # the set-up before the answer counts (see _lead_in) but is not shown, a lead-in
                # with its items excepted
                if heads[0] or heads[-1] or units[-1].rstrip().endswith(":"):
                    continue
                lead = _lead_in(text, spans, i)
                if _inline_label(text, spans, i):  # then `lead` is that label (see _lead_in)
                    said, lead = [lead, *said], ""  # quoted with the stretch (see _with_inline_lead_in)
                setup = [lead] if lead else []
                setup += [u for u, h in zip(units, heads) if h]
                value = score(question, " ".join(said), rank, j - i + 1, " ".join(setup))
                if rules and rules[rank] and value > 0:
                    value += RULE_BONUS
                if value > 0 and said and _unasked_condition(question, said[0]):
                    value -= CONDITION_PENALTY
                if value > 0 and split and meets(question.case, " ".join(said), split):
                    value += THRESHOLD_BONUS
                if value > 0 and question.lists:
                    opener = lead or (said[0] if said[0].rstrip().endswith(":") else "")
                    if opener and coverage(question, opener) > 0.999:
                        value += LEAD_BONUS
                if value > 0 and (best is None or value > best[0] + 1e-9):
                    best = (value, rank, start, end)
    if best is None:
        return None
    _, rank, start, end = best
    start = _with_inline_lead_in(passages[rank], passage_spans[rank], start, end)
    return _excerpt(question, passages[rank], rank, _past_list_number(passages[rank], start), end)


def _unasked_condition(question: Question, sentence: str) -> bool:
    """Whether `sentence` opens with a condition ("Nếu …", "Trường hợp …", "Khi …", "Riêng …", up to
    "thì" or a comma) of which the question says at most `1 - UNASKED_SHARE` of the syllables: the
    sentence then answers a case the member did not describe ("Nếu kết hợp sinh hoạt chuyên đề với
    sinh hoạt chi bộ … thì … tối thiểu 120 phút" for "họp chi bộ hằng tháng phải kéo dài ít nhất
    bao lâu", whose rule is "Phải bảo đảm từ 90 phút trở lên")."""
    condition = _CONDITION.match(match_form(normalize(" ".join(sentence.split()))).lower())
    words = _WORD.findall(condition.group(1))[:CONDITION_WORDS] if condition else []
    if not words:
        return False
    said = {s for key in question.words for s in fold(key).split()} | {s for p in question.pairs for s in p.split()}
    return sum(w not in said for w in words) >= UNASKED_SHARE * len(words)


def _past_list_number(text: str, start: int) -> int:
    """Where a quotation starting at `start` begins once a leading list number is left out: "3. Ban
    Chấp hành Trung ương họp thường lệ…", "1. Người vào Đảng phải :" — the citation names the khoản."""
    number = _LIST_NUMBER.match(text, start)
    return number.end() if number else start


def _inline_label(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Whether unit i follows a label on its own line: "Nơi có tổ chức Đoàn thanh niên: Người…"."""
    if not i:
        return False
    (start, end), (after, _) = spans[i - 1], spans[i]
    return "\n" not in text[start:after] and text[start:end].endswith(":")


def _with_inline_lead_in(text: str, spans: list[tuple[int, int]], start: int, end: int) -> int:
    """Where the line starts: at the labels just before the stretch that end in ":" on the same
    line, as far back as all fit in MAX_CHARS. "Nơi có tổ chức Đoàn thanh niên: Người vào Đảng
    phải là đoàn viên…" — the label is the rule's condition, and the rule quoted without it says
    more than the text does."""
    i = next((k for k, (a, _) in enumerate(spans) if a == start), None)
    while i and _inline_label(text, spans, i) and len(" ".join(text[spans[i - 1][0] : end].split())) <= MAX_CHARS:
        i -= 1
        start = spans[i][0]
    return start


def _excerpt(question: Question, text: str, hit: int, start: int, end: int) -> AnswerLine:
    """The stretch text[start:end] as a quotation: whole when it fits in MAX_CHARS, else a run of
    its words that fits, with "…" where words are left out. The run is the stretch's head unless a
    later one scores EXCERPT_MARGIN more (the answer may close a long sentence: "…giới thiệu đến
    Phòng Cảnh sát…, Công an Thành phố khắc mới con dấu cho chi bộ cơ sở"); a later run starts
    after a comma or a semicolon when one a few words on scores as well. The closing run, which ends
    the stretch, is taken when it scores within CLOSING_MARGIN of the best."""
    if len(" ".join(text[start:end].split())) <= MAX_CHARS:
        return AnswerLine(quote(text[start:end]), hit, start, end)
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]

    def after_clause(k: int) -> bool:
        return text[words[k - 1][1] - 1] in ",;:)"

    def run(i: int, j: int) -> tuple[float, int, int]:
        return (score(question, text[words[i][0] : words[j - 1][1]], 0, 1) if j > i else 0.0, i, j)

    runs: list[tuple[float, int, int]] = []  # score, first word, word after the last
    for i in range(len(words)):
        length, j = 0, i
        while j < len(words) and length + (words[j][1] - words[j][0]) + 1 <= MAX_CHARS - 2:
            length += words[j][1] - words[j][0] + 1
            j += 1
        runs.append(run(i, j))
        if j == len(words):
            break
    top = max(value for value, _, _ in runs)
    n = 0
    if runs[0][0] <= top - EXCERPT_MARGIN:
        n = next(k for k, one in enumerate(runs) if one[0] > top - 1e-9)
        later = (k for k in range(n + 1, min(n + 6, len(runs))) if after_clause(runs[k][1]))
        n = next((k for k in later if runs[k][0] > top - 1e-9), n)
    closing = next((k for k in range(runs[-1][1], len(words)) if k and after_clause(k)), None)
    if closing is not None and n < len(runs) - 1:
        tail = run(closing, len(words))
        if tail[0] >= top - CLOSING_MARGIN:
            runs.append(tail)
            n = len(runs) - 1
    _, i, j = runs[n]
    a, b = words[i][0], words[j - 1][1]
    body = " ".join(text[a:b].split()).rstrip(" ,;:-–")
    return AnswerLine(("…" if i else "") + body + ("…" if j < len(words) else ""), hit, a, b)


# "cần những gì", "gồm những gì", "có những quyền gì", "những trường hợp nào", "phải làm gì":
# the answer is a list, and one of its items alone reads as if it were all
_ASKS_LIST = re.compile(
    r"\b(?:(?:nhung|cac) (?:\w+ ){0,3}(?:gi|nao)|gom (?:nhung )?gi|(?:can|phai) (?:lam |co )?(?:nhung )?gi"
    r"|^(?:hai|ba|bon|sau|bay|tam|chin|muoi|[2-9]|1\d) (?:\w+ ){1,4}la (?:gi|nhung gi))\b"
)


def asks_for_list(question: str) -> bool:
    """Whether a question asks for a list of things (folded match)."""
    return bool(_ASKS_LIST.search(" ".join(_WORD.findall(match_form(normalize(question))))))


def whole_list(line: AnswerLine, text: str) -> AnswerLine:
    """The line widened to the whole list it quotes items of, lead-in included, when that fits in
    MAX_CHARS ("Người vào Đảng phải : - Có đơn…; - Báo cáo…; - Được hai đảng viên chính thức giới
    thiệu."); otherwise the line as it is. The list is read line by line: its items are the lines
    that begin with a list mark, after a line that ends in ":" (an item's second sentence stays
    with it; a list written on one line is left as quoted)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    first = next((k for k, (a, b) in enumerate(lines) if a <= line.start < b), None)
    last = next((k for k, (a, b) in enumerate(lines) if a < line.end <= b), None)
    if first is None or last is None:
        return line

    def item(k: int) -> str | None:
        """The kind of list mark line k begins with ("-", "1.", "a)"), None for another line."""
        unit = text[lines[k][0] : lines[k][1]]
        mark = _LIST_ITEM.match(unit)
        if not mark or unit.rstrip().endswith(":"):
            return None
        return re.sub(r"\d+", "1", re.sub(r"[a-zđ]", "a", mark.group().strip()))

    # one list: items of one kind ("- …" under "2. Người giới thiệu phải :", not the "3." after it)
    kind = item(first)
    if kind is None or any(item(k) != kind for k in range(first, last + 1)):
        return line
    while first and item(first - 1) == kind:
        first -= 1
    # the list opens the passage: the heading above it names it (a slide's bullets under its title)
    lead = first - 1 if first else None
    if lead is not None and not text[lines[lead][0] : lines[lead][1]].rstrip().endswith(":"):
        return line
    while last + 1 < len(lines) and item(last + 1) == kind:
        last += 1
    start, end = lines[first if lead is None else lead][0], lines[last][1]
    start += len(text[start:end]) - len(text[start:end].lstrip())
    start = _past_list_number(text, start)
    whole = " ".join(text[start:end].split())
    return AnswerLine(whole, line.hit, start, end) if len(whole) <= MAX_CHARS else line


HEADING_WORDS = 12
_BULLET = re.compile(r"^[-+•]\s")
_CELLS = " – "  # between a table row's cells, as bot.knowledge.cleaning writes them
_TRAILING_REMARK = re.compile(r"\s*\([^()]*\)\W*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-+•]|\(?(?:\d{1,2}|[a-zđ])[.)])\s")


def _lead_in(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """What sets up unit i: the unit before it when that is a lead-in (":"), a restated question
    or a heading; for a list item, the lead-in of its list over the items before it ("Người vào
    Đảng phải: - Có đơn…; - Báo cáo…; - Được hai đảng viên chính thức giới thiệu")."""
    if not i:
        return ""
    header = _table_rows(text).get(spans[i][0])
    if header is not None:
        return header
    before = text[spans[i - 1][0] : spans[i - 1][1]]
    if _furniture(before):
        return ""
    if _sets_up(text, *spans[i - 1]) or before.endswith(":"):
        return before
    k = i
    while k and _LIST_ITEM.match(text[spans[k][0] : spans[k][1]]):
        k -= 1
        unit = text[spans[k][0] : spans[k][1]]
        if unit.rstrip().endswith(":"):
            return unit
    return ""


# A web page's furniture: a download button or link ("TẢI VỀ …", "… tại đây >>>tải về"), a
# disclaimer, the page announcing its own subject ("Dưới đây là thông tin về "…""), an invitation to
# ask the site, an image's caption ("Hướng dẫn viết kiểm điểm … mẫu 2C (Hình từ Internet)"). It names
# the page's subject in the member's words and so matched questions it cannot answer. A "Tải về" link
# glued to a real sentence ("… trong hệ thống chính trị. **Tải về**") is not: the sentence stays
# quotable.
_FURNITURE = re.compile(
    r">>>|(?-i:TẢI VỀ)|mang tính chất tham khảo|(?:câu hỏi|mật khẩu) tại đây|là thông tin về [\"“]"
    r"|\(hình từ internet\)",
    re.IGNORECASE,
)


def _furniture(unit: str) -> bool:
    """Whether a unit is page furniture: it neither answers nor sets up an answer."""
    return _FURNITURE.search(unit) is not None


def _sets_up(text: str, start: int, end: int) -> bool:
    """Whether the unit text[start:end] only sets up what follows: a restated question, or part of
    a heading — a short line without closing punctuation ("(2) Tầm nhìn đến năm 2045", "1. Chi bộ
    (kể cả chi bộ cơ sở)"; a closing bracket does not end a sentence)."""
    # "…đúng không? (Hình từ Internet)": an image's caption repeating the page's question; the
    # remark alone, when the sentence split left it apart, sets up nothing but answers nothing either
    unit = _TRAILING_REMARK.sub("", text[start:end]).rstrip()
    if not unit or unit.endswith("?"):
        return True
    # the whole line is judged: "II. Mục tiêu › 1. Đến năm 2030" splits at its numbers
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start : (text.find("\n", end) + 1 or len(text) + 1) - 1].strip()
    if (_BULLET.match(line) and _unpunctuated_list(text)) or line_start in _table_rows(text):
        return False
    return not line.endswith((".", ";", "!", ":", "…")) and len(line.split()) <= HEADING_WORDS


@functools.lru_cache(maxsize=64)
def _table_rows(text: str) -> dict[int, str]:
    """The passage's table rows by where they start, each with its table's header (read only: the
    dict is cached). Rows are lines of three cells or more ("2 – Chi bộ thôn Tây – Trần Thị Bình –
    17", as the cleaner writes a row), three lines or more in a run, the first being the header. A
    row is a record that answers ("bí thư chi bộ thôn Tây là ai"), set up by the header, not by the
    row above it; short and unpunctuated, it was taken for a heading."""
    rows: dict[int, str] = {}
    run: list[tuple[int, str]] = []
    offset = 0
    for line in [*text.split("\n"), ""]:
        if line.count(_CELLS) >= 2:  # three cells or more: a key–value box ("Thành lập – 1930") has no header
            run.append((offset, line.strip()))
        else:
            if len(run) >= 3:
                rows.update((start, run[0][1]) for start, _ in run[1:])
            run = []
        offset += len(line) + 1
    return rows


@functools.lru_cache(maxsize=64)
def _unpunctuated_list(text: str) -> bool:
    """Whether the passage's list items all end without punctuation, as a slide's bullets do: then
    a short item is no heading. A handbook that ends its items with "." and heads groups of them
    with a bare "- Đối tượng thẩm tra" keeps those as set-ups."""
    items = [line.strip() for line in text.split("\n") if _BULLET.match(line.strip())]
    return bool(items) and not any(item.endswith((".", ";", "!", ":", "…")) for item in items)


def contains_quote(passage: str, line: str) -> bool:
    """Whether `line` is a quotation of `passage`: a substring after whitespace normalisation,
    with a "…" at either end standing for the words left out."""
    body = line[1:] if line.startswith("…") else line
    body = body[:-1] if body.endswith("…") else body
    return " ".join(body.split()) in " ".join(passage.split())
