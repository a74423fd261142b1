"""End to end: admins send files to the bot (preview, ✅ save, ✖ cancel, refusals), /xoavb moves a file to
the trash, and a document that replaces another is cited and carded as such. The real Application
against the fake Bot API server, which serves getFile and the file download URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bot_harness import ADMIN_ID, GROUP_ID, Harness, button, buttons, make_knowledge, text_of, user, write_config
from tests.conftest import TEST_CACHE
from tests.office_fixtures import soffice_convert
from tests.slide_fixtures import deck_bytes, lecture
from tests.spreadsheet_fixtures import xlsx
from tests.word_fixtures import party_rule

ADMIN = user(ADMIN_ID, "Quản trị")
MEMBER = user(40_002, "Lan")

PLAN = """ĐẢNG BỘ XÃ AN PHÚ
Số 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
An Phú, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
TỔ CHỨC TẾT TRỒNG CÂY ĐỜI ĐỜI NHỚ ƠN BÁC HỒ NĂM 2026
I. Mục đích, yêu cầu
1. Mỗi chi bộ tổ chức trồng ít nhất năm mươi cây xanh bóng mát tại khu dân cư trong dịp Tết trồng cây.
2. Đảng viên gương mẫu nhận chăm sóc cây xanh sau khi trồng.
II. Tổ chức thực hiện
Các chi bộ báo cáo kết quả về Văn phòng Đảng ủy trước ngày 30 tháng 3 năm 2026.
"""
PLAN_QUESTION = "mỗi chi bộ trồng bao nhiêu cây xanh bóng mát"

NEW_98 = """---
title: Kế hoạch thông tin, tuyên truyền về công tác xây dựng Đảng năm 2024
symbol: 98-KH/TU
type: Kế hoạch
issuer: Ban Thường vụ Tỉnh ủy
issued: 2024-02-01
---

Nội dung tuyên truyền năm 2024 tập trung vào việc học tập chuyên đề về phong cách quần chúng, dân chủ, nêu gương.
"""

REPLACING_98 = """---
title: Kế hoạch đẩy mạnh thông tin, tuyên truyền về công tác xây dựng Đảng năm 2025
symbol: 120-KH/TU
type: Kế hoạch
issuer: Ban Thường vụ Tỉnh ủy
issued: 2025-03-01
---

1. Nội dung tuyên truyền năm 2025 tập trung vào chuẩn bị đại hội đảng bộ các cấp.
2. Kế hoạch này có hiệu lực kể từ ngày ký và thay thế Kế hoạch số 98-KH/TU ngày 10/5/2023 của Ban Thường vụ Tỉnh ủy.
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    return make_knowledge(tmp_path / "knowledge")


def start_bot(api, tmp_path, folder, **overrides) -> Harness:
    config = write_config(tmp_path / "config.yaml", folder, TEST_CACHE, tmp_path / "stats.sqlite3", **overrides)
    return Harness(api, config).start()


@pytest.fixture
def bot(api, tmp_path, folder):
    harness = start_bot(api, tmp_path, folder)
    yield harness
    harness.stop()


def ask(bot, api, sender, text) -> str:
    mark = api.mark()
    bot.private(sender, text)
    return text_of(bot.reply_in(sender["id"], mark))


def upload(bot, api, data: bytes, name: str, **kwargs):
    """The admin sends a file; returns the outcome: the "reading…" message edited into it."""
    mark = api.mark()
    bot.send_file(ADMIN, data, name, **kwargs)
    status = bot.reply_in(ADMIN_ID, mark)
    assert "Đang đọc tệp" in text_of(status)
    return api.wait_for(
        "editMessageText", lambda c: c["message_id"] == status.result["message_id"], since=mark, timeout=60
    )


