"""PowerPoint decks for the reader's and the upload's tests, built with python-pptx."""

import io

from pptx import Presentation
from pptx.util import Inches

TITLE_SLIDE, TITLE_AND_CONTENT, TITLE_ONLY, BLANK = 0, 1, 5, 6


NOTES = (
    "Nhấn mạnh: chi bộ dưới 9 đảng viên chính thức chỉ bầu bí thư, nếu cần bầu một phó bí thư. "
    "Chi bộ bầu chi ủy trước, sau đó bầu bí thư, phó bí thư trong số chi ủy viên. Khi thật cần thiết, "
    "cấp ủy cấp trên trực tiếp chỉ định bí thư, phó bí thư, chi ủy viên."
)


def lecture() -> Presentation:
    """A lecture deck: title slide, a bulleted slide with notes, a slide without a title holding a
    text box and a table, and a hidden slide."""
    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    first.shapes.title.text = "Học tập Quy định 294-QĐ/TW về thi hành Điều lệ Đảng"
    first.placeholders[1].text = "Ban Tuyên giáo và Dân vận Tỉnh ủy"

    rules = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
    rules.shapes.title.text = "Bầu cử trong chi bộ"
    body = rules.placeholders[1].text_frame
    body.text = "Chi bộ có 9 đảng viên chính thức trở lên bầu chi ủy."
    deeper = body.add_paragraph()
    deeper.text = "Chi bộ đông đảng viên bầu không quá 7 chi ủy viên."
    deeper.level = 1
    numbered = body.add_paragraph()
    numbered.text = "1. Nhiệm kỳ đại hội chi bộ là 5 năm."
    rules.notes_slide.notes_text_frame.text = NOTES

    untitled = deck.slides.add_slide(deck.slide_layouts[BLANK])
    box = untitled.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame
    box.text = "Mốc thời gian thực hiện"
    table = untitled.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for (row, col), text in {(0, 0): "Việc", (0, 1): "Thời hạn", (1, 0): "Nộp bài thu hoạch", (1, 1): "30/6"}.items():
        table.cell(row, col).text = text

    hidden = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    hidden.shapes.title.text = "Trang nháp"
    hidden._element.set("show", "0")
    return deck


def deck_bytes(deck: Presentation) -> bytes:
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
