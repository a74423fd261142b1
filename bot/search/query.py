"""A member's question → the terms to search for.

Members ask in whole sentences ("cho mình hỏi đảng viên dự bị thì bao lâu mới được xét chuyển
chính thức ạ?"); the words that carry the question are the few content words. Question words and
courtesies are dropped, tone marks are restored when the question was typed without them, and
document numbers in any spoken form become their key ("QĐ 294" → "qđ#294").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from bot.knowledge.symbols import find_references, find_symbols
from bot.search.analyzer import analyze, congress_keys
from bot.search.diacritics import Restorer
from bot.search.focus import focus_spans
from bot.search.synonyms import Expansion, Synonyms, spoken_words
from bot.vietnamese import CAPITALS, fold, normalize, typed_with_marks

# Words that only make a sentence a question or a courtesy. Kept small on purpose: a word that is
# a content word in some question ("không đóng đảng phí") must not be here.
STOP_WORDS = frozenset(
    [
        "có",
        "không",
        "được",
        "thì",
        "là",
        "mà",
        "và",
        "của",
        "cho",
        "với",
        "hay",
        "hoặc",
        "những",
        "các",
        "một",
        "này",
        "đó",
        "ấy",
        "gì",
        "nào",
        "sao",
        "thế",
        "như_thế_nào",
        "thế_nào",
        "bao_nhiêu",
        "bao_lâu",
        "bao_giờ",
        "khi_nào",
        "tại_sao",
        "vì_sao",
        "biết",
        "ở_đâu",
        "đâu",
        "ai",
        "tôi",
        "mình",
        "em",
        "e",  # "cho e hỏi": "em" typed on a phone
        "ad",  # "ad ơi": the page's admin
        "admin",
        # what a message says about itself: "mình có thắc mắc…", "nhờ giải đáp giúp"
        "thắc_mắc",
        "giải_đáp",
        "thấy",  # "em thấy mỗi nơi nói một kiểu": where the member read it
        "tư_vấn",
        "giúp",
        "nhờ",
        "dạ",
        "nha",
        "cảm_ơn",
        "anh_chị",
        "đồng_chí",  # how a quiz or a story addresses someone ("Đồng chí cho biết…", "đồng chí A")
        "bạn",
        "ạ",
        "nhé",
        "vậy",
        "à",
        "ơi",
        "hỏi",
        "cho_hỏi",
        "xin",
        "muốn",
        "cần",
        "nên",
        "có_thể",
        "bị",
        "lên",
        "đã",
        "đang",
        "sẽ",
        "rồi",
        "mới",
        "sắp",  # "đại hội chi bộ sắp tới": when, as "sẽ" and "mới" say
        "còn",
        "vẫn",
        "cũng",
        "chỉ",
        "nếu",
        "khi",
        "nhưng",
        "để",
        "từ",
        "tại",
        "trong",
        "về",
        "theo",
        "do",
        "bởi",
        "nữa",
        "luôn",
        "chứ",
        "đúng",
        "sai",
        "nhỉ",
        "thôi",
        "cái",
        "việc",
        "như",
        "ở",
        "phải",
        "làm_sao",
        "nào_đó",
        "kiểu",
        "thế_nào_là",
        "hiện_nay",
        "bây_giờ",
        "thế_là",
        "vì",
        "sao_lại",
        "như_vậy",
        "vậy_thì",
        "như_thế",
    ]
)


# Question words the search keeps (dropping them moved dev questions the wrong way) that only say
# what kind of answer is wanted ("mấy người", "lúc nào"): the answer states a number or a date, not
# them, so neither the answer line (whose cues look for that kind) nor answerability wants them in
# the passage ("Tổng Bí thư được mấy khóa liền?" is answered by "không quá hai nhiệm kỳ liên tiếp").
ANSWER_KIND_WORDS = frozenset({"mấy", "lúc_nào", "hả"})


# Question words that documents spell otherwise without marks ("hoi": "hội", "toi": "tới", "neu":
# "nêu", "muon": "muộn", "o dau": "ở đầu"): restoring a question typed without marks reads them
# as themselves.
CONVERSATIONAL_WORDS = frozenset(
    {"hỏi", "muốn", "nếu", "tôi", "vì", "nên", "chứ", "nhé", "nhỉ", "ạ", "à", "ơi", "ở_đâu", "bao_nhiêu"}
)


@dataclass(frozen=True)
class Query:
    """The terms of a question, per index field, in question order, each with its weight.

    A term's weight says how much it counts in the BM25 sum (a repeated term counts once per
    occurrence, as in rank-bm25): 1 for the question's own words, less for the date, issuer and
    title of a document it names (`focus.py`).
    """

    text: str  # the question with its abbreviations spelled out ("bn tháng": "bao nhiêu tháng")
    words: list[str]  # content words (accented; restored when typed without marks) + document keys
    syllables: list[str]  # folded syllables of the content words, in order, + document keys, folded
    folded: list[str]  # syllables + bigrams of syllables adjacent within a run of content words
    extra_words: list[str] = field(default_factory=list)  # synonyms of the question's phrases
    extra_folded: list[str] = field(default_factory=list)
    word_weights: list[float] | None = None  # per term of `words`; None: all 1
    folded_weights: list[float] | None = None  # per term of `folded`
    numbers: frozenset[str] = frozenset()  # terms (both fields) of the document numbers the question names
    # a content word of a thesaurus phrase the question says → the content words of each other
    # phrasing of its group: a passage holding all of one says what that word said (answerability)
    bridges: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @property
    def bigrams(self) -> set[str]:
        return {t for t in self.folded if "_" in t}

    @property
    def content_words(self) -> set[str]:
        """The distinct content words, without the document keys."""
        return {w for w in self.words if "#" not in w}

    def weights(self, field_name: str) -> list[float]:
        """The weight of each of the question's own terms in a field ("words" or "folded")."""
        terms, weights = (
            (self.words, self.word_weights) if field_name == "words" else (self.folded, self.folded_weights)
        )
        return list(weights) if weights is not None else [1.0] * len(terms)


