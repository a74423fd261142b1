"""Issue 9, item 12: UTF-16 files, invisible characters in questions, failed reloads in plain words."""

from __future__ import annotations

import asyncio
import codecs
from pathlib import Path

import pytest

from bot.config import Settings
from bot.knowledge.readers.plain import decode
from bot.search.engine import SearchEngine
from bot.search.index import build_index
from bot.telegram import admin
from bot.telegram import service as service_module
from bot.telegram.service import BotService

TEXT = "Đảng viên dự bị phải trải qua thời kỳ dự bị mười hai tháng kể từ ngày chi bộ tổ chức lễ kết nạp."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path, codec: str):
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    (tmp_path / "notepad.txt").write_bytes(data)
    index = build_index(tmp_path)
    assert [d.path for d in index.documents] == ["notepad.txt"]
    assert "mười hai tháng" in index.passages[0].text
    assert decode(data) == TEXT


def test_utf16_without_a_byte_order_mark_is_still_refused():
    with pytest.raises(Exception, match="nhị phân"):
        decode(TEXT.encode("utf-16-le"))


@pytest.mark.parametrize(
    "question",
    [
        "thời kỳ dự\u200b bị bao lâu",
        "thời k\u200bỳ d\u00adự bị bao lâu",
        "\x1b[1;31mthời kỳ dự bị\x1b[0m bao lâu",
        "\u202bthời kỳ\u2060 dự bị\u200d bao lâu\ufeff",
    ],
)
def test_invisible_characters_inside_words_do_not_hide_the_answer(tmp_path: Path, question: str):
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("Chi bộ sinh hoạt định kỳ mỗi tháng một lần.", encoding="utf-8")
    engine = SearchEngine.open(tmp_path)
    result = engine.search(question)
    assert result.answered and "mười hai tháng" in result.hits[0].passage.text


@pytest.mark.parametrize(
    "error, words",
    [
        (RuntimeError("list index out of range"), "gặp lỗi bất ngờ"),
        (PermissionError(13, "Permission denied"), "không có quyền đọc"),
        (OSError(28, "No space left on device"), "ổ đĩa đã đầy"),
        (MemoryError(), "không đủ bộ nhớ"),
    ],
)
def test_a_failed_reload_tells_admins_what_to_do(tmp_path: Path, monkeypatch, error, words):
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    service = BotService(
        Settings(knowledge_dir=str(tmp_path), cache_dir="", stats=Settings().stats.__class__(database=":memory:"))
    )

    def broken(*args, **kwargs):
        raise error

    async def run():
        await service.start()
        monkeypatch.setattr(service_module, "load_library", broken)
        return await service.reload()

    report = asyncio.run(run())
    assert not report.ok
    text = "\n".join(admin.report_lines(report))
    assert words in text and "/reload" in text
    assert type(error).__name__ not in text and "Errno" not in text
    assert "vẫn trả lời bằng dữ liệu cũ" in text