def press(bot, api, call, label: str):
    """Press the button starting with `label` under the message `call` sent or edited; returns the mark."""
    mark = api.mark()
    message = api.message(int(call["chat_id"]), int(call.result["message_id"]))
    bot.press(message, button(call, label), ADMIN)
    return mark


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_admin_uploads_a_text_file_sees_a_preview_saves_it_and_members_are_answered_from_it(bot, api, folder):
    assert ask(bot, api, MEMBER, PLAN_QUESTION).startswith("Chưa tìm thấy")
    before = files_under(folder)

    preview = upload(bot, api, PLAN.encode(), "KH trong cay.txt")
    text = text_of(preview)
    assert "Xem trước văn bản gửi lên: KH trong cay.txt" in text
    for fact in (
        "Loại văn bản: Kế hoạch",
        "Số hiệu: 12-KH/ĐU",
        "Ngày ban hành: 15/01/2026",
        "Cơ quan ban hành: Đảng bộ xã An Phú",
    ):
        assert fact in text
    assert re.search(r"Nội dung: \d+ mục, \d+ đoạn", text)
    assert "năm mươi cây xanh" in text  # the first lines
    assert "Sẽ lưu thành tai-len/12-kh-du.md" in text
    assert [label for label, _ in buttons(preview)] == ["✅ Lưu vào thư viện", "✖ Hủy"]
    assert files_under(folder) == before  # nothing is stored before ✅
    assert api.calls_of("downloadFile")

    mark = press(bot, api, preview, "✅")
    saved = api.wait_for("editMessageText", lambda c: "Đã lưu" in c["text"], since=mark, timeout=60)
    assert "tai-len/12-kh-du.md" in text_of(saved)
    card = bot.reply_in(ADMIN_ID, mark, timeout=60, where=lambda c: c["text"].startswith("📄"))
    assert "Kế hoạch 12-KH/ĐU" in text_of(card) and "tai-len/12-kh-du.md" in text_of(card)

    assert files_under(folder) - before == {"tai-len/12-kh-du.md", "tai-len/.goc/12-kh-du.txt"}
    assert (folder / "tai-len" / ".goc" / "12-kh-du.txt").read_bytes() == PLAN.encode()
    markdown = (folder / "tai-len" / "12-kh-du.md").read_text(encoding="utf-8")
    assert markdown.startswith("---\ntitle: ") and "symbol: 12-KH/ĐU" in markdown

    answer = ask(bot, api, MEMBER, PLAN_QUESTION)
    assert "[1] Kế hoạch 12-KH/ĐU, ngày 15/01/2026" in answer and "năm mươi cây xanh" in answer
    assert not api.errors()


def test_cancel_stores_nothing_and_the_preview_buttons_stop_working(bot, api, folder):
    before = files_under(folder)
    preview = upload(bot, api, PLAN.encode(), "ke-hoach.md")
    mark = press(bot, api, preview, "✖")
    cancelled = api.wait_for("editMessageText", lambda c: "Đã hủy" in c["text"], since=mark)
    assert "ke-hoach.md" in text_of(cancelled)
    mark = press(bot, api, preview, "✅")  # the old ✅, pressed after ✖
    answer = api.wait_for("answerCallbackQuery", since=mark)
    assert "quá hạn" in answer["text"]
    api.wait_quiet()
    assert files_under(folder) == before
    assert ask(bot, api, MEMBER, PLAN_QUESTION).startswith("Chưa tìm thấy")


def test_a_members_file_is_declined_politely_and_not_even_downloaded(bot, api, folder):
    before = files_under(folder)
    mark = api.mark()
    bot.send_file(MEMBER, PLAN.encode(), "ke-hoach.txt")
    reply = text_of(bot.reply_in(MEMBER["id"], mark))
    assert "Chỉ quản trị viên" in reply and "không lưu" in reply
    api.wait_quiet()
    assert not api.calls_of("getFile", since=mark) and not api.calls_of("downloadFile", since=mark)
    assert files_under(folder) == before


@pytest.mark.parametrize(
    "name, data",
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 64),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis file was cut off here"),
        ("rong.txt", b"   \n\n  "),
    ],
)
def test_unreadable_files_get_the_reason_and_nothing_is_stored(bot, api, folder, name, data):
    before = files_under(folder)
    outcome = upload(bot, api, data, name)
    text = text_of(outcome)
    assert text.startswith(f"❌ Không đọc được tệp «{name}»: ") and "Không có gì được lưu" in text
    reason = text.split(": ", 1)[1]
    assert len(reason) > len("Không có gì được lưu.") + 5  # a reason is given, whatever its words
    assert not buttons(outcome)
    assert files_under(folder) == before