# A capital letter standing alone names someone in a story ("đảng viên A", "Huyện ủy C"), unless
# a word before it makes it a category or an item ("loại C", "phương án B", "điểm a"); I, V and X
# may be Roman numerals ("Đại hội V"). The form of address before it goes with it: "chị G", said
# three times in a story, would find the few passages that tell a story about a "chị". So does the
# name before it ("đồng chí Nguyễn Văn B", "quần chúng Lê Thị E"): no passage holds it, and typed
# without marks "Nguyen Van B" was read "nguyễn_văn_hiến", "dong chi H" "đống_đa".
_ADDRESS = r"(?i:(?<!\w)(?:đồng chí|dong chi|anh|chị|chi|ông|ong|bà|cô|chú|chu|bác|bac|cháu|chau)\s+)"
_NAME = rf"(?:(?<!\w)[{CAPITALS}](?:(?![{CAPITALS}])[^\W\d_])+\s+){{1,3}}"
_PLACEHOLDER = re.compile(rf"{_ADDRESS}?(?:{_NAME})?(?P<letter>(?<![\w/\-.&])[A-HJ-UWYZ](?![\w/\-&]|\.\d))")
_NOT_A_NAME = re.compile(
    r"(?:^|\s)(?:loai|nhom|hang|muc|mau|phu luc|diem|khoan|tiet|phan|bang|hinh|phuong an|dap an|cau|khoi)(?: la)?\s*$"
)


def without_placeholders(text: str) -> str:
    """The question without the letters that stand for a person or a body in a story: they are
    not words, and "A ra", "B. Vậy" glued to their neighbours would search for nonsense."""

    def keep(match: re.Match) -> str:
        start = match.start("letter")
        before = fold(text[max(0, start - 16) : start].lower())
        return match.group() if _NOT_A_NAME.search(before) else ","  # a comma: no word glues across it

    return _PLACEHOLDER.sub(keep, text)


# A multiple-choice item pasted whole: "… là ngày nào? A. 22/12; B. 27/8; C. 2/9; D. 19/12.", or its
# options one per line. The options are what the member weighs, not what is asked: the wrong ones'
# words find passages about them. They are searched at OPTIONS_WEIGHT (the right one's words help).
# An option's letter opens a line or follows "?", ":" or ";".
_OPTION = re.compile(r"(?:^|(?<=[\n?:;]))[ \t]*([A-D])\s?[.):]\s+(?=\S)")
OPTIONS_WEIGHT = 0.3


def without_options(text: str) -> tuple[str, str]:
    """The question without the options of a multiple-choice item pasted after it, and the options
    ("" when there are none, or nothing before them): from the first "A" whose next two option
    letters are "B" and "C". A story's "đồng chí A. và đồng chí B." has no option: its letters
    follow words."""
    markers = list(_OPTION.finditer(text))
    for i, marker in enumerate(markers[:-2]):
        stem = text[: marker.start()].rstrip()
        if [m.group(1) for m in markers[i : i + 3]] == ["A", "B", "C"] and stem:
            return stem, text[len(stem) :]
    return text, ""


def quiz_options(text: str) -> list[str]:
    """The options of a multiple-choice item pasted after its question, without their letters
    ("… là ngày nào? A. 22/12; B. 27/8; C. 2/9": "22/12", "27/8", "2/9"); none when it has none."""
    _, options = without_options(_MARKUP.sub(" ", text))
    parts = _OPTION.split(options)  # "", "A", its text, "B", its text, …
    return [t for t in (parts[i].strip(" \t\n;,.") for i in range(2, len(parts), 2)) if t]


