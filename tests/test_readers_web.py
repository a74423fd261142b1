"""Web pages saved from a portal: only the article is read, in whatever encoding the page declares."""

from __future__ import annotations

import unicodedata

import pytest

from bot.knowledge.document import UnreadableFile
from bot.knowledge.loader import parse_document
from bot.knowledge.readers import convert
from bot.knowledge.readers.web import decode

ARTICLE_PARAGRAPHS = [
    "1. Đại hội đảng bộ các cấp là sự kiện chính trị quan trọng, phải được chuẩn bị chu đáo, dân chủ, đúng nguyên tắc.",
    "2. Công tác nhân sự phải bảo đảm tiêu chuẩn, điều kiện, quy trình chặt chẽ; kiên quyết không để lọt vào cấp ủy những người không đủ phẩm chất.",
    "3. Các cấp ủy tổ chức lấy ý kiến đóng góp của cán bộ, đảng viên và nhân dân vào dự thảo văn kiện.",
]
FURNITURE = [
    "Trang chủ", "Giới thiệu", "Liên hệ",  # menu
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15",  # ticker
    "Khai mạc Hội báo Xuân Quý Mão", "Đảng ủy Khối doanh nghiệp",  # related news
    "Cơ quan chủ quản", "Võ Trường Toản",  # footer
    "Thời tiết Cao Lãnh", "Chia sẻ",
]  # fmt: skip

PORTAL_PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp - Cổng thông tin Tỉnh ủy</title>
<script>var menu = "Trang chủ";</script><style>.x{{color:red}}</style></head>
<body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ỦY ĐỒNG THÁP</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li><li><a href="/tt">Tin tức - Sự kiện</a></li>
<li><a href="/vb">Văn bản</a></li><li><a href="/lh">Liên hệ</a></li></ul></nav>
<div class="ticker"><marquee>Nóng: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15 · Đồng Tháp tổ chức Lễ kỷ niệm</marquee></div>
</header>
<div class="container"><div class="row">
<aside class="sidebar"><h3>Chuyên mục</h3><ul><li><a href="/a">Xây dựng Đảng</a></li><li><a href="/b">Kinh tế</a></li></ul>
<div class="weather">Thời tiết Cao Lãnh 32°C</div></aside>
<main><article>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/vb">Văn bản</a></div>
<h1>Chỉ thị của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội XIV của Đảng</h1>
<table class="header"><tr><td><p>BAN CHẤP HÀNH TRUNG ƯƠNG</p><p>*</p><p>Số 35-CT/TW</p></td>
<td><p>ĐẢNG CỘNG SẢN VIỆT NAM</p><p><em>Hà Nội, ngày 14 tháng 6 năm 2024</em></p></td></tr></table>
<p style="text-align:center"><strong>CHỈ THỊ</strong></p>
<p style="text-align:center"><strong>CỦA BỘ CHÍNH TRỊ VỀ ĐẠI HỘI ĐẢNG BỘ CÁC CẤP TIẾN TỚI ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC LẦN THỨ XIV CỦA ĐẢNG</strong></p>
{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)}
<h2>Những việc cần làm ngay</h2>
<ul><li>Rà soát, bổ sung quy hoạch cấp ủy nhiệm kỳ 2025 - 2030.</li><li>Xây dựng đề án nhân sự đại hội.</li></ul>
<p style="text-align:right"><strong>T/M BỘ CHÍNH TRỊ</strong></p>
</article>
<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/x1">Đồng Tháp: Hội nghị triển khai Nghị quyết Trung ương 8</a></li>
<li><a href="/x2">Khai mạc Hội báo Xuân Quý Mão</a></li><li><a href="/x3">Tỉnh ủy làm việc với Đảng ủy Khối doanh nghiệp</a></li></ul></div>
<div class="share">Chia sẻ: Facebook | Zalo | In bài</div>
</main></div></div>
<footer><p>Cơ quan chủ quản: Văn phòng Tỉnh ủy Đồng Tháp. Địa chỉ: số 5 Võ Trường Toản, phường 1, thành phố Cao Lãnh.</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def portal_text() -> str:
    return convert(PORTAL_PAGE.encode("utf-8"), "chi-thi-35.html").text


def test_only_the_article_remains(portal_text):
    for furniture in FURNITURE:
        assert furniture not in portal_text, furniture
    assert "Tin liên quan" not in portal_text
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in portal_text.split("\n\n")