def test_oversized_files_are_refused_before_or_by_the_download(api, tmp_path, folder):
    bot = start_bot(api, tmp_path, folder)
    try:
        mark = api.mark()
        bot.send_file(ADMIN, b"%PDF-1.7 big", "ho-so.pdf", size=30 * 1024 * 1024)
        reply = text_of(bot.reply_in(ADMIN_ID, mark))
        assert "Không nhận tệp «ho-so.pdf»" in reply and "30,0 MB" in reply and "20 MB" in reply
        api.wait_quiet()
        assert not api.calls_of("getFile", since=mark)
    finally:
        bot.stop()
    # A higher limit (for a self-hosted Bot API server) while the server still refuses: the reason.
    bot = start_bot(api, tmp_path, folder, telegram={"admins": [ADMIN_ID], "max_upload_mb": 50})
    try:
        outcome = upload(bot, api, b"%PDF-1.7 big", "ho-so.pdf", size=30 * 1024 * 1024)
        assert "Không tải được tệp «ho-so.pdf»" in text_of(outcome) and "quá lớn" in text_of(outcome)
        assert api.calls_of("getFile", where=lambda c: not c.ok)
        assert not (folder / "tai-len").exists()
        # A telegram-bot-api server in --local mode answers getFile with a path on this machine,
        # whatever the size: the bot reads the file from there.
        mark = api.mark()
        outcome = upload(bot, api, PLAN.encode(), "ke-hoach.txt", size=30 * 1024 * 1024, local_dir=tmp_path / "bot-api")
        assert "Số hiệu: 12-KH/ĐU" in text_of(outcome)
        assert not api.calls_of("downloadFile", since=mark)
    finally:
        bot.stop()


def test_an_upload_with_the_number_of_a_library_document_says_so_and_replaces_it(bot, api, folder):
    preview = upload(bot, api, NEW_98.encode(), "KH 98 moi.md")
    text = text_of(preview)
    assert "Cùng số hiệu 98-KH/TU với văn bản đang có: ke-hoach-98-KH-TU.md" in text
    mark = press(bot, api, preview, "✅")
    saved = text_of(api.wait_for("editMessageText", lambda c: "Đã lưu" in c["text"], since=mark, timeout=60))
    assert "thùng rác" in saved
    bot.reply_in(ADMIN_ID, mark, timeout=60, where=lambda c: c["text"].startswith("📄"))

    assert not (folder / "ke-hoach-98-KH-TU.md").exists()
    trashed = list((folder / ".thung-rac").glob("*/ke-hoach-98-KH-TU.md"))
    assert len(trashed) == 1  # moved, not deleted
    library = bot.service.library
    assert [d.path for d in library.documents if d.symbol == "98-KH/TU"] == ["tai-len/98-kh-tu.md"]
    answer = ask(bot, api, MEMBER, "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?")
    assert "phong cách quần chúng" in answer and "ngày 01/02/2024" in answer
    # The same number once more: it replaces the upload in place.
    again = text_of(upload(bot, api, NEW_98.replace("2024-02-01", "2024-02-02").encode(), "KH 98 sua.md"))
    assert "Cùng số hiệu 98-KH/TU với văn bản đang có: tai-len/98-kh-tu.md" in again
    assert "Sẽ lưu thành tai-len/98-kh-tu.md" in again


