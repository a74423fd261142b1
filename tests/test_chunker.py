"""Passages of real documents: structure, heading paths, list lead-ins, sizes."""

import pytest

from bot.knowledge.chunker import MAX_PASSAGE_CHARS, chunk
from bot.knowledge.document import Document
from bot.knowledge.loader import parse_document

from .conftest import KNOWLEDGE, corpus_file


@pytest.fixture(scope="module")
def charter():
    return chunk(parse_document("dieu_le.md", (KNOWLEDGE / "dieu-le-dang.md").read_bytes()))


def passage_with(passages, phrase):
    return next(p for p in passages if phrase in p.text)


def test_article_and_clause_path(charter):
    p = passage_with(charter, "phải trải qua thời kỳ dự bị mười hai tháng")
    assert p.section[:2] == ("Chương I. Đảng viên", "Điều 5")
    assert p.section[2].startswith("khoản 1")
    assert p.text.startswith("1. Người được kết nạp vào Đảng")


def test_list_item_keeps_the_sentence_that_introduces_the_list(charter):
    p = passage_with(charter, "tích cực tham gia công tác quần chúng, công tác xã hội nơi làm việc và nơi ở")
    assert p.section[1] == "Điều 2"
    assert p.text.startswith("Đảng viên có nhiệm vụ")


def test_chapters_reset_the_path(charter):
    p = passage_with(charter, "Đảng Cộng sản Việt Nam tổ chức theo nguyên tắc tập trung dân chủ")
    assert p.section[0].startswith("Chương II")
    assert p.section[1] == "Điều 9"


@pytest.mark.corpus
def test_no_passage_is_too_long_to_quote(party_index):
    assert max(len(p.text) for p in party_index.passages) <= MAX_PASSAGE_CHARS


