from bot.knowledge.cleaning import clean

from .conftest import corpus_file


def test_portal_banner_and_table_pipes_are_removed():
    raw = (
        "|\n|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, đăng tải lại "
        "mà không có sự đồng ý của **\nTHƯ VIỆN PHÁP LUẬT** là vi phạm pháp luật về Sở hữu trí tuệ.\n**\n"
        "THƯ VIỆN PHÁP LUẬT** has the copyright on this translation. Copying or reposting it without the consent of "
        "**\nTHƯ VIỆN PHÁP LUẬT** is a violation against the Law on Intellectual Property.\n"
        "| Chức vụ | Ủy viên | ||\n|---|---|\nQuý khách cần hỏi thêm thông tin về có thể đặt câu hỏi tại đây.\n"
    )
    assert clean(raw) == "Chức vụ – Ủy viên"


def test_bold_heading_wrapped_over_lines_is_one_line():
    assert clean("**BAN CHẤP HÀNH\nTRUNG ƯƠNG**\n*\n|") == "**BAN CHẤP HÀNH TRUNG ƯƠNG**"


def test_hard_wrapped_paragraphs_are_joined():
    raw = (
        "Tại phiên họp ngày 28/11/2025, sau\n"
        "khi nghe Báo cáo của Ban Tổ chức Trung ương về tình hình, kết quả hoạt động của\n"
        "bộ máy hệ thống chính trị và chính quyền địa phương 2 cấp tháng 11/2025 (Báo\n"
        "cáo số 565-BC/BTCTW), Bộ Chính trị, Ban Bí thư kết luận như\n"
        "sau:\n**1.** Cơ bản thống nhất với\nBáo cáo của Ban Tổ chức Trung ương.\n"
    )
    lines = clean(raw).split("\n")
    assert len(lines) == 2
    assert lines[0].endswith("kết luận như sau:")
    assert lines[1] == "1. Cơ bản thống nhất với Báo cáo của Ban Tổ chức Trung ương."


def test_wraps_with_blank_lines_between_are_joined():
    # The Hà Nội handbook was converted with a blank line after every wrapped line.
    lines = clean(corpus_file("so_tay_ha_noi", "so_tay_ha_noi_phan_2.md").decode()).split("\n")
    assert (
        "- Là công dân Việt Nam, đã giác ngộ lý tưởng cách mạng của Đảng, tự nguyện đứng trong đội tiên phong "
        "của giai cấp công nhân, nhân dân lao động và dân tộc Việt Nam; nguyện suốt đời phấn đấu, hy sinh cho mục "
        "đích, lý tưởng của Đảng, đặt lợi ích của Tổ quốc, của giai cấp và nhân dân lao động lên trên lợi ích cá nhân;"
    ) in lines


def test_a_first_line_set_apart_is_a_title_even_in_a_wrapped_document():
    # the shape of a news item saved as text: its headline, a blank line, then a body wrapped at ~80 columns
    raw = (
        "Đẩy mạnh thông tin, tuyên truyền về công tác xây dựng Đảng năm 2023\n\n"
        "Ngày 10/5/2023, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 98-KH/TU về đẩy mạnh\n\n"
        "thông tin, tuyên truyền công tác xây dựng Đảng, xây dựng hệ thống chính trị năm\n\n"
        "2023. Mục tiêu của Kế hoạch nhằm đẩy mạnh tuyên truyền tạo niềm tin, khí thế,\n\n"
        "động lực mới, cổ vũ, động viên cán bộ, đảng viên và nhân dân quyết tâm cao.\n"
    )
    lines = clean(raw).split("\n")
    assert lines[0] == "Đẩy mạnh thông tin, tuyên truyền về công tác xây dựng Đảng năm 2023"
    assert lines[1].startswith("Ngày 10/5/2023") and lines[1].endswith("quyết tâm cao.")


def test_a_title_in_capitals_does_not_run_into_the_body():
    lines = clean(corpus_file("tnt305", "fe168907f6107711.md").decode()).split("\n")
    title = lines.index("**HƯỚNG DẪN**") + 1
    assert lines[title].startswith("MỘT SỐ NỘI DUNG QUY ĐỊNH SỐ 377-QĐ/TW NGÀY 08/10/2025 CỦA BỘ CHÍNH TRỊ")
    assert lines[title].endswith("MIỄN NHIỆM ĐỐI VỚI CÁN BỘ")
    assert lines[title + 1].startswith("Thực hiện Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị")


def test_wikipedia_reference_sections_are_dropped():
    raw = "## Lịch sử\nNội dung.\n## Tham khảo\n1. ^ http://example.org\n## Khác\nCòn lại."
    assert clean(raw).split("\n") == ["## Lịch sử", "Nội dung.", "## Khác", "Còn lại."]


