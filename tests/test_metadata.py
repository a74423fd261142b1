"""Metadata detected from real document headers (party_corpus files vendored in tests/data)."""

from bot.knowledge.loader import parse_document

from .conftest import KNOWLEDGE, corpus_file


def load(name):
    return parse_document(name, corpus_file("tnt305", name))


def test_party_regulation_header():
    doc = load("056a116c77fe4047.md")  # Quy định 383-QĐ/TW, laid out across wrapped table cells
    assert doc.symbol == "383-QĐ/TW"
    assert doc.type == "Quy định"
    assert doc.issuer == "Ban Bí thư"  # "T/M BAN BÍ THƯ" at the foot; the header only says BCH TW
    assert doc.issued == "2025-11-19"
    assert doc.title == "Quy định về Phông lưu trữ Đảng Cộng sản Việt Nam"  # as its text writes the name
    assert not doc.text.startswith("BAN CHẤP HÀNH")  # the header is metadata, not body


def test_issuing_department_under_the_central_committee():
    doc = load("fe168907f6107711.md")
    assert (doc.symbol, doc.type, doc.issuer, doc.issued) == (
        "45-HD/BTCTW",
        "Hướng dẫn",
        "Ban Tổ chức Trung ương",
        "2025-11-21",
    )


def test_party_charter():
    # The shipped Điều lệ is the crawled page (party_corpus/tnt305/b5766b5f7caa1268.md) under front matter
    # written from what detection finds; without that front matter, detection must find it again.
    shipped = (KNOWLEDGE / "dieu-le-dang.md").read_text(encoding="utf-8")
    crawled = shipped.split("\n---\n", 1)[1].lstrip("\n")
    assert not crawled.startswith("---")
    doc = parse_document("b5766b5f7caa1268.md", crawled.encode())
    assert doc.type == "Điều lệ"
    assert doc.title == "Điều lệ Đảng Cộng sản Việt Nam"
    assert doc.issuer == "Đại hội đại biểu toàn quốc lần thứ XI"
    assert doc.issued == "2011-01-19"


def test_portal_fact_table_is_read_and_removed():
    doc = load("265ff514762b4c47.md")  # Kết luận 221-KL/TW saved from thuvienphapluat.vn
    assert doc.symbol == "221-KL/TW"
    assert doc.type == "Kết luận"
    assert doc.issued == "2025-11-28"
    assert "Số hiệu" not in doc.text and "THƯ VIỆN PHÁP LUẬT" not in doc.text


def test_type_heading_with_more_words():
    doc = load("b3f47f1508761da8.md")  # "THÔNG BÁO KẾT LUẬN"
    assert doc.type == "Thông báo"
    assert doc.title.startswith("Thông báo kết luận của đồng chí Tổng Bí thư")


def test_news_page_has_its_heading_as_title_and_no_number():
    doc = load("07af42cd8d05ce9c.md")
    assert doc.title == "Kết luận 157 của Bộ Chính trị: Hoàn tất sáp nhập tỉnh trước 15/8/2025"
    assert doc.symbol is None


def test_front_matter_overrides_detection():
    data = (
        "---\ntitle: Tên do quản trị đặt\nsymbol: 12-KH/TU\nissued: 2024-01-02\n---\n**KẾ HOẠCH**\nNội dung.\n".encode()
    )
    doc = parse_document("a.md", data)
    assert (doc.title, doc.symbol, doc.issued) == ("Tên do quản trị đặt", "12-KH/TU", "2024-01-02")


def test_a_heading_word_that_numbers_nothing_is_a_title():
    page = "# Điều lệ Đảng Cộng sản Việt Nam\n\nĐiều lệ Đảng là văn bản pháp lý cơ bản của Đảng.\n"
    doc = parse_document("tnt305/150c545237e4e3a2.md", page.encode())
    assert doc.title == "Điều lệ Đảng Cộng sản Việt Nam"  # not the file's name
    assert doc.text.startswith("# Điều lệ Đảng")  # still heads the text it indexes


def test_a_saved_page_that_lost_its_headline_is_named_by_its_first_heading():
    page = "### Thời điểm tính độ tuổi tham gia cấp ủy\n\nCấp cơ sở tháng 4/2025; cấp tỉnh tháng 9/2025.\n"
    assert parse_document("da98898995882052.md", page.encode()).title == "Thời điểm tính độ tuổi tham gia cấp ủy"
    article = "## Điều 1. Phạm vi điều chỉnh\n\nQuy định này quy định về phông lưu trữ.\n"
    assert parse_document("quy-dinh-luu-tru.md", article.encode()).title == "quy-dinh-luu-tru"  # no headline


