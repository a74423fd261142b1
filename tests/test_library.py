"""The served library: finding documents by number or title, stable references, sections, examples,
folder fingerprints; and on the whole party corpus, that every answer, list and card renders within
Telegram's limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.answer import answer
from bot.display import display_text, section_heading
from bot.library import Library, document_ref, folder_fingerprint, load_library
from bot.telegram import callbacks as cb
from bot.telegram import render
from tests.bot_harness import make_knowledge
from tests.conftest import TEST_CACHE
from tests.fake_telegram import check_html


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Library:
    return load_library(make_knowledge(tmp_path_factory.mktemp("lib") / "knowledge"), TEST_CACHE)


def paths(library: Library, found: list[int]) -> list[str]:
    return [library.documents[i].path for i in found]


def test_find_documents_by_number_in_any_spoken_form_or_by_title(library):
    plan = ["ke-hoach-98-KH-TU.md"]
    for query in ["98-KH/TU", "98-kh/tu", "KH 98", "kh98", "kế hoạch 98", "ke hoach so 98"]:
        assert paths(library, library.find_documents(query)) == plan, query
    assert paths(library, library.find_documents("điều lệ")) == ["dieu-le-dang.md"]
    assert paths(library, library.find_documents("DIEU LE dang")) == ["dieu-le-dang.md"]
    assert library.find_documents("QĐ 99999") == [] and library.find_documents("   ") == []


def test_references_survive_a_reload_and_change_with_the_file(library, tmp_path):
    folder = make_knowledge(tmp_path / "knowledge")
    again = load_library(folder, TEST_CACHE)
    assert again.refs == library.refs
    # a button made from the old library opens the same passage in the new one when its file did not change
    target = library.passage_ref(10)
    assert again.passage_at(again.doc_by_ref(target.doc), target.ordinal) == 10
    changed = folder / "ke-hoach-98-KH-TU.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    third = load_library(folder, TEST_CACHE)
    plan = third.find_documents("98-KH/TU")[0]
    assert third.refs[plan] not in library.refs
    assert document_ref(library.documents[library.find_documents("98-KH/TU")[0]]) != third.refs[plan]


def test_sections_group_passages_under_their_heading(library):
    charter = library.find_documents("điều lệ")[0]
    sections = library.sections(charter)
    headings = [s.heading for s in sections]
    assert ("Chương I. Đảng viên", "Điều 4") in headings
    article_4 = sections[headings.index(("Chương I. Đảng viên", "Điều 4"))]
    assert len(article_4.passages) == 3  # packed as khoản 1–2, 3 and 4: one section to read
    text = display_text(library.span_text(article_4.passages))
    assert text.startswith("Thủ tục kết nạp đảng viên") and text.count("Thủ tục kết nạp đảng viên") == 1
    assert text.rstrip().endswith("Trường hợp đặc biệt do Ban Chấp hành Trung ương quy định.")
    assert all(section_heading(library.index.passages[i]) == article_4.heading for i in article_4.passages)


def test_examples_come_from_different_documents_and_are_answered(library):
    assert len(library.examples) == 3
    docs = set()
    for question in library.examples:
        result = library.search(question, 1)
        assert result.answered, question
        docs.add(result.hits[0].passage.doc.path)
    assert len(docs) == 3


def test_documents_are_listed_newest_first(library):
    issued = [library.documents[i].issued for i in library.ordered]
    dated = [d for d in issued if d]
    assert dated == sorted(dated, reverse=True) and issued[: len(dated)] == dated


def test_fingerprint_sees_added_changed_and_removed_files(tmp_path):
    (tmp_path / "a.md").write_text("một", encoding="utf-8")
    first = folder_fingerprint(tmp_path)
    assert folder_fingerprint(tmp_path) == first
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("hai", encoding="utf-8")
    second = folder_fingerprint(tmp_path)
    assert second != first
    os.utime(tmp_path / "a.md", ns=(1, 1))
    assert folder_fingerprint(tmp_path) != second
    (tmp_path / ".hidden.md").write_text("x", encoding="utf-8")  # the loader ignores hidden files too
    (tmp_path / "sub" / "b.md").unlink()
    assert [p for p, _, _ in folder_fingerprint(tmp_path)] == ["a.md"]


# --- the whole party corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def party_library(party_corpus, party_engine) -> Library:
    return Library(party_engine, Path(party_corpus))


@pytest.mark.corpus
@pytest.mark.parametrize(
    "question",
    [
        "Điều kiện để thành lập 1 tổ chức đảng là gì?",
        "thoi hieu ky luat dang vien",
        "QĐ 294 quy định gì về kết nạp đảng viên",
        "Đảng viên dự bị có quyền gì?",
        "<b>chi bộ</b> & đảng bộ",
    ],
)
def test_party_corpus_answers_fit_in_messages_and_their_buttons_open_the_cited_passages(party_library, question):
    """Every page of a real answer (private and group layout) is valid HTML within Telegram's
    limit, and its buttons open the passages and documents the page cites."""
    lib = party_library
    found = answer(lib.engine, question)
    assert found.answered and found.line, question
    for group in (False, True):
        pages = render.answer_pages(found, 3, group)
        assert sorted(i for page in pages for i in page) == list(range(len(found.hits)))  # each hit once
        for n, page in enumerate(pages):
            html = render.answer_html(found, page, n, group)
            error, text = check_html(html)
            assert error is None and render.tg_len(html) <= render.MAX_LEN, f"{question}, page {n + 1}"
            assert not group or n > 0 or len(text) <= render.GROUP_VISIBLE
            targets = [lib.passage_ref(hit.index) for hit in found.hits]
            keyboard = render.answer_keyboard(lib, targets, page, "s1", n, len(pages), 1)
            buttons = [cb.parse(b.callback_data) for row in keyboard.inline_keyboard for b in row]
            sections = [data for data in buttons if data.kind == cb.SECTION]
            assert len(sections) == len(page)
            for data, i in zip(sections, page):  # the n-th button opens the n-th hit's passage
                opened = lib.passage_at(lib.doc_by_ref(data.arg(0)), data.arg(1))
                assert lib.index.passages[opened] is found.hits[i].passage
            documents = {lib.doc_by_ref(data.arg(0)) for data in buttons if data.kind == cb.DOCUMENT}
            assert documents == {lib.doc_of(found.hits[i].index) for i in page}


@pytest.mark.corpus
def test_every_list_page_and_document_card_of_the_party_corpus_renders(party_library):
    lib = party_library
    first, keyboard, _ = render.list_page(lib, 0)
    pages = -(-len(lib.documents) // 10)
    assert f"trang 1/{pages}" in first and pages > 10
    for page in range(pages):
        html, _, shown = render.list_page(lib, page)
        assert shown == page and check_html(html)[0] is None and render.tg_len(html) <= render.MAX_LEN
    for doc in range(len(lib.documents)):
        html, keyboard, _ = render.outline_page(lib, doc, 0)
        assert check_html(html)[0] is None and render.tg_len(html) <= render.MAX_LEN, lib.documents[doc].path
        assert sum(len(row) for row in keyboard.inline_keyboard) <= 100
    # a sample of section views, on messy real documents
    for passage in range(0, len(lib.index.passages), 97):
        view = render.section_view(lib, passage)
        assert all(check_html(m)[0] is None and render.tg_len(m) <= render.MAX_LEN for m in view.messages)


@pytest.mark.corpus
def test_passage_references_are_unique_on_the_party_corpus(party_library):
    """Buttons name a passage by (document, position): offsets are not unique in real documents."""
    lib = party_library
    starts = {(int(lib.index.passage_doc[i]), p.start) for i, p in enumerate(lib.index.passages)}
    assert len(starts) < len(lib.index.passages)  # the reason: some passages share a start offset
    for i in range(len(lib.index.passages)):
        assert lib.passage_at(lib.doc_of(i), lib.ordinal(i)) == i
        target = lib.passage_ref(i)
        assert lib.passage_at(lib.doc_by_ref(target.doc), target.ordinal) == i


def test_the_text_before_the_first_heading_is_the_outlines_opening(tmp_path):
    # it was listed as "Toàn văn" (the whole text) above the sections that follow it
    folder = tmp_path / "knowledge"
    folder.mkdir()
    opening = "Ban Thường vụ Tỉnh ủy họp nghe báo cáo kết quả công tác phát triển đảng viên năm 2025. " * 5
    tasks = "Phấn đấu kết nạp ít nhất 2.400 đảng viên mới trong năm 2026 trên toàn tỉnh. " * 5
    (folder / "tb.md").write_text(f"# Thông báo kết luận\n\n{opening}\n\n## 2. Nhiệm vụ năm 2026\n\n{tasks}\n", "utf-8")
    lib = load_library(folder, TEST_CACHE)
    html, keyboard, _ = render.outline_page(lib, 0, 0)
    # the button's number is set apart from the heading's own ("2. 2. Nhiệm vụ" read as one number twice)
    assert "<b>[1]</b> Phần mở đầu" in html and "<b>[2]</b> 2. Nhiệm vụ năm 2026" in html
    assert "Toàn văn" not in html and sum(len(row) for row in keyboard.inline_keyboard) == 2