def test_a_document_that_replaces_another_marks_its_citations_and_card(bot, api, folder):
    preview = upload(bot, api, REPLACING_98.encode(), "kh-120.md")
    assert "ghi là thay thế 98-KH/TU" in text_of(preview)
    mark = press(bot, api, preview, "✅")
    bot.reply_in(ADMIN_ID, mark, timeout=60, where=lambda c: c["text"].startswith("📄"))

    mark = api.mark()
    bot.private(MEMBER, "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?")
    answer = bot.reply_in(MEMBER["id"], mark)
    blocks = {b.split(",")[0]: b for b in re.split(r"\n\n(?=\[\d\] )", text_of(answer))[1:]}
    # The new plan comes first (it names the old one, and the old one ranks lower).
    assert next(iter(blocks)) == "[1] Kế hoạch 120-KH/TU" and "⚠️" not in blocks["[1] Kế hoạch 120-KH/TU"]
    # What only the old plan says is still found, and its citation says it was replaced.
    mark = api.mark()
    bot.private(MEMBER, "tuyên truyền đổi mới phương thức lãnh đạo của Đảng đối với hệ thống chính trị")
    answer = bot.reply_in(MEMBER["id"], mark)
    blocks = {b.split(",")[0]: b for b in re.split(r"\n\n(?=\[\d\] )", text_of(answer))[1:]}
    assert next(iter(blocks)) == "[1] Kế hoạch 98-KH/TU"
    assert "⚠️ đã được thay thế bởi 120-KH/TU" in blocks["[1] Kế hoạch 98-KH/TU"]
    # The old plan's card says so and opens the new one.
    mark = api.mark()
    bot.press(api.message(MEMBER["id"], answer.result["message_id"]), button(answer, "📄 Kế hoạch 98"), MEMBER)
    card = bot.reply_in(MEMBER["id"], mark, where=lambda c: c["text"].startswith("📄"))
    assert "Tình trạng: ⚠️ đã được thay thế bởi 120-KH/TU" in text_of(card)
    mark = api.mark()
    bot.press(api.message(MEMBER["id"], card.result["message_id"]), button(card, "➡️ Văn bản thay thế"), MEMBER)
    successor = bot.reply_in(MEMBER["id"], mark, where=lambda c: c["text"].startswith("📄"))
    assert "Kế hoạch 120-KH/TU" in text_of(successor) and "⚠️" not in text_of(successor)


def test_remove_a_document_with_confirmation_moves_it_to_the_trash(bot, api, folder):
    question = "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?"
    assert "[1] Kế hoạch 98-KH/TU" in ask(bot, api, MEMBER, question)
    mark = api.mark()
    bot.private(ADMIN, "/xoavb 98-KH/TU")
    confirm = bot.reply_in(ADMIN_ID, mark)
    text = text_of(confirm)
    assert "Gỡ văn bản này khỏi thư viện?" in text and "Kế hoạch 98-KH/TU" in text and "ke-hoach-98-KH-TU.md" in text
    assert [label for label, _ in buttons(confirm)] == ["✅ Gỡ khỏi thư viện", "✖ Hủy"]
    assert (folder / "ke-hoach-98-KH-TU.md").exists()  # nothing happens before ✅

    mark = press(bot, api, confirm, "✅")
    done = text_of(api.wait_for("editMessageText", lambda c: "Đã gỡ" in c["text"], since=mark, timeout=60))
    assert ".thung-rac/" in done and "Đã nạp lại" in done
    assert not (folder / "ke-hoach-98-KH-TU.md").exists()
    assert len(list((folder / ".thung-rac").glob("*/ke-hoach-98-KH-TU.md"))) == 1
    assert "Kế hoạch 98-KH/TU," not in ask(bot, api, MEMBER, question)
    # The same button again: the document is gone, a short notice.
    mark = press(bot, api, confirm, "✅")
    assert "đã được gỡ" in api.wait_for("answerCallbackQuery", since=mark)["text"]


def test_remove_with_several_matches_offers_a_choice_and_cancel_keeps_everything(bot, api, folder):
    before = files_under(folder)
    mark = api.mark()
    bot.private(ADMIN, "/xoavb đảng")
    choice = bot.reply_in(ADMIN_ID, mark)
    text = text_of(choice)
    count = int(re.search(r"Có (\d+) văn bản khớp", text).group(1))
    assert count >= 2
    labels = [label for label, _ in buttons(choice)]
    assert labels[:2] == ["1", "2"] and labels[-1] == "✖ Hủy"

    mark = press(bot, api, choice, "2")
    confirm = api.wait_for("editMessageText", lambda c: "Gỡ văn bản này" in c["text"], since=mark)
    mark = press(bot, api, confirm, "✖")
    api.wait_for("editMessageText", lambda c: "Đã hủy" in c["text"], since=mark)
    api.wait_quiet()
    assert files_under(folder) == before


