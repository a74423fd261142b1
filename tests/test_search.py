"""The search engine on the real party corpus: behaviours members rely on."""

import numpy as np
import pytest
from rank_bm25 import BM25Plus

from bot.search.analyzer import analyze, word_tokens
from bot.search.bm25 import BM25Params, FieldIndex
from bot.search.engine import SearchEngine
from bot.vietnamese import fold


def top_docs(engine, question, k=3):
    return [h.passage.doc for h in engine.search(question, k=k).hits]


@pytest.mark.corpus
def test_spoken_document_number_finds_the_document(party_engine):
    assert "qđ#383" in word_tokens("QĐ 383")
    for question in ("QĐ 383 quy định thời hạn nộp hồ sơ vào lưu trữ", "quy dinh 383 thoi han nop ho so luu tru"):
        assert top_docs(party_engine, question)[0].symbol == "383-QĐ/TW"


@pytest.mark.corpus
def test_question_without_marks_finds_the_same_rule(party_engine):
    phrase = "thời kỳ dự bị mười hai tháng"
    for question in ("đảng viên dự bị bao lâu thì được xét chuyển chính thức", "dang vien du bi bao lau thi duoc xet chuyen chinh thuc"):
        texts = [h.passage.text for h in party_engine.search(question, k=3).hits]
        assert any(phrase in t for t in texts), question


@pytest.mark.corpus
def test_digits_find_numbers_written_in_words(party_engine):
    assert "12" in word_tokens("phải trải qua thời kỳ dự bị mười hai tháng")
    assert "2/3" in word_tokens("ít nhất hai phần ba số đảng viên")
    hits = party_engine.search("không đóng đảng phí 3 tháng thì bị xóa tên", k=3).hits
    assert any("không đóng đảng phí ba tháng" in h.passage.text for h in hits)


@pytest.mark.corpus
def test_abbreviations_search_like_the_full_words(party_engine):
    def ids(question):
        return [id(h.passage) for h in party_engine.search(question, k=3).hits]

    assert ids("ĐV dự bị có quyền gì, UBKT kiểm tra những gì") == ids(
        "đảng viên dự bị có quyền gì, ủy ban kiểm tra kiểm tra những gì"
    )


@pytest.mark.parametrize(
    "question",
    ["Giá vàng SJC hôm nay mua vào bán ra bao nhiêu?", "đảng viên đầu tư tiền ảo bitcoin", "thời tiết Hà Nội ngày mai thế nào"],
)
@pytest.mark.corpus
def test_questions_the_folder_cannot_answer_are_not_answered(party_engine, question):
    assert party_engine.search(question).answered is False


@pytest.mark.corpus
def test_answerable_question_is_answered_with_matched_words(party_engine):
    result = party_engine.search("Đảng viên có nhiệm vụ gì?")
    assert result.answered
    assert "dang vien" in result.hits[0].matched and "nhiem vu" in result.hits[0].matched
    assert all(term in fold(result.hits[0].passage.text.lower()) for term in result.hits[0].matched)


@pytest.mark.corpus
def test_strange_input_does_not_break_search(party_engine):
    for question in ("", "   ", "🙂🙂", "<b>đảng viên</b>", "x" * 10_000, "?!.,"):
        result = party_engine.search(question)
        assert isinstance(result.answered, bool)


def test_article_titles_lead_to_their_articles(tmp_path):
    def body(verb):
        return f"Chi bộ {verb} việc thực hiện nghị quyết của cấp ủy cấp trên tại địa phương, báo cáo định kỳ. " * 3

    (tmp_path / "quy_che.md").write_text(
        "## Điều 1. Nhiệm vụ của chi bộ\n" + body("lãnh đạo") + "\n"
        "## Điều 2. Quyền hạn của chi bộ\n" + body("có nhiệm vụ và quyền kiểm tra") + "\n",
        encoding="utf-8",
    )
    engine = SearchEngine.open(tmp_path, tmp_path / "cache")
    assert engine.search("nhiệm vụ của chi bộ là gì").hits[0].passage.section == ("Điều 1. Nhiệm vụ của chi bộ",)