def test_type_and_subject_of_a_document_saved_without_its_header():
    page = (
        "**HƯỚNG DẪN**\n\n**XÂY DỰNG, KIỆN TOÀN ĐỘI NGŨ BÁO CÁO VIÊN CÁC CẤP**\n\n"
        "- Căn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương Đảng;\n"
    )
    doc = parse_document("tnt305/aa9bb8226e3d4c71.md", page.encode())
    assert doc.title == "Hướng dẫn xây dựng, kiện toàn đội ngũ báo cáo viên các cấp"
    assert doc.text.startswith("- Căn cứ Quy định số 294-QĐ/TW")
    # Nothing above the title block says this is the issued text rather than a page copying it,
    # so it does not get the weight of a rule-making document (engine.authority).
    assert doc.type is None


LETTER = """ĐẢNG BỘ TỈNH BẮC NINH
ĐẢNG ỦY XÃ TIÊN DU
*
Số 45-CV/ĐU
V/v triển khai học tập, quán triệt
Nghị quyết Đại hội XIV của Đảng

ĐẢNG CỘNG SẢN VIỆT NAM
Tiên Du, ngày 12 tháng 3 năm 2026

Kính gửi: Các chi bộ trực thuộc Đảng ủy

Đảng ủy xã đề nghị các chi bộ tổ chức học tập nghị quyết trước ngày 30/3/2026.

T/M ĐẢNG ỦY
BÍ THƯ
"""


def test_a_letter_is_cited_by_its_number_date_issuer_and_subject():
    # A công văn has no type heading: it was named "ĐẢNG BỘ TỈNH BẮC NINH ĐẢNG ỦY XÃ TIÊN DU", with no
    # number or date, and its header was read as text.
    doc = parse_document("cong-van-45.md", LETTER.encode())
    assert (doc.symbol, doc.type, doc.issued) == ("45-CV/ĐU", "Công văn", "2026-03-12")
    assert doc.issuer == "Đảng ủy xã Tiên Du"
    assert doc.title == "V/v triển khai học tập, quán triệt Nghị quyết Đại hội XIV của Đảng"
    assert doc.text.startswith("Kính gửi: Các chi bộ trực thuộc Đảng ủy")


def test_a_state_letters_number_names_no_type_but_its_subject_line_says_it_is_a_letter():
    letter = (
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 1234/UBND-VX\nV/v rà soát hồ sơ\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nNội dung.\n"
    )
    doc = parse_document("cv.md", letter.encode())
    assert (doc.symbol, doc.type, doc.title) == ("1234/UBND-VX", "Công văn", "V/v rà soát hồ sơ")


def test_a_letter_with_a_number_and_no_subject_is_named_by_its_number_not_its_addressees():
    doc = load("e42103d7f815212d.md")  # Công văn 174/CV-BCĐ from thuvienphapluat.vn: the table gives the number
    assert doc.title == "Công văn 174/CV-BCĐ"  # was "Kính gửi: Các đồng chí Bộ trưởng, …"
    assert doc.text.startswith("Kính gửi:")


def test_an_issuer_under_the_body_above_it_is_named_alone_or_as_its_department():
    subject = "V/v triển khai học tập, quán triệt\nNghị quyết Đại hội XIV của Đảng\n"
    plan = LETTER.replace("Số 45-CV/ĐU\n" + subject, "Số 12-KH/ĐU\n")
    plan = plan.replace("Kính gửi: Các chi bộ trực thuộc Đảng ủy", "KẾ HOẠCH\nHỌC TẬP NGHỊ QUYẾT")
    assert parse_document("kh.md", plan.encode()).issuer == "Đảng ủy xã Tiên Du"  # not "Đảng bộ tỉnh … Đảng ủy xã …"
    department = plan.replace("ĐẢNG BỘ TỈNH BẮC NINH\nĐẢNG ỦY XÃ TIÊN DU", "TỈNH ỦY BẮC NINH\nBAN TUYÊN GIÁO")
    assert parse_document("kh.md", department.encode()).issuer == "Ban Tuyên giáo Tỉnh ủy Bắc Ninh"


