"""End to end with a bot of its own per test: /reload and the folder watch swap in new documents, report
unreadable files and keep the old documents serving when a reload fails; the per-group rate limit."""

from __future__ import annotations

import pytest

from tests.bot_harness import (
    ADMIN_ID,
    GROUP_ID,
    PROBATION,
    PROBATION_QUESTION,
    Harness,
    button,
    buttons,
    make_knowledge,
    text_of,
    user,
    write_config,
)
from tests.conftest import TEST_CACHE
from tests.word_fixtures import tcvn3

NEW_DOCUMENT = """---
title: Kế hoạch tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ năm 2026
symbol: 12-KH/ĐU
type: Kế hoạch
issuer: Ban Thường vụ Đảng ủy xã
issued: 2026-01-15
---

Mỗi chi bộ tổ chức trồng ít nhất năm mươi cây xanh bóng mát tại khu dân cư trong dịp Tết trồng cây.
Đảng viên gương mẫu nhận chăm sóc cây xanh sau khi trồng, báo cáo kết quả về Văn phòng Đảng ủy trước ngày 30 tháng 3.
"""
NEW_QUESTION = "trồng cây xanh bóng mát tại khu dân cư"
ADMIN = user(ADMIN_ID, "Quản trị")


def start_bot(api, tmp_path, **overrides) -> Harness:
    knowledge = make_knowledge(tmp_path / "knowledge")
    config = write_config(tmp_path / "config.yaml", knowledge, TEST_CACHE, tmp_path / "stats.sqlite3", **overrides)
    return Harness(api, config).start()


@pytest.fixture
def bot(api, tmp_path):
    harness = start_bot(api, tmp_path)
    yield harness
    harness.stop()


def ask(bot, api, sender, text) -> str:
    mark = api.mark()
    bot.private(sender, text)
    return text_of(bot.reply_in(sender["id"], mark))


def reload_report(bot, api) -> str:
    """/reload from the admin; the report is the edit of the "đang nạp lại" message."""
    mark = api.mark()
    bot.private(ADMIN, "/reload")
    status = bot.reply_in(ADMIN_ID, mark)
    assert "Đang nạp lại" in text_of(status)
    edit = api.wait_for(
        "editMessageText", lambda c: c["message_id"] == status.result["message_id"], since=mark, timeout=60
    )
    return text_of(edit)


def test_admin_reload_after_a_file_was_added_serves_the_new_content(bot, api, tmp_path):
    member = user(40_001, "Nam")
    assert ask(bot, api, member, NEW_QUESTION).startswith("Chưa tìm thấy")
    (tmp_path / "knowledge" / "ke-hoach-trong-cay.md").write_text(NEW_DOCUMENT, encoding="utf-8")
    before = bot.service.library

    report = reload_report(bot, api)
    assert report.startswith("✅ Đã nạp lại thư mục văn bản: 4 văn bản")
    assert "Thêm 1 tệp: ke-hoach-trong-cay.md" in report
    assert bot.service.library is not before and bot.service.library.generation == before.generation + 1

    answer = ask(bot, api, member, NEW_QUESTION)
    assert "[1] Kế hoạch 12-KH/ĐU, ngày 15/01/2026, Ban Thường vụ Đảng ủy xã" in answer
    assert "năm mươi cây xanh" in answer
    assert PROBATION in ask(bot, api, member, PROBATION_QUESTION)  # the old documents are still there


def test_an_answer_paged_after_a_reload_opens_the_same_passages_except_of_changed_files(bot, api, tmp_path):
    """Sessions outlive a reload: page 2 of an older answer, shown by the new library, keeps the
    buttons of unchanged files (opening the same sections, though a file added in front moved
    every passage) and drops those of a changed file."""
    member, folder = user(40_005, "Lan"), tmp_path / "knowledge"
    mark = api.mark()
    bot.private(member, "thời kỳ dự bị")
    message = bot.reply_in(member["id"], mark).result
    more = button(message, "Thêm kết quả")

    def page_two() -> tuple[list[tuple[str, str]], dict[str, str]]:
        """Page 2's passage and document buttons, and the section each passage button opens."""
        mark = api.mark()
        bot.press(message, more, member)
        edit = api.wait_for("editMessageText", lambda c: c["message_id"] == message["message_id"], since=mark)
        shown = [(t, d) for t, d in buttons(edit) if d and d.startswith(("s:", "d:"))]
        opened = {}
        for _, data in shown:
            if data.startswith("s:"):
                mark = api.mark()
                bot.press(message, data, member)
                opened[data] = text_of(bot.reply_in(member["id"], mark))
        mark = api.mark()
        bot.press(message, button(edit, "◀ Trước"), member)  # back to page 1, so that page 2 is an edit again
        api.wait_for("editMessageText", lambda c: c["message_id"] == message["message_id"], since=mark)
        return shown, opened

    before, sections = page_two()
    assert sections
    (folder / "a-ke-hoach-trong-cay.md").write_text(NEW_DOCUMENT, encoding="utf-8")  # sorts first
    assert reload_report(bot, api).startswith("✅")
    assert page_two() == (before, sections)

    library = bot.service.library
    changed = library.documents[library.doc_by_ref(before[0][1].split(":")[1])].path
    (folder / changed).write_text((folder / changed).read_text(encoding="utf-8") + "\nMột đoạn mới.\n", "utf-8")
    assert reload_report(bot, api).startswith("✅")
    after, opened = page_two()
    kept = [(t, d) for t, d in before if library.documents[library.doc_by_ref(d.split(":")[1])].path != changed]
    assert after == kept and opened == {d: sections[d] for d in opened}