@pytest.mark.corpus
def test_postings_score_like_rank_bm25_on_real_passages(party_index):
    """The definition of the score is rank-bm25's; a quick check here, the thorough one in test_bm25."""
    corpus = [analyze(p.text).words for p in party_index.passages[:400]]
    field = FieldIndex.build(corpus, BM25Params("plus", 1.2, 0.75, 1.0))
    reference = BM25Plus(corpus, k1=1.2, b=0.75, delta=1.0)
    query = analyze("đảng viên dự bị chuyển chính thức").words
    np.testing.assert_allclose(field.scores(query), reference.get_scores(query), rtol=1e-6)


def test_the_same_rule_quoted_in_many_files_is_shown_once(tmp_path):
    rule = (
        "Đảng viên bỏ sinh hoạt chi bộ hoặc không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng "
        "thì chi bộ xem xét, đề nghị lên cấp có thẩm quyền xoá tên trong danh sách đảng viên."
    )
    for name in ("dieu_le.md", "hoi_dap.md", "bai_bao.md"):
        (tmp_path / name).write_text(f"# {name}\n\nTheo quy định: {rule}\n", encoding="utf-8")
    (tmp_path / "khac.md").write_text(
        "# Khác\n\nChi bộ xem xét xoá tên đảng viên không đóng đảng phí sau khi đã giáo dục mà không tiến bộ.\n",
        encoding="utf-8",
    )
    hits = SearchEngine.open(tmp_path, tmp_path / "cache").search("không đóng đảng phí ba tháng thì xoá tên", k=3).hits
    assert sum("ba tháng trong năm" in h.passage.text for h in hits) == 1
    assert len(hits) == 2


def test_explain_names_the_matched_terms_fields_and_weights(tmp_path):
    (tmp_path / "dieu-le.md").write_text(
        "---\ntype: Điều lệ\n---\n# Điều lệ\n\nĐiều 8. Đảng viên bỏ sinh hoạt chi bộ ba tháng trong năm mà không có "
        "lý do chính đáng thì chi bộ xem xét, đề nghị xóa tên.\n",
        encoding="utf-8",
    )
    (tmp_path / "tin.md").write_text("# Tin\n\nChi bộ khu phố tổ chức sinh hoạt chuyên đề về học tập.\n", encoding="utf-8")
    engine = SearchEngine.open(tmp_path, tmp_path / ".cache")
    question = "Chồng em đi làm xa. Cho em hỏi đảng viên không đi họp chi bộ thì có bị xóa tên không?"
    hit = engine.search(question, k=1).hits[0]
    assert "xóa tên" in hit.passage.text
    matches = engine.explain(question, engine.index.passages.index(hit.passage))
    text = fold(hit.passage.text.lower())
    by_term = {(m.field, m.term): m for m in matches}
    assert all(m.score > 0 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.term.replace("_", " ") in text for m in matches if m.field == "folded")
    assert by_term[("words", "chi_bộ")].weight == 1.0  # the question's own word
    assert by_term[("words", "bỏ")].weight == engine.settings.synonym_weight  # from "không đi họp" ↔ "bỏ sinh hoạt"
    assert sum(m.score for m in matches) <= hit.score


def test_the_rule_itself_wins_a_near_tie_with_a_page_quoting_it(tmp_path):
    rule = "Đảng viên bị kỷ luật cách chức thì trong vòng một năm không được bầu vào cấp ủy."
    (tmp_path / "bao.md").write_text(f"# Tin tức\n\n{rule}\n", encoding="utf-8")  # first: wins exact ties
    (tmp_path / "quy-dinh.md").write_text(f"---\ntype: Quy định\n---\n# Tin tức\n\n{rule}\n", encoding="utf-8")
    engine = SearchEngine.open(tmp_path, tmp_path / ".cache")
    hits = engine.search("đảng viên bị cách chức có được bầu vào cấp ủy không", k=2).hits
    assert hits[0].passage.doc.type == "Quy định"