def test_members_cannot_remove_documents_and_admin_photos_get_a_hint(bot, api, folder):
    mark = api.mark()
    bot.private(MEMBER, "/xoavb 98-KH/TU")
    assert "chỉ dành cho quản trị viên" in text_of(bot.reply_in(MEMBER["id"], mark))
    assert (folder / "ke-hoach-98-KH-TU.md").exists()
    mark = api.mark()
    bot.send_photo(ADMIN)
    assert "không đọc được chữ nào trong ảnh" in text_of(bot.reply_in(ADMIN_ID, mark))
    mark = api.mark()
    bot.send_photo(MEMBER)
    assert "không đọc được chữ nào trong ảnh" in text_of(bot.reply_in(MEMBER["id"], mark))


def test_xoavb_is_in_the_admins_command_menu(bot, api):
    menus = api.calls_of("setMyCommands")
    admin_menu = next(c for c in menus if (c.get("scope") or {}).get("chat_id") == ADMIN_ID)
    default = next(c for c in menus if (c.get("scope") or {}).get("type") == "default")
    assert "xoavb" in [c["command"] for c in admin_menu["commands"]]
    assert "xoavb" not in [c["command"] for c in default["commands"]]


def test_a_file_without_a_number_is_saved_under_its_name_and_a_second_copy_is_flagged(bot, api, folder):
    note = "# Lịch sinh hoạt chi bộ quý I\n\nChi bộ sinh hoạt thường kỳ vào chiều thứ Sáu tuần đầu mỗi tháng.\n"
    preview = upload(bot, api, note.encode(), "Lịch sinh hoạt.md")
    text = text_of(preview)
    assert "Số hiệu: không thấy" in text and "Không thấy số hiệu" in text
    assert "Sẽ lưu thành tai-len/lich-sinh-hoat.md" in text
    mark = press(bot, api, preview, "✅")
    bot.reply_in(ADMIN_ID, mark, timeout=60, where=lambda c: c["text"].startswith("📄"))
    again = text_of(upload(bot, api, note.encode(), "Lịch sinh hoạt.md"))
    assert "đã có văn bản cùng tên: tai-len/lich-sinh-hoat.md" in again
    assert "Sẽ lưu thành tai-len/lich-sinh-hoat-2.md" in again  # beside the first copy, not over it


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_an_uploaded_word_or_pdf_file_is_read_saved_and_answers_members(bot, api, folder, tmp_path, kind):
    """The files offices really have: a Word regulation with automatic article numbers, and the same
    exported to PDF by LibreOffice, go through the readers, the preview and ✅ like a text file."""
    docx = party_rule().bytes()
    data = docx
    if kind == "pdf":
        source = tmp_path / "quy-dinh-45.docx"
        source.write_bytes(docx)
        data = soffice_convert(source, "pdf").read_bytes()
    question = "bí thư chi bộ kiểm kê tủ đựng hồ sơ lưu trữ bao lâu một lần"
    assert ask(bot, api, MEMBER, question).startswith("Chưa tìm thấy")

    preview = upload(bot, api, data, f"quy dinh 45.{kind}")
    shown = text_of(preview)
    for fact in ("Loại văn bản: Quy định", "Số hiệu: 45-QĐ/BTCTW", "Ngày ban hành: 21/11/2025"):
        assert fact in shown, shown
    assert "Sẽ lưu thành tai-len/45-qd-btctw.md" in shown

    mark = press(bot, api, preview, "✅")
    bot.reply_in(ADMIN_ID, mark, timeout=90, where=lambda c: c["text"].startswith("📄"))
    assert (folder / "tai-len" / ".goc" / f"45-qd-btctw.{kind}").read_bytes() == data
    reply = ask(bot, api, MEMBER, question)
    assert "mỗi quý một lần" in reply and "Quy định 45-QĐ/BTCTW" in reply
    assert "Điều 2" in reply  # the article number Word generates, not typed in the text


