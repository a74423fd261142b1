"""Documents that replace or repeal others: what counts as saying so, front matter overrides, the rank penalty."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import answer, render_plain
from bot.knowledge.document import Document
from bot.knowledge.replacement import Replacement, replaced_symbols, resolve
from bot.search.engine import SearchEngine


def doc(path: str, text: str, symbol: str | None = None, issued: str | None = None, **meta) -> Document:
    return Document(path=path, title=path, text=text, symbol=symbol, issued=issued, **meta)


def test_statements_about_this_document_name_what_it_replaces():
    text = (
        "Điều 20. Quy định này có hiệu lực kể từ ngày ký và thay thế Quy định số 24-QĐ/TW, ngày 30/7/2021 "
        "của Ban Chấp hành Trung ương.\n"
        "Hướng dẫn nàycó hiệu lực kể từ ngày kývà thay thế các Hướng dẫn số 16-HD/BTCTW ngày 15/02/2022, "
        "Hướng dẫn số 21-HD/BTCTW ngày 20/9/2022.\n"
        "Bãi bỏ Quyết định số 99-QĐ/TU ngày 01/02/2020.\n"
        "Kế hoạch số 12 - KH/TU ngày 3/3/2019 hết hiệu lực kể từ ngày ký."
    )
    assert replaced_symbols(text) == ["24-QĐ/TW", "16-HD/BTCTW", "21-HD/BTCTW", "99-QĐ/TU", "12-KH/TU"]


def test_sentences_that_only_mention_a_replacement_do_not_count():
    text = (
        "Theo Nghị quyết 27-NQ/TW năm 2018 là sẽ bãi bỏ mức lương cơ sở.\n"  # number before "bãi bỏ"
        "Tháng 12 năm 2024, Bộ Chính trị ra Quyết định số 215-QĐ/TW thay thế Quyết định năm 2020.\n"  # not "… này"
        "Các quy định trước đây trái với Quy định này đều bãi bỏ."  # no number
    )
    assert replaced_symbols(text) == []


def test_resolve_marks_the_older_document_and_names_its_successor():
    old = doc("old.md", "Điều 1. Đảng viên …", "24-QĐ/TW", "2021-07-30")
    new = doc(
        "new.md", "Điều 20. Quy định này thay thế Quy định số 24-QĐ/TW ngày 30/7/2021.", "294-QĐ/TW", "2025-05-26"
    )
    news = doc("news.md", "Quy định này thay thế Quy định số 294-QĐ/TW.")  # no number of its own: quoting
    backwards = doc("older.md", "Quy định này thay thế Quy định số 294-QĐ/TW.", "1-QĐ/TW", "2000-01-01")
    assert resolve([old, new, news, backwards]) == {0: Replacement("294-QĐ/TW")}


def test_front_matter_overrides_what_the_texts_say():
    old = doc("old.md", "…", "24-QĐ/TW", "2021-07-30", replaced_by="không")
    new = doc("new.md", "Quy định này thay thế Quy định số 24-QĐ/TW.", "294-QĐ/TW", "2025-05-26")
    expired = doc("plan.md", "…", "5-KH/TU", status="hết hiệu lực")
    named = doc("guide.md", "…", "7-HD/TU", replaced_by="9-HD/TU")
    stale = doc("stale.md", "…", "25-QĐ/TW", "2021-07-30", status="hiệu lực")  # as written back then
    newer = doc("newer.md", "Quy định này thay thế Quy định số 25-QĐ/TW.", "295-QĐ/TW", "2025-05-26")
    assert resolve([old, new, expired, named, stale, newer]) == {
        4: Replacement("295-QĐ/TW"),
        2: Replacement(None, by_front_matter=True),
        3: Replacement("9-HD/TU", by_front_matter=True),
    }


OLD_RULE = """---
title: Quy định về chi bộ sinh hoạt (cũ)
symbol: 24-QĐ/TU
type: Quy định
issued: 2020-01-10
---
Điều 1. Mỗi tháng chi bộ sinh hoạt thường kỳ một lần.
"""
NEW_RULE = """---
title: Quy định về chi bộ sinh hoạt
symbol: 30-QĐ/TU
type: Quy định
issued: 2024-03-01
---
Điều 1. Chi bộ sinh hoạt thường kỳ mỗi tháng một lần vào ngày cuối tháng.
Điều 2. Quy định này có hiệu lực kể từ ngày ký và thay thế Quy định số 24-QĐ/TU ngày 10/01/2020.
"""


def _folder(tmp_path: Path, old: str = OLD_RULE) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cu.md").write_text(old, encoding="utf-8")
    (tmp_path / "moi.md").write_text(NEW_RULE, encoding="utf-8")
    (tmp_path / "khac.md").write_text("Đảng viên phải đóng đảng phí hằng tháng.", encoding="utf-8")
    return tmp_path


QUESTION = "chi bộ sinh hoạt thường kỳ mỗi tháng mấy lần"


def test_a_replaced_document_ranks_below_its_successor_and_its_citation_says_so(tmp_path: Path):
    engine = SearchEngine.open(_folder(tmp_path))
    result = engine.search(QUESTION, k=3)
    assert [h.passage.doc.symbol for h in result.hits[:2]] == ["30-QĐ/TU", "24-QĐ/TU"]
    assert result.hits[0].replacement is None
    assert result.hits[1].replacement == Replacement("30-QĐ/TU")
    text = render_plain(answer(engine, QUESTION))
    assert "⚠️ đã được thay thế bởi 30-QĐ/TU" in text.split("[2]")[1]
    assert "⚠️" not in text.split("[2]")[0]


def test_the_penalty_is_what_puts_the_successor_first(tmp_path: Path):
    """With the old rule kept current by its front matter, its shorter passage ranks first; the
    penalty multiplies its score by `replaced_weight` and nothing else."""
    kept = SearchEngine.open(_folder(tmp_path / "kept", OLD_RULE.replace("type:", "replaced_by: không\ntype:")))
    assert kept.replacements == {}
    hits = kept.search(QUESTION, k=3).hits
    assert [h.passage.doc.symbol for h in hits[:2]] == ["24-QĐ/TU", "30-QĐ/TU"]
    replaced = SearchEngine.open(_folder(tmp_path / "replaced"))
    scores = {h.passage.doc.symbol: h.score for h in replaced.search(QUESTION, k=3).hits}
    assert scores["24-QĐ/TU"] == pytest.approx(replaced.settings.replaced_weight * hits[0].score, rel=1e-12)
    assert scores["30-QĐ/TU"] == pytest.approx(hits[1].score, rel=1e-12)
