"""Issue 9, items 1 and 12: YAML that would expand without limit, oversized or wrongly typed front
matter. Each bad file is skipped or its field ignored, named with the reason; the rest serves."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
import yaml

from bot import safe_yaml
from bot.config import ConfigError, load_settings
from bot.library import load_library
from bot.search.engine import SearchEngine
from bot.search.index import build_index
from bot.search.synonyms import SYNONYMS_FILE, load_for_folder
from bot.telegram.admin import report_lines
from bot.telegram.service import ReloadReport

# ~400 bytes; expanded, 9^9 ≈ 387 million strings.
BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
)
GOOD = "---\ntitle: Văn bản tốt\nsymbol: 5-KH/TU\n---\nChi bộ sinh hoạt định kỳ mỗi tháng một lần.\n"


@pytest.fixture
def memory_cap():
    """Keep a regression from eating the machine: a runaway expansion fails with MemoryError."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    size_kb = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmSize:")
    )
    resource.setrlimit(resource.RLIMIT_AS, ((size_kb << 10) + (2 << 30), hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_an_alias_bomb_in_front_matter_skips_that_file_only(tmp_path: Path, memory_cap):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bomb.md").write_text(f"---\ntitle: x\n{BOMB}\n---\nNội dung văn bản.\n", encoding="utf-8")
    index = build_index(tmp_path)
    assert [d.path for d in index.documents] == ["good.md"]
    (skipped,) = index.skipped
    assert skipped.path == "bomb.md"
    assert "neo/bí danh" in skipped.reason


def test_an_alias_bomb_in_the_synonyms_file_keeps_the_built_in_list(tmp_path: Path, memory_cap):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / SYNONYMS_FILE).write_text(
        f"abbreviations:\n  DV: đảng viên\n{BOMB}\nsynonyms: [[*h, *h]]\n", encoding="utf-8"
    )
    synonyms, problem = load_for_folder(tmp_path)
    assert problem and problem.path == SYNONYMS_FILE and "neo/bí danh" in problem.reason
    assert synonyms.expand("ĐV").text == "đảng viên"  # the built-in list stays in force
    engine = SearchEngine.open(tmp_path)
    assert problem in engine.problems
    assert engine.search("chi bộ sinh hoạt").answered


def test_a_synonyms_file_of_the_wrong_shape_is_reported_not_raised(tmp_path: Path):
    (tmp_path / SYNONYMS_FILE).write_text("abbreviations: [DV]\n", encoding="utf-8")
    _, problem = load_for_folder(tmp_path)
    assert problem and problem.path == SYNONYMS_FILE and "abbreviations" in problem.reason


def test_a_broken_synonyms_file_is_reported_to_admins_apart_from_unreadable_documents(tmp_path: Path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "trong.md").write_text("   \n", encoding="utf-8")
    (tmp_path / SYNONYMS_FILE).write_text("abbreviations: [DV]\n", encoding="utf-8")
    library = load_library(tmp_path, None)
    assert [s.path for s in library.skipped] == ["trong.md"]
    assert [s.path for s in library.problems] == [SYNONYMS_FILE]
    lines = report_lines(ReloadReport(True, None, library, skipped=library.skipped))
    warnings = [line for line in lines if line.startswith("⚠️ ")]
    assert len(warnings) == 2 and warnings[0].startswith(f"⚠️ {SYNONYMS_FILE}: ") and "abbreviations" in warnings[0]
    assert "1 tệp không đọc được" in warnings[1] and "• <code>trong.md</code>: tệp rỗng" in lines


def test_an_alias_bomb_in_the_config_is_refused(tmp_path: Path, memory_cap):
    config = tmp_path / "config.yaml"
    config.write_text(f"{BOMB}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(config, env={})


def test_oversized_front_matter_is_refused(tmp_path: Path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    long_value = "x" * 20_000
    (tmp_path / "huge.md").write_text(f"---\ntitle: {long_value}\n---\nNội dung văn bản.\n", encoding="utf-8")
    index = build_index(tmp_path)
    assert [s.path for s in index.skipped] == ["huge.md"]
    assert "giới hạn" in index.skipped[0].reason


def test_deeply_nested_front_matter_is_refused_not_a_crash(tmp_path: Path):
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\nNội dung.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    index = build_index(tmp_path)
    assert [s.path for s in index.skipped] == ["deep.md"]


def test_safe_yaml_reads_ordinary_yaml():
    from bot import safe_yaml

    assert safe_yaml.load("title: a\ntags: [x, y]\n", 100) == {"title": "a", "tags": ["x", "y"]}
    with pytest.raises(safe_yaml.YamlRefused):
        safe_yaml.load("a: &x 1\nb: *x\n", 100)


@pytest.mark.parametrize(
    "text, said",
    [
        ("title: [chưa đóng", "dòng 1: thiếu dấu ] đóng danh sách mở bằng ["),
        ("title: Kế hoạch: số 98\nsymbol: 98-KH/TU", "dòng 1: dấu hai chấm ở giữa giá trị"),
        ("title: Kế hoạch\n\tsymbol: 98-KH/TU", "dòng 2: ký tự không được đứng ở đầu (dấu tab"),
        ('title: "Kế hoạch\nsymbol: 98-KH/TU', "dòng 2: thiếu dấu ngoặc kép đóng"),
        ("tags:\n  - a\n - b", "dòng 3: thụt lề không đều"),
        ("title: !!python/name:os.system x", "dòng 1: sai cú pháp YAML (could not determine a constructor"),
    ],
)
def test_a_yaml_mistake_is_told_in_words_an_admin_can_act_on(text, said):
    # the admins are party office staff: "expected ',' or ']', but got '<stream end>'" told them nothing
    with pytest.raises(yaml.YAMLError) as error:
        safe_yaml.load(text, 1000)
    assert safe_yaml.describe(error.value).startswith(said)


def test_wrongly_typed_front_matter_fields_are_ignored_with_a_warning(tmp_path: Path):
    (tmp_path / "odd.md").write_text(
        "---\ntitle: [1, 2]\nissued: abc\npublished: 31/02/2023\nissuer: {a: b}\nsymbol: 7-KH/TU\n"
        "tags: [a, [b]]\nsource: 12\n---\nChi bộ sinh hoạt định kỳ mỗi tháng một lần.\n",
        encoding="utf-8",
    )
    (doc,) = build_index(tmp_path).documents
    assert doc.title != "[1, 2]" and "1, 2" not in doc.title
    assert doc.issued is None and doc.published is None and doc.issuer is None
    assert doc.symbol == "7-KH/TU" and doc.source == "12" and doc.tags == ()
    fields = sorted(note.split()[2] for note in doc.notes)
    assert fields == ["issued", "issuer", "published", "tags", "title"]
    assert all("đã bỏ qua" in note for note in doc.notes)


def test_dates_in_front_matter_are_normalised(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\nissued: 10/05/2023\n---\nChi bộ sinh hoạt định kỳ.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nissued: 2023-5-9\n---\nChi bộ sinh hoạt định kỳ.\n", encoding="utf-8")
    docs = {d.path: d for d in build_index(tmp_path).documents}
    assert docs["a.md"].issued == "2023-05-10" and docs["b.md"].issued == "2023-05-09"
    assert docs["a.md"].notes == ()


def test_warnings_survive_the_cache(tmp_path: Path):
    folder, cache = tmp_path / "k", tmp_path / "cache"
    folder.mkdir()
    (folder / "odd.md").write_text("---\ntitle: [1, 2]\n---\nChi bộ sinh hoạt định kỳ.\n", encoding="utf-8")
    first = build_index(folder, cache).documents[0].notes
    assert first
    assert build_index(folder, cache).documents[0].notes == first


def test_python_m_bot_index_shows_warnings_and_escaped_names(tmp_path: Path, capsys):
    from bot.cli import main

    folder = tmp_path / "k"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    (folder / "odd\nname.md").write_text("---\nissued: abc\n---\nChi bộ sinh hoạt định kỳ.\n", encoding="utf-8")
    (folder / "bomb.md").write_text(f"---\n{BOMB}\n---\nNội dung.\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    status = main(["index", "--strict", "--knowledge", str(folder), "--config", str(config)])
    out = capsys.readouterr().out
    assert status == 1
    assert "bomb.md: front matter bị từ chối" in out
    assert "odd\\nname.md: front matter: issued" in out
