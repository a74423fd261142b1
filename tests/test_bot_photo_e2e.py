"""End to end: a question sent as a photo (a screenshot of a contest question) is read with OCR and
answered, in a private chat and in a group; a photo without a readable question gets a reason.
The real Application against the fake Bot API server, which serves getFile and the download URL;
the photos are pages LibreOffice lays out, rendered and saved as JPEG as Telegram sends them."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.bot_harness import ADMIN_ID, GROUP_ID, TOKEN, Harness, button, make_knowledge, text_of, user, write_config
from tests.conftest import TEST_CACHE
from tests.fake_telegram import FakeTelegram
from tests.office_fixtures import OfficeDocument, require_tool
from tests.test_readers_pdf import ARTICLE, party_document

MEMBER = user(40_201, "Hoa")
HELPER = user(40_202, "Tâm")
ADMIN = user(ADMIN_ID, "Quản trị")
CONTEST = [
    "Cuộc thi tìm hiểu Điều lệ Đảng - 10:42",
    "Câu 7: Theo Điều lệ Đảng, người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu?",
    "A. 6 tháng",
    "B. 12 tháng",
    "C. 18 tháng",
    "D. 24 tháng",
]
# a page of a plan photographed, not a question
PAGE = ["Nội dung tuyên truyền năm 2024 tập trung vào việc học tập chuyên đề về phong cách quần chúng."] * 30


def photo_of(lines: list[str], tmp: Path, stem: str, scale: float = 1.4) -> bytes:
    """The lines as a page laid out by LibreOffice, rendered at about 100 dpi, the part with text
    kept, saved as a JPEG of the quality Telegram sends."""
    require_tool("tesseract")
    pdf = pdfium.PdfDocument(OfficeDocument(paragraphs=lines, page_footer=False).pdf(tmp, stem))
    image = pdf[0].render(scale=scale).to_pil().convert("RGB")
    if len(lines) < 10:
        image = image.crop((0, 0, image.width, image.height // 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("photos")
    plan = pdfium.PdfDocument(party_document([*ARTICLE[:5], "<pagebreak>", ARTICLE[6], ARTICLE[-1]]).pdf(tmp, "plan"))
    pages = []
    for page in plan:
        out = io.BytesIO()
        page.render(scale=150 / 72, grayscale=True).to_pil().save(out, "JPEG", quality=85)
        pages.append(out.getvalue())
    return {"contest": photo_of(CONTEST, tmp, "contest"), "page": photo_of(PAGE, tmp, "page"), "plan": pages}


@pytest.fixture(scope="module")
def api():
    server = FakeTelegram(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def bot(api, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bot")
    config = write_config(tmp / "config.yaml", make_knowledge(tmp / "knowledge"), TEST_CACHE, tmp / "stats.sqlite3")
    harness = Harness(api, config).start()
    yield harness
    harness.stop()


def send_photo(bot, sender: dict, data: bytes, chat_id: int | None = None, caption: str | None = None) -> dict:
    sizes = bot.api.add_file(data, "photo.jpg", "image/jpeg")
    size = {k: sizes[k] for k in ("file_id", "file_unique_id", "file_size")}
    extra = {"caption": caption} if caption else {}
    if caption and "@" in caption:
        mention = f"@{bot.bot_username}"
        extra["caption_entities"] = [{"type": "mention", "offset": caption.index(mention), "length": len(mention)}]
    return bot.message(chat_id or sender["id"], sender, None, photo=[{**size, "width": 827, "height": 390}], **extra)


def test_a_screenshot_of_a_contest_question_is_read_and_answered_as_a_reply_to_it(bot, api, photos):
    mark = api.mark()
    photo = send_photo(bot, MEMBER, photos["contest"])
    answer = bot.reply_in(MEMBER["id"], mark, timeout=30)
    text = text_of(answer)
    assert "người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu" in text  # what was read heads it
    assert "10:42" not in text.split("\n")[0]  # the app's bar above "Câu 7" is not part of the question
    assert "thời kỳ dự bị mười hai tháng" in text.split("\n\n")[1]  # the answer line
    assert answer["reply_parameters"]["message_id"] == photo["message_id"]
    assert api.calls_of("sendChatAction")  # reading takes a second: the member sees "typing…"


def test_a_caption_asking_to_solve_the_photo_asks_the_photos_question(bot, api, photos):
    mark = api.mark()
    send_photo(bot, MEMBER, photos["contest"], caption="giải giúp em câu này với ạ")
    assert "thời kỳ dự bị mười hai tháng" in text_of(bot.reply_in(MEMBER["id"], mark, timeout=30))
    mark = api.mark()
    send_photo(bot, MEMBER, photos["page"], caption="Đảng viên dự bị bao lâu thì được xét chuyển chính thức?")
    assert "Đảng viên dự bị bao lâu" in text_of(bot.reply_in(MEMBER["id"], mark, timeout=30))  # its own question


def test_a_screenshot_sent_as_a_file_is_a_question_too_and_other_files_are_not(bot, api, photos):
    from PIL import Image

    png = io.BytesIO()
    Image.open(io.BytesIO(photos["contest"])).save(png, "PNG")
    mark = api.mark()
    bot.send_file(MEMBER, png.getvalue(), "Screenshot_2026-12-03.png")
    assert "thời kỳ dự bị mười hai tháng" in text_of(bot.reply_in(MEMBER["id"], mark, timeout=30))
    mark = api.mark()
    bot.send_file(MEMBER, b"%PDF-1.4 a document", "nghi-quyet.pdf")
    assert "Chỉ quản trị viên" in text_of(bot.reply_in(MEMBER["id"], mark))


def test_a_photo_without_a_question_gets_the_reason(bot, api, photos):
    mark = api.mark()
    bot.send_photo(MEMBER)  # bytes that are no image
    assert "không đọc được chữ nào trong ảnh" in text_of(bot.reply_in(MEMBER["id"], mark, timeout=30))
    mark = api.mark()
    send_photo(bot, MEMBER, photos["page"])
    assert "Ảnh có nhiều chữ quá" in text_of(bot.reply_in(MEMBER["id"], mark, timeout=30))
    mark = api.mark()
    send_photo(bot, ADMIN, photos["page"])  # an admin photographing a page to add it: an upload
    status = bot.reply_in(ADMIN_ID, mark, timeout=30)
    assert "Đang đọc tệp «anh-" in text_of(status)
    preview = api.wait_for(
        "editMessageText", lambda c: c["message_id"] == status.result["message_id"], since=mark, timeout=60
    )
    assert "tập trung vào việc học tập chuyên đề" in text_of(preview)
    assert "bị Telegram nén" in text_of(preview)  # and how to send it uncompressed
    mark = api.mark()
    send_photo(bot, ADMIN, photos["contest"])  # but an admin's screenshot of a question is a question
    assert "mười hai tháng" in text_of(bot.reply_in(ADMIN_ID, mark, timeout=30))


def test_in_a_group_a_mention_replying_to_a_screenshot_answers_it_and_other_photos_are_ignored(bot, api, photos):
    mark = api.mark()
    photo = send_photo(bot, MEMBER, photos["contest"], chat_id=GROUP_ID)
    api.wait_quiet()
    assert not [c for c in api.calls_since(mark) if c.method == "sendMessage"]  # a photo among comrades
    mark = api.mark()
    bot.message(GROUP_ID, HELPER, f"@{bot.bot_username} giải giúp đồng chí Hoa câu này", reply_to=photo)
    answer = bot.reply_in(GROUP_ID, mark, timeout=30)
    assert "thời kỳ dự bị mười hai tháng" in text_of(answer)
    assert answer["reply_parameters"]["message_id"] == photo["message_id"]
    assert not [c for c in api.calls_since(mark) if c.method == "sendChatAction"]  # no typing in groups

    mark = api.mark()
    captioned = send_photo(bot, MEMBER, photos["contest"], chat_id=GROUP_ID, caption=f"@{bot.bot_username}")
    answer = bot.reply_in(GROUP_ID, mark, timeout=30)
    assert "thời kỳ dự bị mười hai tháng" in text_of(answer)
    assert answer["reply_parameters"]["message_id"] == captioned["message_id"]


def test_an_admin_sends_a_page_scanned_to_jpg_as_a_file_and_sees_it_read(bot, api, photos):
    mark = api.mark()
    bot.send_file(ADMIN, photos["page"], "thong-bao.jpg")
    status = bot.reply_in(ADMIN_ID, mark)
    assert "Đang đọc tệp" in text_of(status)
    preview = api.wait_for(
        "editMessageText", lambda c: c["message_id"] == status.result["message_id"], since=mark, timeout=60
    )
    assert "đọc ảnh bằng OCR" in text_of(preview)
    assert "tập trung vào việc học tập chuyên đề" in text_of(preview)  # its first lines


@pytest.mark.parametrize("sent_as", ["file", "photo"])
def test_jpeg_pages_sent_together_are_read_as_one_document_in_their_order(bot, api, photos, sent_as):
    """A phone's scan of a paper, a JPEG per page, sent in one album: as files, or as photos."""
    pages = photos["plan"]
    assert len(pages) == 2
    mark = api.mark()
    for number, data in enumerate(pages, 1):
        picture = api.add_file(data, f"kh98-trang-{number}.jpg", "image/jpeg")
        if sent_as == "file":
            bot.private(ADMIN, None, document=picture, media_group_id=f"album-{sent_as}")
        else:
            size = {k: picture[k] for k in ("file_id", "file_unique_id", "file_size")}
            bot.private(ADMIN, None, photo=[{**size, "width": 1240, "height": 1754}], media_group_id="album-p")
    status = bot.reply_in(ADMIN_ID, mark, where=lambda c: "Đang đọc" in c["text"])  # not the last one's card
    assert f"Đang đọc {len(pages)} ảnh" in text_of(status)
    preview = api.wait_for(
        "editMessageText", lambda c: c["message_id"] == status.result["message_id"], since=mark, timeout=120
    )
    text = text_of(preview)
    assert "98-KH/TU" in text  # the number, in page 1's header, names the whole document
    assert f"đọc bằng OCR ({len(pages)} trang)" in text
    api.wait_quiet()
    reading = [c for c in api.calls_since(mark) if c.method == "sendMessage" and "Đang đọc" in c["text"]]
    assert len(reading) == 1  # one document, not two

    mark = api.mark()
    bot.press(api.message(ADMIN_ID, int(preview.result["message_id"])), button(preview, "✅"), ADMIN)
    api.wait_for("editMessageText", lambda c: "Đã lưu" in c["text"], since=mark, timeout=60)
    saved = (bot.service.root / "tai-len" / "98-kh-tu.md").read_text(encoding="utf-8")
    assert saved.index("Cấp ủy các cấp lãnh đạo") < saved.index("nơi cư trú")  # page 2 after page 1