# An HTML tag pasted into a message ("<b>chi bộ</b>") is markup, not words: its "b" would find every
# reference list of a web page.
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# A link a member pastes: the last part of its path names the article ("…/xay-dung-dang/quy-dinh-
# 294.html"; the parts before are the site's sections); the bot cannot open it, and searched as it
# stands it matched nothing.
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s/]*([^\s?#]*)\S*", re.IGNORECASE)
# what a path says: words and short numbers, not page ids ("post812345", "628371") nor extensions
_SLUG_WORD = re.compile(r"^(?:[^\W\d_]+|\d{1,4})$")
_EXTENSION = re.compile(r"\.(?:html?|aspx?|php)$", re.IGNORECASE)


def link_words(text: str) -> str:
    """`text` with each link replaced by the words of its path's last part: "quy dinh 294"."""

    def words(link: re.Match) -> str:
        slug = _EXTENSION.sub("", link.group(1).rstrip("/").rsplit("/", 1)[-1])
        return " " + " ".join(w for w in re.split(r"[-_.=+]+", slug) if _SLUG_WORD.match(w)) + " "

    return _LINK.sub(words, text)


# A quiz's stem points at its options: "Nội dung nào sau đây là mục tiêu…", "Điều nào dưới đây…".
# "sau đây", "dưới đây" and a generic head before them name nothing the answer says; "Hành vi nào
# sau đây bị cấm" keeps "hành vi".
_QUIZ_STEM = re.compile(
    r"(?i)(?:(?<!\w)(?:nội dung|noi dung|điều|dieu|ý|câu|cau|phương án|phuong an|đáp án|dap an|nhận định"
    r"|nhan dinh|khẳng định|khang dinh)\s+)?(?<!\w)(?:nào|nao)\s+(?:sau|dưới|duoi)\s+(?:đây|day)(?!\w)"
)


def without_quiz_stem(text: str) -> str:
    """The question without the words of a quiz's stem that point at its options."""
    return _QUIZ_STEM.sub(" nào ", text)


def parse_query(text: str, restorer: Restorer | None = None, synonyms: Synonyms | None = None) -> Query:
    text, options = without_options(link_words(_MARKUP.sub(" ", text)))
    text = without_quiz_stem(without_placeholders(text))
    expansion = synonyms.expand(text) if synonyms else Expansion(text)
    # the marks a member typed decide, not the ones that spelled-out abbreviations brought in
    restorer = restorer if not typed_with_marks(text) else None
    # each piece of the question: its words, syllables and bigrams, and the weight they carry
    short = len(expansion.text.split()) <= SHORT_MESSAGE
    pieces = [
        (_terms(span.text, restorer, allow_empty=True, closed=short), span.weight)
        for span in focus_spans(expansion.text)
    ]
    if not any(terms[0] for terms, _ in pieces):  # a question made only of question words still deserves a search
        pieces = [(_terms(expansion.text, restorer, closed=short), 1.0)]
    if options:
        pieces.append((_terms(without_placeholders(options), restorer, allow_empty=True), OPTIONS_WEIGHT))
    words, word_weights = _flat(pieces, 0)
    syllables, syllable_weights = _flat(pieces, 1)
    bigrams, bigram_weights = _flat(pieces, 2)
    expansion = _whole_words(expansion, words)
    extra_words: list[str] = []
    extra_folded: list[str] = []
    phrase_words: dict[str, list[str]] = {}
    for alternative in expansion.alternatives:
        alt_words, alt_syllables, alt_bigrams = _terms(alternative, None)
        if not any(c.isdigit() for c in alternative):
            # the thesaurus's "năm tuổi đảng" is "years of party age", not five: a number read from
            # a synonym's words would find every "Điều 5"
            alt_words = [w for w in alt_words if not w.isdigit()]
            alt_syllables = [s for s in alt_syllables if not s.isdigit()]
            alt_bigrams = [b for b in alt_bigrams if not any(part.isdigit() for part in b.split("_"))]
        phrase_words[alternative] = alt_words
        extra_words += alt_words
        extra_folded += alt_syllables + alt_bigrams
    return Query(
        expansion.text, words, syllables, syllables + bigrams, extra_words, extra_folded,
        word_weights, syllable_weights + bigram_weights, number_terms(expansion.text),
        _bridges(expansion, phrase_words),
    )  # fmt: skip


def _whole_words(expansion: Expansion, words: list[str]) -> Expansion:
    """The phrases the question says other than inside a longer word: "bí thư" of "Tổng Bí thư"
    (one word, "tổng_bí_thư") is not said."""
    folded = [fold(w).replace("_", " ") for w in words]
    text = f" {' '.join(folded)} "

    def inside_only(phrase: str) -> bool:
        key = spoken_words(phrase)
        inside = sum(f" {w} ".count(f" {key} ") for w in folded if w != key)
        return inside > 0 and inside >= text.count(f" {key} ")

    return replace(expansion, said=tuple((p, o) for p, o in expansion.said if not inside_only(p)))


def _bridges(expansion: Expansion, phrase_words: dict[str, list[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each content word of a thesaurus phrase the question says, with the content words of the
    other phrasings of its group (`phrase_words`, as searched)."""
    bridges: dict[str, list[tuple[str, ...]]] = {}
    for phrase, others in expansion.said:
        other_words = [tuple(phrase_words[o]) for o in others if phrase_words.get(o)]
        for word in _terms(phrase, None)[0]:
            bridges.setdefault(word, []).extend(other_words)
    return {word: tuple(dict.fromkeys(alts)) for word, alts in bridges.items()}


def number_terms(text: str) -> frozenset[str]:
    """The index terms of the document numbers a question names ("57-NQ/TW": "57-nq/tw", "57",
    "nq", "tw", "nq#57"; "Quy định 294": "qđ#294"), as both fields spell them."""
    text = normalize(text)
    terms = {key for _, _, key in find_references(text)}
    for _, _, symbol in find_symbols(text):
        written = symbol.text.lower()
        terms |= {written, symbol.key, *(p for p in re.split(r"[-/–\s]+", written) if p)}
    terms |= set(congress_keys(text))
    return frozenset(terms | {fold(t) for t in terms})


def _flat(
    pieces: list[tuple[tuple[list[str], list[str], list[str]], float]], kind: int
) -> tuple[list[str], list[float]]:
    """One kind of term (0 words, 1 syllables, 2 bigrams) of every piece, in order, with the piece's weight."""
    terms = [term for found, _ in pieces for term in found[kind]]
    return terms, [weight for found, weight in pieces for _ in found[kind]]


def _now(word: str, before: str) -> bool:
    """Whether `word` is the member's "now": "giờ" alone ("Giờ làm thủ tục … thế nào", "thì giờ nước
    mình còn mấy cấp") says when the member asks, as "bây giờ" does; after a number or "mấy" it is
    an hour ("trước 15 giờ", "1 giờ chuẩn", "mấy giờ")."""
    return word == "giờ" and not (before.isdigit() or before == "mấy")


# "chi bộ chỗ mình", "ở chỗ em": the member's own place, as "mình" alone is the member. "Chỗ ở",
# "chỗ làm" keep the word, and the thesaurus reads "chỗ em ở" as "nơi cư trú" before this.
_PLACE_OF = frozenset({"mình", "em", "tôi", "tớ", "anh", "chị", "chúng_tôi", "chúng_em", "bọn_em", "tụi_em", "nhà"})


def _place_of_mine(word: str, after: str) -> bool:
    """Whether `word` is "chỗ" saying only whose place ("chỗ mình", "chỗ em")."""
    return word == "chỗ" and after in _PLACE_OF


# A message of this many syllables or fewer is a few keywords ("dự bị", "khai trừ", "đảng phí"), as
# typed in inline mode: underthesea reads them apart ("bị" then a stop word: the search was for
# "dự") unless they end as a sentence, as the documents' lines do ("dự bị ." is one word).
SHORT_MESSAGE = 4


def _terms(
    text: str, restorer: Restorer | None, allow_empty: bool = False, closed: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """Content words, their folded syllables, and bigrams that never jump over a dropped word.

    Without content words, the question words themselves, unless `allow_empty` (a span of a
    longer message that is only courtesy). `closed`: read the text as a finished sentence."""
    tokens = analyze(text + " ." if closed and text.rstrip()[-1:] not in ".?!…;:" else text)
    keys = [t for t in tokens.words if "#" in t]
    words = [t for t in tokens.words if "#" not in t]
    if restorer:
        words = restorer.restore([fold(s) for w in words for s in w.split("_") if s])
    runs: list[list[str]] = [[]]
    content: list[str] = []
    for before, word, after in zip(["", *words], words, [*words[1:], ""]):
        # a stop word glued to another ("e_hỏi") is dropped with it
        stop = word in STOP_WORDS or all(s in STOP_WORDS for s in word.split("_"))
        if stop or _now(word, before) or _place_of_mine(word, after):
            runs.append([])
            continue
        content.append(word)
        runs[-1].extend(fold(s) for s in word.split("_") if s)
    if not content and not allow_empty:  # a question made only of question words still deserves a search
        content = words
        runs = [[fold(s) for w in words for s in w.split("_") if s]]
    syllables = [s for run in runs for s in run]
    bigrams = [f"{a}_{b}" for run in runs for a, b in itertools.pairwise(run)]
    return content + keys, syllables + [fold(k) for k in keys], bigrams
