"""PowerPoint decks as study sessions use them: slide titles as sections, bullets, tables, speaker's
notes, legacy fonts, and the broken or old ones."""

import io
import zipfile

import pytest
from pptx import Presentation

from bot.answer import KEEP, answer
from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import convert
from bot.search.analyzer import passage_fields
from bot.search.engine import SearchEngine

from .office_fixtures import soffice_convert
from .slide_fixtures import BLANK, NOTES, TITLE_AND_CONTENT, deck_bytes, lecture
from .word_fixtures import tcvn3


def lines(converted) -> list[str]:
    return [line for line in converted.text.split("\n") if line.strip()]


def test_slides_become_sections_with_bullets_tables_and_notes():
    assert lines(convert(deck_bytes(lecture()), "bai-giang.pptx")) == [
        "# Học tập Quy định 294-QĐ/TW về thi hành Điều lệ Đảng",  # the cover's title is the document's
        "## Trang chiếu 1. Học tập Quy định 294-QĐ/TW về thi hành Điều lệ Đảng",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "## Trang chiếu 2. Bầu cử trong chi bộ",
        "- Chi bộ có 9 đảng viên chính thức trở lên bầu chi ủy.",
        "- Chi bộ đông đảng viên bầu không quá 7 chi ủy viên.",
        "1. Nhiệm kỳ đại hội chi bộ là 5 năm.",  # its own number, no bullet added
        NOTES,  # the speaker's notes
        "## Trang chiếu 3",  # no title: cited by its number
        "Mốc thời gian thực hiện",  # a free text box has no bullet
        "| Việc | Thời hạn |",
        "| Nộp bài thu hoạch | 30/6 |",
    ]  # the hidden slide is left out


def test_every_slide_is_a_passage_of_its_own_however_small(tmp_path):
    """Small sections run on into the next, and the first one's heading was then in neither the
    passage's path nor its text: a deck of short slides lost most of its titles."""
    deck = Presentation()
    topics = {
        "Ba đột phá chiến lược": ["Đột phá về thể chế", "Đột phá về nguồn nhân lực", "Đột phá về hạ tầng"],
        "Các chỉ tiêu về xã hội": ["Tuổi thọ bình quân đạt 75,5 tuổi"],
        "Trách nhiệm của chi bộ": ["Mỗi đảng viên viết bài thu hoạch, nộp chi bộ trước ngày 30/4/2026"],
    }
    for title, bullets in topics.items():
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
        slide.shapes.title.text = title
        slide.placeholders[1].text = "\n".join(bullets)
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "bai-giang.pptx").write_bytes(deck_bytes(deck))
    engine = SearchEngine.open(folder, tmp_path / "cache")
    assert [p.section_label for p in engine.index.passages] == [
        "Trang chiếu 1. Ba đột phá chiến lược",
        "Trang chiếu 2. Các chỉ tiêu về xã hội",
        "Trang chiếu 3. Trách nhiệm của chi bộ",
    ]
    best = engine.search("ba đột phá chiến lược").hits[0].passage
    assert best.section_label == "Trang chiếu 1. Ba đột phá chiến lược" and "Đột phá về thể chế" in best.text
    # a list question gets the slide's whole list: the title above the bullets is their lead-in
    for question in ("ba đột phá chiến lược gồm những gì", "ba đột phá chiến lược là gì"):  # a count asks for all
        line = answer(engine, question, 3, KEEP).line
        assert line is not None, question
        assert line.text == "- Đột phá về thể chế - Đột phá về nguồn nhân lực - Đột phá về hạ tầng", question
    # a slide's title names its subject, as an article's does: indexed among the headings
    fields = passage_fields(engine.index.passages[1])
    assert {"chỉ_tiêu", "xã_hội"} <= set(fields["headings"]), fields["headings"]


def test_runs_in_a_vntime_font_are_converted_with_a_note():
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Nhiệm vụ"
    run = slide.placeholders[1].text_frame.paragraphs[0].add_run()
    run.text = tcvn3("Đảng viên phải gương mẫu.").decode("latin-1")
    run.font.name = ".VnTime"
    converted = convert(deck_bytes(deck), "cu.pptx")
    assert lines(converted) == ["# Nhiệm vụ", "## Trang chiếu 1. Nhiệm vụ", "- Đảng viên phải gương mẫu."]
    assert any("TCVN3" in note for note in converted.warnings)


@pytest.mark.parametrize("old", ["ppt", "odp"])
def test_a_powerpoint_97_or_opendocument_deck_is_read_like_the_pptx(tmp_path, old):
    """Offices keep lectures from PowerPoint 2003 (.ppt) and LibreOffice (.odp): LibreOffice Impress
    turns them into .pptx first."""
    source = tmp_path / "bai-giang.pptx"
    source.write_bytes(deck_bytes(lecture()))
    saved = soffice_convert(source, old).read_bytes()
    assert lines(convert(saved, f"bai-giang.{old}")) == lines(convert(source.read_bytes(), "bai-giang.pptx"))


def test_old_broken_and_empty_decks_have_reasons():
    good = deck_bytes(lecture())
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    with pytest.raises(UnreadableFile, match="không phải bài trình chiếu"):
        convert(ole + "WordDocument".encode("utf-16-le"), "cu.ppt")
    with pytest.raises(UnreadableFile, match="mật khẩu"):
        convert(ole + "EncryptedPackage".encode("utf-16-le"), "secret.pptx")
    with pytest.raises(UnreadableFile, match=r"LibreOffice không chuyển được.*lưu thành \.pptx"):
        convert(ole + "PowerPoint Document".encode("utf-16-le") + b"\1" * 300, "hong.ppt")
    with pytest.raises(UnreadableFile, match="hỏng"):
        convert(good[: len(good) // 2], "cut.pptx")
    with pytest.raises(UnreadableFile, match="không phải tệp PowerPoint"):
        convert(b"%PDF-1.4 not a deck", "x.pptx")
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFile, match=r"presentation\.xml"):
        convert(empty.getvalue(), "x.pptx")
    pictures_only = Presentation()
    pictures_only.slides.add_slide(pictures_only.slide_layouts[BLANK])
    with pytest.raises(UnreadableFile, match="không có chữ"):
        convert(deck_bytes(pictures_only), "anh.pptx")


def test_a_folder_with_a_deck_answers_cited_to_the_slide(tmp_path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "bai-giang-294.pptx").write_bytes(deck_bytes(lecture()))
    engine = SearchEngine.open(folder, tmp_path / "cache")
    assert not engine.problems
    best = engine.search("chi bộ có bao nhiêu đảng viên thì bầu chi ủy").hits[0].passage
    assert best.doc.title == "Học tập Quy định 294-QĐ/TW về thi hành Điều lệ Đảng"
    assert best.section_label == "Trang chiếu 2. Bầu cử trong chi bộ"
    assert "9 đảng viên chính thức trở lên bầu chi ủy" in best.text