def test_structure_is_kept_as_the_cleaner_reads_it(portal_text):
    lines = portal_text.split("\n\n")
    assert "## Những việc cần làm ngay" in lines
    assert "- Xây dựng đề án nhân sự đại hội." in lines
    assert "**CHỈ THỊ**" in lines


def test_the_header_table_is_read_as_the_document_header(portal_text):
    lines = portal_text.split("\n\n")
    start = lines.index("BAN CHẤP HÀNH TRUNG ƯƠNG")
    assert lines[start : start + 5] == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "*",
        "Số 35-CT/TW",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hà Nội, ngày 14 tháng 6 năm 2024",
    ]
    doc = parse_document("chi-thi-35.html", PORTAL_PAGE.encode("utf-8"))
    assert (doc.symbol, doc.type, doc.issued) == ("35-CT/TW", "Chỉ thị", "2024-06-14")
    assert doc.issuer == "Bộ Chính trị"  # from the signature, as for Markdown files


def _windows_1258(text: str) -> bytes:
    """Text as a Vietnamese Windows page stores it: base letters precomposed, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            composed = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            out += composed.encode("cp1258") + "".join(m for m in marks if m not in "\u0302\u0306\u031b").encode(
                "cp1258"
            )
    return bytes(out)


def test_a_windows_1258_page_is_decoded_from_its_meta_charset():
    page = PORTAL_PAGE.replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    )
    data = _windows_1258(page)
    assert data != page.encode("utf-8")
    text = convert(data, "cu.htm").text
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text


def test_an_undeclared_windows_1258_page_is_recognised():
    page = PORTAL_PAGE.replace('<meta charset="utf-8">', "")
    text = convert(_windows_1258(page), "cu.htm").text
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text


def test_undeclared_utf8_is_decoded():
    body = "<html><body><p>Đảng viên phải gương mẫu chấp hành đường lối của Đảng.</p></body></html>"
    assert decode(body.encode("utf-8")) == body


def test_a_portal_page_with_a_one_line_article_keeps_only_that_line():
    # trafilatura, finding too little, falls back to the whole body: menus and footer included.
    start, end = PORTAL_PAGE.index("<main><article>") + len("<main><article>"), PORTAL_PAGE.index("</article>")
    page = (
        PORTAL_PAGE[:start]
        + "<h1>Chuẩn bị chu đáo cho Đại hội Đảng các cấp, nhiệm kỳ 2025 - 2030</h1>"
        + PORTAL_PAGE[end:]
    )
    assert (
        convert(page.encode("utf-8"), "ngan.html").text
        == "# Chuẩn bị chu đáo cho Đại hội Đảng các cấp, nhiệm kỳ 2025 - 2030"
    )


def test_a_bare_page_without_an_article_still_gives_its_text():
    page = "<html><body><div>Thông báo: chi bộ sinh hoạt ngày 5 hằng tháng.</div></body></html>"
    assert "chi bộ sinh hoạt ngày 5 hằng tháng" in convert(page.encode("utf-8"), "tb.html").text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Trang chủ</a> <a href='/lh'>Liên hệ</a></nav><footer>Bản quyền</footer></body></html>",
        "<html><head><script>var x = 1;</script></head><body></body></html>",
        "   ",
    ],
)
def test_a_page_with_nothing_to_read_is_refused_with_the_reason(page):
    with pytest.raises(UnreadableFile, match=r"rỗng|không có nội dung"):
        convert(page.encode("utf-8"), "trong.html")


def test_line_breaks_inside_a_paragraph_are_left_to_the_cleaner():
    page = (
        "<html><body><article><h1>Thông báo</h1>"
        "<p>Đảng viên sinh hoạt tại chi bộ nơi cư trú có trách nhiệm gương mẫu thực hiện<br>"
        "các quy định của địa phương và báo cáo với chi bộ nơi công tác.</p>"
        "<p>Nơi nhận:<br>- Các chi bộ;<br>- Lưu VP.</p></article></body></html>"
    )
    doc = parse_document("tb.html", page.encode("utf-8"))
    lines = doc.text.split("\n")
    assert (
        "Đảng viên sinh hoạt tại chi bộ nơi cư trú có trách nhiệm gương mẫu thực hiện các quy định của địa phương và báo cáo với chi bộ nơi công tác."
        in lines
    )
    assert lines[-3:] == ["Nơi nhận:", "- Các chi bộ;", "- Lưu VP."]