def test_passages_aim_at_chat_length(charter):
    sizes = sorted(len(p.text) for p in charter)
    assert sizes[len(sizes) // 2] >= 300
    assert sizes[-1] <= 1200


def test_roman_sections_and_titled_articles():
    passages = chunk(parse_document("383.md", corpus_file("tnt305", "056a116c77fe4047.md")))
    p = passage_with(passages, "Phông lưu trữ Đảng Cộng sản Việt Nam gồm toàn bộ")
    assert p.section == ("I. Quy định chung", "Điều 1. Phông lưu trữ Đảng Cộng sản Việt Nam")


def test_markdown_headings_and_steps():
    step1 = "Chi bộ lập hồ sơ gồm đơn xin vào Đảng, lý lịch, giấy chứng nhận học lớp bồi dưỡng. " * 4
    step2 = "Chi bộ họp xét, biểu quyết kết nạp khi được hai phần ba đảng viên chính thức tán thành. " * 4
    text = f"# Quy trình\n## Bước 01: Lập hồ sơ\n{step1}\n## Bước 02: Xét kết nạp\n{step2}\n"
    passages = chunk(Document(path="a.md", title="A", text=text))
    assert [p.section for p in passages] == [
        ("Quy trình", "Bước 01. Lập hồ sơ"),
        ("Quy trình", "Bước 02. Xét kết nạp"),
    ]


def test_sections_too_small_to_stand_alone_run_on_with_their_headings():
    text = (
        "## Hồ sơ kết nạp\nCăn cứ Hướng dẫn 12-HD/TW, hồ sơ gồm:\n### (Mẫu 1-KNĐ)\nĐơn xin vào Đảng.\n"
        "### (Mẫu 2-KNĐ)\nLý lịch của người xin vào Đảng.\n"
    )
    (passage,) = chunk(Document(path="a.md", title="A", text=text))
    assert passage.section == ("Hồ sơ kết nạp",)
    assert passage.text.split("\n") == [
        "Căn cứ Hướng dẫn 12-HD/TW, hồ sơ gồm:",
        "(Mẫu 1-KNĐ)",
        "Đơn xin vào Đảng.",
        "(Mẫu 2-KNĐ)",
        "Lý lịch của người xin vào Đảng.",
    ]


def test_a_heading_run_on_into_a_passage_is_shown_once_not_again_above_each_subheading():
    # a page's "19." then "19.2." then "a)" each with nothing or one line under it: the passage read
    # "19. Khen thưởng…", "19. Khen thưởng… › 19.2. …", "19. Khen thưởng… › 19.2. … › a) …"
    text = (
        "## Cơ quan nào tặng giấy khen?\nTại tiểu mục 19.2 Hướng dẫn 06-HD/TW quy định như sau:\n"
        "### 19. Khen thưởng tổ chức đảng và đảng viên\n#### 19.2. Khen thưởng đối với đảng viên\n"
        "##### a) Khen thưởng đảng viên theo định kỳ:\n- Đảng ủy cơ sở xét tặng giấy khen.\n"
        "##### b) Khen thưởng đảng viên theo chuyên đề:\n- Cấp ủy xét tặng giấy khen.\n"
    )
    (passage,) = chunk(Document(path="a.md", title="A", text=text))
    assert passage.text.split("\n") == [
        "Tại tiểu mục 19.2 Hướng dẫn 06-HD/TW quy định như sau:",
        "19. Khen thưởng tổ chức đảng và đảng viên",
        "19.2. Khen thưởng đối với đảng viên",
        "a) Khen thưởng đảng viên theo định kỳ:",
        "- Đảng ủy cơ sở xét tặng giấy khen.",
        "b) Khen thưởng đảng viên theo chuyên đề:",
        "- Cấp ủy xét tặng giấy khen.",
    ]


def test_long_paragraph_is_split_at_sentence_boundaries():
    sentence = "Chi bộ xem xét đề nghị của đảng viên về việc chuyển sinh hoạt đảng tạm thời. "
    doc = Document(path="a.md", title="A", text=sentence * 40)
    passages = chunk(doc)
    assert len(passages) > 1
    for p in passages:
        assert len(p.text) <= 900
        assert p.text.endswith("tạm thời.")


def test_signature_and_recipients_are_not_passages():
    passages = chunk(parse_document("1147.md", corpus_file("tnt305", "c49a5afadf61b342.md")))
    assert not any("Nơi nhận" in p.text or "Ngô Đông Hải" in p.text for p in passages)
    # the annexed regulation after the signature is still read
    assert any(p.section[:1] == ("Chương I. Quy định chung",) for p in passages)


def test_items_after_an_intro_longer_than_a_passage_are_not_lost():
    # "… đạt được một số kết quả nổi bật như sau:" closing a paragraph longer than a passage
    intro = "Văn phòng các cấp đã chủ động tham mưu, phục vụ kịp thời cho cấp ủy. " * 16 + "Kết quả như sau:"
    sentences = [[f"Việc {k} của công tác số {n} có chuyển biến tích cực." for k in range(8)] for n in range(1, 5)]
    items = [f"({n}) " + " ".join(said) for n, said in enumerate(sentences, 1)]
    passages = chunk(Document(path="a.md", title="A", text="\n".join([intro, *items])))
    quoted = " ".join(p.text for p in passages)
    assert all(sentence in quoted for said in sentences for sentence in said)
    assert max(len(p.text) for p in passages) <= 1200
    # each item's passage repeats what the list is about, not the whole paragraph
    assert all(p.text.startswith(("…", "Văn phòng")) for p in passages[1:])


def test_a_long_intro_before_every_item_leaves_room_for_the_items():
    passages = chunk(parse_document("vp.md", corpus_file("tnt305", "6e4d7759e03163f7.md")))
    assert any("phòng họp trực tuyến đến cấp xã" in p.text for p in passages)


def test_an_annex_after_the_signature_is_read():
    text = (
        "**Điều 4. Hiệu lực thi hành**\nQuy định này có hiệu lực từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 4;\n- Lưu Văn phòng.\n**T/M BAN BÍ THƯ**\nNguyễn Văn A\n"
        "**PHỤ LỤC 01**\nDANH SÁCH DỮ LIỆU CÁC CƠ QUAN ĐẢNG\n"
        "Dữ liệu thẻ đảng viên do Ban Tổ chức Trung ương chủ quản.\n"
        "Phụ lục 4 ban hành kèm theo Quy định này nêu các nhóm tiêu chí.\n"
    )
    passages = chunk(Document(path="a.md", title="A", text=text))
    annexed = passage_with(passages, "Dữ liệu thẻ đảng viên do Ban Tổ chức Trung ương chủ quản.")
    assert annexed.section == ("PHỤ LỤC 01. Danh sách dữ liệu các cơ quan Đảng",)
    # a sentence that starts with "Phụ lục 4" is body, not another annex
    assert "Phụ lục 4 ban hành kèm theo Quy định này" in annexed.text
    assert not any("Nguyễn Văn A" in p.text or "Nơi nhận" in p.text for p in passages)


def test_a_signature_without_recipients_is_not_a_section():
    # a portal page drops "Nơi nhận": the signer's title was a section and his name its passage
    text = (
        "**2. Nhiệm vụ năm 2026**\n2.1. Phấn đấu kết nạp ít nhất 2.400 đảng viên mới.\n"
        "**T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ THƯỜNG TRỰC**\nNguyễn Văn Bình\n"
        "**QUY CHẾ**\nĐiều 1. Phạm vi\nQuy chế này quy định việc bồi dưỡng.\n"
    )
    passages = chunk(Document(path="a.md", title="A", text=text))
    assert not any("Nguyễn Văn Bình" in p.text or "THƯỜNG VỤ" in " ".join(p.section) for p in passages)
    # what a heading after the signature opens is read: the rules a decision issues, an annex
    assert passage_with(passages, "Quy chế này quy định việc bồi dưỡng.")
    # "KT." opening a sentence in small letters is body
    body = chunk(Document(path="b.md", title="B", text="KT. Chủ tịch ký thay các văn bản sau đây.\n"))
    assert "KT. Chủ tịch ký thay" in body[0].text


def test_a_regulations_annexed_list_is_indexed():
    passages = chunk(parse_document("384.md", corpus_file("tnt305", "ca9ba61fc61bf961.md")))
    p = passage_with(passages, "Dữ liệu thẻ đảng viên")
    assert p.section[0].startswith("PHỤ LỤC")


def test_a_contest_answer_page_is_indexed_as_questions_and_their_marked_answers():
    passages = chunk(parse_document("dap-an.md", corpus_file("tnt305", "a5bbf11f4c7972dc.md")))
    p = passage_with(passages, "tỷ lệ phân bổ chi đầu tư trong tổng chi NSNN dành cho giáo dục")
    assert "A. Chi đầu tư đạt ít nhất 10% tổng chi ngân sách nhà nước" in p.text
    text = "\n".join(p.text for p in passages)
    assert "ít nhất 6% tổng chi ngân sách" not in text  # a wrong option is never quoted
    # the question whose section was one short line keeps its words in the text
    assert "Theo Nghị quyết 72-NQ/TW, phát triển y học cổ truyền được định hướng như thế nào?" in text