def test_a_lecture_deck_is_saved_and_answers_cited_to_its_slide_and_a_broken_ppt_gets_what_to_do(bot, api, folder):
    """Study sessions teach from PowerPoint: the deck an admin has is read slide by slide."""
    question = "chi bộ có bao nhiêu đảng viên chính thức thì bầu chi ủy"
    data = deck_bytes(lecture())
    preview = upload(bot, api, data, "bai giang 294.pptx")
    assert "Học tập Quy định 294-QĐ/TW về thi hành Điều lệ Đảng" in text_of(preview)
    mark = press(bot, api, preview, "✅")
    bot.reply_in(ADMIN_ID, mark, timeout=90, where=lambda c: c["text"].startswith("📄"))
    assert [p.read_bytes() for p in (folder / "tai-len" / ".goc").glob("*.pptx")] == [data]
    reply = ask(bot, api, MEMBER, question)
    assert "Chi bộ có 9 đảng viên chính thức trở lên bầu chi ủy" in reply
    assert "Trang chiếu 2. Bầu cử trong chi bộ" in reply  # the citation names the slide

    before = files_under(folder)
    broken = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "PowerPoint Document".encode("utf-16-le")
    outcome = text_of(upload(bot, api, broken, "bai giang cu.ppt"))
    assert "lưu thành .pptx" in outcome and "Không có gì được lưu" in outcome
    assert files_under(folder) == before


QUIZ_SHEET = """BỘ CÂU HỎI TÌM HIỂU ĐIỀU LỆ ĐẢNG

Câu 1: Chi bộ họp thường lệ bao lâu một lần?
A. Mỗi tháng một lần
B. Ba tháng một lần
C. Sáu tháng một lần
Đáp án: A

Câu 2: Thời kỳ dự bị của đảng viên là bao lâu?
A. 6 tháng    B. 12 tháng    C. 18 tháng
Đáp án: B
Căn cứ: Điều lệ Đảng, Điều 5

Câu 3: Tổ chức cơ sở đảng có từ bao nhiêu đảng viên trở lên thì lập đảng bộ cơ sở?
A. 20
B. 30
C. 50
Đáp án: B

Câu 4: Người vào Đảng cần mấy đảng viên chính thức giới thiệu?
A. Một
B. Hai
"""


