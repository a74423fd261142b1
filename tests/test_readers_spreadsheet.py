"""Excel workbooks: each visible sheet a table, the broken and old ones refused with a reason."""

import io
import zipfile

import pytest

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import convert

from .spreadsheet_fixtures import xlsx


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_visible_sheets_become_tables_under_their_names():
    data = xlsx(
        {
            "Danh sách": [
                ["DANH SÁCH CHI BỘ TRỰC THUỘC"],
                ["STT", "Chi bộ", "Số đảng viên"],
                [1, "Chi bộ thôn 1", 12.0],
            ],
            "Nháp": [["không đọc"]],
            "Ghi chú": [[None, "Cập nhật | tháng 6"]],
        },
        hidden=("Nháp",),
    )
    assert lines(convert(data, "ds.xlsx").text) == [
        "# DANH SÁCH CHI BỘ TRỰC THUỘC",  # a first row of one cell is the title
        "## Danh sách",
        "| STT | Chi bộ | Số đảng viên |",
        "| 1 | Chi bộ thôn 1 | 12 |",  # 12.0 as Excel shows it
        "## Ghi chú",
        "|  | Cập nhật / tháng 6 |",  # an empty first cell keeps its column; a pipe cannot split a cell
    ]


def test_old_broken_and_empty_workbooks_have_reasons():
    with pytest.raises(UnreadableFile, match=r"lưu thành \.xlsx"):
        convert(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "cu.xls")
    good = xlsx({"A": [["x"]]})
    with pytest.raises(UnreadableFile, match="hỏng"):
        convert(good[: len(good) // 2], "cut.xlsx")
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFile, match=r"xl/workbook\.xml"):
        convert(other.getvalue(), "x.xlsx")
    with pytest.raises(UnreadableFile, match="không có chữ"):
        convert(xlsx({"Trống": []}), "trong.xlsx")