def test_reload_names_unreadable_files_with_reasons(bot, api, tmp_path):
    folder = tmp_path / "knowledge"
    (folder / "cu-windows-1258.txt").write_bytes(b"Ngh\xd2 quy\xeat v\xea c\xf4ng t\xe1c c\xe1n b\xf4")
    (folder / "bien-ban.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "trong.md").write_text("   \n", encoding="utf-8")
    (folder / "so-do.gif").write_bytes(b"GIF89a" + bytes(64))
    (folder / "cu-vntime.txt").write_bytes(tcvn3("Chi bộ tổ chức kết nạp đảng viên mới theo đúng quy trình."))
    report = reload_report(bot, api)
    assert report.startswith("✅ Đã nạp lại")
    assert "⚠️ 3 tệp không đọc được (đã bỏ qua):" in report
    assert "• bien-ban.docx: tệp .docx bị hỏng" in report
    assert "• so-do.gif: định dạng .gif chưa được hỗ trợ" in report
    assert "cu-windows-1258.txt: chữ mã Windows-1258 đã được chuyển sang Unicode" in report  # read, not refused
    assert "• trong.md: tệp rỗng" in report
    # read, but the admin is told how: the file was typed in an old font encoding
    assert "• cu-vntime.txt: chữ mã TCVN3 (ABC) đã được chuyển sang Unicode" in report


def test_failed_reload_keeps_the_old_index_serving_and_tells_the_admin(bot, api, monkeypatch):
    import bot.telegram.service as service_module

    def broken(*args, **kwargs):
        raise MemoryError("out of memory while indexing")

    monkeypatch.setattr(service_module, "load_library", broken)
    before = bot.service.library
    report = reload_report(bot, api)
    assert report.startswith("❌ Không nạp lại được: không đủ bộ nhớ")  # words an admin can act on, not the exception
    assert "Bot vẫn trả lời bằng dữ liệu cũ (3 văn bản" in report
    assert bot.service.library is before
    assert PROBATION in ask(bot, api, user(40_002, "Oanh"), PROBATION_QUESTION)


def test_reload_of_a_folder_with_no_readable_document_keeps_the_old_one(bot, api, tmp_path):
    folder = tmp_path / "knowledge"
    for path in list(folder.rglob("*.md")):
        path.unlink()
    (folder / "hong.md").write_text("---\ntitle: [chưa đóng\n---\nNội dung\n", encoding="utf-8")
    report = reload_report(bot, api)
    assert report.startswith("❌ Không nạp lại được: thư mục")
    assert "không có văn bản nào đọc được" in report
    assert "• hong.md: phần thông tin đầu tệp (front matter) sai, dòng 2: thiếu dấu ] đóng danh sách" in report
    assert PROBATION in ask(bot, api, user(40_003, "Phúc"), PROBATION_QUESTION)


def test_folder_watch_reloads_by_itself_and_tells_the_admins(api, tmp_path):
    bot = start_bot(api, tmp_path, search={"reload_interval": 0.2})
    try:
        member = user(40_004, "Quang")
        mark = api.mark()
        (tmp_path / "knowledge" / "ke-hoach-trong-cay.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        notice = bot.reply_in(ADMIN_ID, mark, timeout=20)
        text = text_of(notice)
        assert text.startswith("🔄 Thư mục văn bản vừa thay đổi, mình đã tự nạp lại.")
        assert "Thêm 1 tệp: ke-hoach-trong-cay.md" in text
        assert "năm mươi cây xanh" in ask(bot, api, member, NEW_QUESTION)

        # Unchanged folder: no more reloads, no more messages to admins.
        generation = bot.service.library.generation
        api.wait_quiet(0.8)
        assert bot.service.library.generation == generation
    finally:
        bot.stop()


def test_group_rate_limit_delays_a_busy_group_but_not_other_chats(api, tmp_path, monkeypatch):
    import bot.telegram.app as app_module

    # 2 messages per 2 seconds instead of 20 per minute: the same limiter, at a speed a test can see.
    monkeypatch.setattr(app_module, "GROUP_PERIOD_SECONDS", 2)
    bot = start_bot(api, tmp_path, telegram={"group_rate_per_minute": 2})
    try:
        group, member = GROUP_ID - 50, user(40_010, "Vinh")
        mark = api.mark()
        for _ in range(3):
            bot.message(group, member, f"/hoi {PROBATION_QUESTION}")
        first = bot.reply_in(group, mark)
        private = user(40_011, "Xuân")
        bot.private(private, PROBATION_QUESTION)
        answered_privately = bot.reply_in(private["id"], mark)
        second = bot.reply_in(group, mark, where=lambda c: c.seq > first.seq)
        third = bot.reply_in(group, mark, where=lambda c: c.seq > second.seq)
        group_times = sorted(
            c.time for c in api.calls_of("sendMessage", since=mark, where=lambda c: c["chat_id"] == group)
        )
        assert len(group_times) == 3
        assert group_times[2] - group_times[0] >= 0.8  # the third waited for the group's budget
        assert answered_privately.time < third.time  # while a private chat was answered meanwhile
    finally:
        bot.stop()