def test_a_quiz_sheet_is_offered_as_a_quiz_bank_and_its_problems_are_listed(bot, api, folder):
    """Offices write quiz banks as documents ("Câu 1: …", "A. …", "Đáp án: A"), not YAML."""
    banks_before = len(bot.service.library.quiz_bank.quizzes)
    preview = upload(bot, api, QUIZ_SHEET.encode(), "Bo cau hoi dieu le.txt")
    shown = text_of(preview)
    assert "bộ câu hỏi trắc nghiệm" in shown and "3 câu dùng được" in shown and "1 câu bị bỏ qua" in shown
    assert [label for label, _ in buttons(preview)][:2] == ["🧩 Lưu làm bộ câu hỏi /quiz", "📄 Lưu làm văn bản"]
    mark = press(bot, api, preview, "🧩")
    saved = api.wait_for("editMessageText", lambda c: "Đã lưu bộ câu hỏi" in c["text"], since=mark, timeout=90)
    text = text_of(saved)
    assert "tai-len/bo-cau-hoi-dieu-le.quiz.txt" in text and "3 câu" in text
    assert "câu 4 bị bỏ qua: không thấy đáp án" in text  # the admin learns which question and why
    assert (folder / "tai-len" / "bo-cau-hoi-dieu-le.quiz.txt").read_bytes() == QUIZ_SHEET.encode()
    bank = bot.service.library.quiz_bank
    asked = {q.question: q.answer for q in bank.quizzes if q.bank_path == "tai-len/bo-cau-hoi-dieu-le.quiz.txt"}
    assert asked["Thời kỳ dự bị của đảng viên là bao lâu?"] == "12 tháng"
    assert not any(d.path.startswith("tai-len/bo-cau-hoi") for d in bot.service.library.documents)
    assert "/quiz bo cau hoi dieu le" in text  # how to ask from this bank alone
    mark = api.mark()
    bot.private(ADMIN, "/thongke")
    assert "3 câu hỏi trắc nghiệm từ 1 bộ câu hỏi" in text_of(bot.reply_in(ADMIN_ID, mark))
    for _ in range(3):  # "/quiz <the bank's name>" asks its questions only, none twice
        mark = api.mark()
        bot.message(GROUP_ID, MEMBER, "/quiz bộ câu hỏi điều lệ")
        poll = api.wait_for("sendPoll", since=mark)
        assert poll["question"] in asked
        asked.pop(poll["question"])

    # the corrected file sent again replaces the bank: its questions are not asked twice
    fixed = QUIZ_SHEET.replace("A. Một\nB. Hai\n", "A. Một\nB. Hai\nĐáp án: B\n")
    preview = upload(bot, api, fixed.encode(), "Bo cau hoi dieu le.txt")
    assert "Đã có bộ câu hỏi cùng tên: tai-len/bo-cau-hoi-dieu-le.quiz.txt" in text_of(preview)
    mark = press(bot, api, preview, "🧩")
    saved = api.wait_for("editMessageText", lambda c: "Đã lưu bộ câu hỏi" in c["text"], since=mark, timeout=90)
    assert "4 câu" in text_of(saved) and "thùng rác" in text_of(saved) and "bỏ qua" not in text_of(saved)
    assert len(bot.service.library.quiz_bank.quizzes) == 4 + banks_before

    # /xoavb with words of the bank's name: confirmed, the file goes to the trash, /quiz no longer asks it
    mark = api.mark()
    bot.private(ADMIN, "/xoavb bộ câu hỏi điều lệ")
    confirm = bot.reply_in(ADMIN_ID, mark)
    assert "Gỡ bộ câu hỏi này?" in text_of(confirm) and "4 câu" in text_of(confirm)
    mark = press(bot, api, confirm, "✅ Gỡ bộ câu hỏi")
    done = api.wait_for("editMessageText", lambda c: "Đã gỡ bộ câu hỏi" in c["text"], since=mark, timeout=90)
    assert ".thung-rac/" in text_of(done)
    assert not (folder / "tai-len" / "bo-cau-hoi-dieu-le.quiz.txt").exists()
    assert len(bot.service.library.quiz_bank.quizzes) == banks_before
    mark = press(bot, api, confirm, "✅ Gỡ bộ câu hỏi")  # pressed again: nothing left to remove
    assert "đã được gỡ" in api.wait_for("answerCallbackQuery", since=mark)["text"]

    # an Excel bank, a row per question, is offered the same way
    rows = [["Câu hỏi", "A", "B", "Đáp án"]] + [[f"Câu số {n}?", "Có", "Không", "B"] for n in range(1, 5)]
    preview = upload(bot, api, xlsx({"Câu hỏi": rows}), "ngan hang.xlsx")
    assert "4 câu dùng được" in text_of(preview)
    press(bot, api, preview, "✖")

    # an ordinary document gets the usual two buttons only
    preview = upload(bot, api, PLAN.encode(), "ke-hoach.md")
    assert [label for label, _ in buttons(preview)] == ["✅ Lưu vào thư viện", "✖ Hủy"]
    press(bot, api, preview, "✖")


def test_a_file_without_a_title_says_so_and_its_caption_names_it(bot, api, folder):
    # "[1] bien-ban" is what members would read: the preview says the name is the file's, and the
    # caption sent with the file becomes the title
    note = (
        "Điều 1. Chi bộ sinh hoạt thường kỳ vào chiều thứ Sáu tuần đầu mỗi tháng.\n\n"
        "Điều 2. Đảng viên vắng mặt phải báo cáo.\n"
    )
    plain = text_of(upload(bot, api, note.encode(), "bien-ban.txt"))
    assert "Tên: bien-ban" in plain and "đang dùng tên tệp «bien-ban»" in plain
    captioned = upload(bot, api, note.encode(), "bien-ban.txt", caption="  Lịch sinh hoạt chi bộ\nquý I  ")
    text = text_of(captioned)
    assert "Tên: Lịch sinh hoạt chi bộ quý I" in text and "đang dùng tên tệp" not in text
    mark = press(bot, api, captioned, "✅")
    bot.reply_in(ADMIN_ID, mark, timeout=60, where=lambda c: c["text"].startswith("📄"))
    saved = (folder / "tai-len" / "bien-ban.md").read_text(encoding="utf-8")
    assert "title: Lịch sinh hoạt chi bộ quý I" in saved
    assert "Lịch sinh hoạt chi bộ quý I" in ask(
        bot, api, user(40_050, "Hà"), "chi bộ sinh hoạt thường kỳ vào chiều thứ mấy"
    )
