"""What a photo's text is asked as (bot.telegram.photos): the contest question with its options,
the asking paragraph of a message's screenshot, never the phone's clock or the app's buttons."""

from telegram import Chat, Document, Message, PhotoSize

from bot.telegram.photos import MAX_PHOTO_BYTES, MAX_SIDE, _largest, image_of, is_page, question_in


def test_a_contest_question_runs_from_its_number_with_its_options():
    read = ["Cuộc thi tìm hiểu 10:42", "Câu 7: Thời kỳ dự bị bao lâu?", "A. 6 tháng", "B. 12 tháng C. 18 tháng"]
    assert question_in(read) == "Câu 7: Thời kỳ dự bị bao lâu? A. 6 tháng B. 12 tháng C. 18 tháng"
    assert question_in([*read, "Câu 8: Chi bộ họp mấy lần?", "A. Một"]).endswith("C. 18 tháng")  # the first


def test_a_messages_screenshot_asks_its_asking_paragraph_only():
    read = [
        "Nguyễn Văn An Hôm qua lúc 20:15",
        "Cho em hỏi đảng viên đi làm ăn xa thì có phải chuyển sinh hoạt đảng tạm thời không ạ?",
        "Thích Trả lời Xem thêm",
    ]
    assert question_in(read) == read[1]


def test_without_a_question_mark_every_paragraph_is_a_line_and_the_phones_are_left_out():
    assert question_in(["21:05", "4G 87%", "Chi bộ họp mấy lần một tháng", "Nghị quyết 21"]) == (
        "Chi bộ họp mấy lần một tháng\nNghị quyết 21"
    )
    assert question_in(["12:30", "   "]) == ""


def test_the_sharpest_size_within_the_limits_is_read():
    sizes = tuple(
        PhotoSize(f"f{w}", f"u{w}", w, w // 2, file_size=size)
        for w, size in ((320, 20_000), (1280, 200_000), (MAX_SIDE + 1, 900_000), (2000, 20_000_000))
    )
    assert _largest(sizes).file_id == "f1280"
    assert _largest(()) is None


def test_a_picture_sent_as_a_file_is_read_and_other_files_are_not():
    def sent(name: str, mime: str | None, size: int = 300_000) -> Message:
        document = Document(f"id-{name}", f"u-{name}", file_name=name, mime_type=mime, file_size=size)
        return Message(1, None, Chat(1, "private"), document=document)

    assert image_of(sent("Screenshot.png", "image/png")) == "id-Screenshot.png"
    assert image_of(sent("cau-hoi.JPG", None)) == "id-cau-hoi.JPG"
    assert image_of(sent("nghi-quyet.pdf", "application/pdf")) is None
    assert image_of(sent("huge.png", "image/png", MAX_PHOTO_BYTES + 1)) is None


def test_a_page_is_longer_than_a_question_or_asks_nothing():
    question = "Câu 7: Theo Điều lệ Đảng, thời kỳ dự bị bao lâu? A. 6 tháng B. 12 tháng C. 18 tháng D. 24 tháng"
    assert not is_page(question, 1000)
    assert is_page("Nội dung tuyên truyền năm 2024 tập trung vào học tập chuyên đề. " * 6, 1000)  # no "?"
    assert is_page("Chi bộ họp mấy lần? " * 60, 1000)  # longer than any question