def test_reference_marks_are_removed_and_footnotes_and_numbered_items_kept_as_numbers():
    raw = (
        "Trần Phú được bầu làm Tổng Bí thư đầu tiên.[19] Theo Hà Huy Tập[20] thì Đảng có 565 đảng viên.\n\n"
        "Đơn vị sự nghiệp công lập gọi là **viên chức**.[a][1] Báo Hải quan[b] giải thể[ cần dẫn nguồn].\n\n"
        "[46]\n\n"
        "[7] - Năm 1982: Có 1.727.000 Đảng viên\n\n"
        "[32]### Trong giai đoạn kháng chiến chống Mỹ\n\n"
        "Các chương trình, kế hoạch[1] đã ban hành.\n\n"
        "[1] Cơ bản thống nhất với Báo cáo của Ban Tổ chức Trung ương.\n\n"
        "Xem [Điều lệ](https://example.org/dieu-le) và mục [1](https://example.org/1).\n"
    )
    assert clean(raw).split("\n") == [
        "Trần Phú được bầu làm Tổng Bí thư đầu tiên. Theo Hà Huy Tập thì Đảng có 565 đảng viên.",
        "Đơn vị sự nghiệp công lập gọi là viên chức. Báo Hải quan giải thể.",
        "- Năm 1982: Có 1.727.000 Đảng viên",
        "### Trong giai đoạn kháng chiến chống Mỹ",
        "Các chương trình, kế hoạch đã ban hành.",
        "(1) Cơ bản thống nhất với Báo cáo của Ban Tổ chức Trung ương.",  # an item's number, not a reply's "[1]"
        "Xem Điều lệ và mục 1.",
    ]


def test_bold_set_against_a_word_does_not_glue_two_words():
    raw = "Việt Nam.**Chủ tịch nước**là Nguyên thủ quốc gia; **Phó Thủ tướng**kiêm**Bộ trưởng**, *g**iải thích**."
    assert clean(raw) == "Việt Nam. Chủ tịch nước là Nguyên thủ quốc gia; Phó Thủ tướng kiêm Bộ trưởng, giải thích."


def test_a_law_portals_related_documents_section_is_dropped():
    # thuvienphapluat.vn's list of other documents, its comparison help and its company's address
    raw = (
        "**Điều 4. Hiệu lực thi hành**\nNghị quyết có hiệu lực từ ngày ký.\n## Văn bản liên quan\n"
        "Ban hành:\n29/06/2025 Hiệu lực: Đã biết Cập nhật:\nVăn bản bị thay thế Văn bản thay thế Chú thích\n"
        "17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM"
    )
    assert clean(raw).split("\n") == ["**Điều 4. Hiệu lực thi hành**", "Nghị quyết có hiệu lực từ ngày ký."]


def test_a_law_portals_footer_under_the_signature_is_dropped():
    raw = (
        "Đề nghị các Bộ báo cáo kết quả trước ngày 15/12/2025.\nPhạm Thị Thanh Trà\n|\n"
        "Công văn 174/CV-BCĐ năm 2025 tập trung tháo gỡ vướng mắc khi vận hành chính quyền địa phương 2 cấp\n"
        "Văn bản này chưa cập nhật nội dung Tiếng Anh\n"
        "Công văn 174/CV-BCĐ ngày 02/12/2025 tập trung tháo gỡ vướng mắc khi vận hành chính quyền địa phương 2 cấp\n"
        "## Văn bản liên quan\nBan hành:\n"
    )
    assert clean(raw).split("\n") == ["Đề nghị các Bộ báo cáo kết quả trước ngày 15/12/2025.", "Phạm Thị Thanh Trà"]


def test_stray_asterisks_do_not_swallow_the_next_heading():
    raw = "*Lưu ý**: chỉ mang tính tham khảo.*\n\n## Bản kiểm điểm khi nào được áp dụng?\nCăn cứ tại tiểu mục 7.12."
    assert clean(raw).split("\n")[1] == "## Bản kiểm điểm khi nào được áp dụng?"


def test_a_pages_buttons_links_and_disclaimer_are_removed():
    raw = (
        "# Nghị quyết 68\n\n"
        "**Click trái** để xem cụ thể từng nội dung cần so sánh\n\n"
        "Kinh tế tư nhân là một động lực quan trọng nhất của nền kinh tế quốc gia.\n\n"
        "**>> Tổng hợp các Nghị quyết của Bộ Chính trị năm 2025**\n\n"
        "Tải về Mẫu 2C Bản kiểm điểm\n\n"
        "Xem thêm: Tải file word trọn bộ biểu mẫu\n\n"
        "**Xem và tải Mẫu 2B** Bản kiểm điểm, tự đánh giá, xếp loại của cá nhân\n\n"
        '**(*) Lưu ý:** Thông tin về "Mẫu biên bản họp" chỉ mang tính chất tham khảo.\n\n'
        '*Lưu ý: Thông tin "Đáp án Tuần 3" mang tính chất tham khảo. *\n\n'
        "**Tải**** thông tin Hướng dẫn viết kiểm điểm đầy đủ tại đây >>>tải về**\n\n"
        "Tải trọng của xe không quá 10 tấn.\n"
    )
    text = clean(raw)
    assert "Kinh tế tư nhân là một động lực" in text and "Tải trọng của xe" in text
    for gone in ("Click", ">>", "Tổng hợp các Nghị quyết", "Mẫu 2C", "Xem thêm", "Mẫu 2B", "tham khảo", "tại đây"):
        assert gone not in text, gone