def test_a_download_pages_headline_names_it_without_its_download_verb():
    # "Tải …" lines are a page's buttons and are cleaned out; its headline was too, and the page was
    # named by its first sentence ("Căn cứ tại tiểu mục 19.2 … như sau:")
    page = (
        "# Tải mẫu Khen thưởng Đảng viên không theo định kỳ 2025?\n\n"
        "**Tải mẫu Khen thưởng Đảng viên không theo định kỳ 2025? **\n\n"
        "Căn cứ tại tiểu mục 19.2 Mục 19 Hướng dẫn 06-HD/TW năm 2025 quy định như sau:\n\n"
        "## Tải về Mẫu 2C\n\nĐảng ủy cơ sở xét tặng giấy khen.\n"
    )
    doc = parse_document("tnt305/01692bb313971813.md", page.encode())
    assert doc.title == "Mẫu Khen thưởng Đảng viên không theo định kỳ 2025?"  # the page's button verb left out
    assert doc.text.startswith("Căn cứ tại tiểu mục 19.2") and "Tải" not in doc.text  # the buttons stay out
    for headline, title in [
        ("Tải file Kết luận 221-KL/TW năm 2025 về bộ máy", "Kết luận 221-KL/TW năm 2025 về bộ máy"),
        ("Tải file excel bảng chấm điểm đảng viên năm 2025", "Bảng chấm điểm đảng viên năm 2025"),
        ("Tải về Mẫu 2C Bản kiểm điểm", "Mẫu 2C Bản kiểm điểm"),
    ]:
        assert parse_document("p.md", f"# {headline}\n\nNội dung.\n".encode()).title == title


def test_a_title_in_capitals_takes_its_names_capitals_from_the_text():
    header = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 659/TB-VPCP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 29 tháng 11 năm 2025\n"
        "THÔNG BÁO\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ HỒ QUỐC DŨNG VỀ CÔNG TÁC Y TẾ CỦA BỘ Y TẾ\n"
        "KẾ HOẠCH PHÁT TRIỂN GIAI ĐOẠN\n2026 - 2030\n"
    )
    body = (
        "Ngày 20/11/2025, Phó Thủ tướng Chính phủ Hồ Quốc Dũng chủ trì cuộc họp với Bộ Y tế về công tác y tế.\n"
        "Công tác y tế của Bộ Y tế năm 2026 được giao cho các đơn vị.\n"
    )
    doc = parse_document("tb.md", (header + body).encode())
    # names capitalised as the text writes them; "công tác y tế" stays as the text writes it
    assert doc.title.startswith(
        "Thông báo kết luận của Phó Thủ tướng Chính phủ Hồ Quốc Dũng về công tác y tế của Bộ Y tế kế hoạch"
    )
    assert doc.title.endswith("giai đoạn 2026 - 2030")  # the years on their own line end the title


def test_a_decisions_subject_in_a_sentences_letters_completes_its_title():
    # state decisions set "Về việc …" under "QUYẾT ĐỊNH" in ordinary letters: the title was "Quyết định"
    decision = (
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 123/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Bắc Ninh, ngày 5 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
        "Điều 1. Thành lập Ban Chỉ đạo.\n"
    )
    doc = parse_document("qd.md", decision.encode())
    assert doc.title == "Quyết định về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh"
    assert (doc.symbol, doc.type, doc.issued) == ("123/QĐ-UBND", "Quyết định", "2026-03-05")
    assert doc.text.startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")


def test_a_party_documents_subject_in_lower_case_completes_its_title():
    # the Party's layout sets the subject in bold lower case under "KẾ HOẠCH": the title was "Kế hoạch";
    # a PDF wraps the years onto a line of their own, and the body's first sentence is no part of it
    plan = (
        "ĐẢNG BỘ TỈNH BẮC NINH\n\nĐẢNG ỦY XÃ TIÊN DU\n\nSố 27-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Tiên Du, ngày 12 tháng 01 năm 2026\n\n**KẾ HOẠCH**\n\n"
        "**học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ**\n\n**2025 - 2030**\n\n"
        "Thực hiện Hướng dẫn số 12-HD/BTG, Ban Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Cán bộ, đảng viên nắm vững nội dung Nghị quyết.\n"
    )
    doc = parse_document("kh.md", plan.encode())
    assert doc.title == (
        "Kế hoạch học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030"
    )
    assert (doc.symbol, doc.type, doc.issuer) == ("27-KH/ĐU", "Kế hoạch", "Đảng ủy xã Tiên Du")
    assert doc.text.startswith("Thực hiện Hướng dẫn số 12-HD/BTG")