def test_a_portals_links_to_its_other_articles_are_removed():
    # inside the article's box, where the web reader keeps them; with the byline above them, the
    # author's name became a section of an uploaded news page
    raw = (
        "# Hội nghị quán triệt Nghị quyết\n\n"
        "Mỗi đảng viên nộp bài thu hoạch về chi bộ trước ngày 30/4/2026.\n\n"
        "**Minh Anh**\n\n"
        "Tin cùng chuyên mục: Xã An Bình ra quân làm đường nông thôn\n\n"
        "## Tin liên quan\n\n- Trao Huy hiệu 50 năm tuổi Đảng\n\n"
    )
    text = clean(raw)
    assert "nộp bài thu hoạch" in text
    assert "Tin cùng chuyên mục" not in text and "Huy hiệu" not in text and "Tin liên quan" not in text
    assert "Bài liên quan đến kết nạp" in clean("Bài liên quan đến kết nạp đảng viên.\n")  # a sentence stays


def test_a_quiz_item_keeps_its_question_and_the_answer_the_page_marks():
    # a contest's answer page bolds the right option; the wrong ones must not be quoted as answers
    raw = (
        "**Câu 14: Theo Nghị quyết 71-NQ/TW, chi đầu tư cho giáo dục là tối thiểu bao nhiêu?**\n\n"
        "**A. Chi đầu tư đạt ít nhất 10% tổng chi ngân sách nhà nước**\n\n"
        "B. Chi đầu tư đạt ít nhất 6% tổng chi ngân sách nhà nước\n\n"
        "C. Chi đầu tư đạt ít nhất 5% tổng chi ngân sách nhà nước\n\n"
        "D. Chi đầu tư đạt ít nhất 8% tổng chi ngân sách nhà nước\n\n"
        "**Câu hỏi 2. Chọn đáp án đúng**\n\n"
        "**Nghị quyết 57 đưa ra yêu cầu gì?**\n\n"
        "A Ưu tiên nhập khẩu công nghệ chiến lược\n\n"
        "B Hỗ trợ chủ yếu bằng các khoản vay quốc tế\n\n"
        "**C Bố trí ít nhất 15% ngân sách chi sự nghiệp khoa học**\n\n"
    )
    assert clean(raw).split("\n") == [
        "Câu 14: Theo Nghị quyết 71-NQ/TW, chi đầu tư cho giáo dục là tối thiểu bao nhiêu? "
        "A. Chi đầu tư đạt ít nhất 10% tổng chi ngân sách nhà nước",
        "**Câu hỏi 2. Chọn đáp án đúng**",
        "Nghị quyết 57 đưa ra yêu cầu gì? C Bố trí ít nhất 15% ngân sách chi sự nghiệp khoa học",
    ]


def test_a_quiz_item_under_a_markdown_heading_keeps_the_heading():
    raw = "## Câu 2: Chi bộ họp mấy lần một tháng?\n\nA. Hai lần\n\n**B. Một lần**\n\nC. Ba lần"
    assert clean(raw).split("\n") == ["## Câu 2: Chi bộ họp mấy lần một tháng?", "B. Một lần"]


def test_quiz_options_with_no_marked_answer_and_bold_headings_stay():
    unmarked = "Câu 3: Chi bộ họp mấy lần?\n\nA. Một lần\n\nB. Hai lần\n\nC. Ba lần"
    assert clean(unmarked).split("\n") == ["Câu 3: Chi bộ họp mấy lần?", "A. Một lần", "B. Hai lần", "C. Ba lần"]
    # a report's parts "A.", "B." are headings, not options: no run of three
    report = "**A. NỘI DUNG KIỂM ĐIỂM**\n\nƯu điểm.\n\n**B. NỘI DUNG TỰ ĐÁNH GIÁ**\n\nKhuyết điểm."
    assert clean(report).split("\n") == [
        "**A. NỘI DUNG KIỂM ĐIỂM**",
        "Ưu điểm.",
        "**B. NỘI DUNG TỰ ĐÁNH GIÁ**",
        "Khuyết điểm.",
    ]
