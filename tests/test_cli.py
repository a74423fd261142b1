"""The command line as members, admins and scripts use it (real subprocesses, real knowledge folders)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def run(*args, stdin=None, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_ask_answers_from_the_default_knowledge_folder_with_citations():
    out = run("ask", "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?")
    assert out.returncode == 0, out.stderr
    assert "Kế hoạch 98-KH/TU, ngày 10/05/2023, Ban Thường vụ Tỉnh ủy" in out.stdout
    assert "Nội dung tuyên truyền tập trung vào" in out.stdout
    line = out.stdout.split("\n")[0]  # the answer line first, quoted from a passage shown below it
    assert line.startswith("📌 ") and " — Kế hoạch 98-KH/TU" in line
    assert line[2 : line.rindex(" — ")].strip("…") in " ".join(out.stdout.split("\n\n", 1)[1].split())


def test_the_starter_library_answers_a_common_members_question():
    out = run("ask", "Đảng viên dự bị bao lâu thì được xét chuyển chính thức?")
    assert out.returncode == 0, out.stderr
    line, first = out.stdout.split("\n\n")[:2]
    assert line.startswith("📌 ") and "thời kỳ dự bị mười hai tháng" in line
    assert line.endswith(" — Điều lệ Đảng Cộng sản Việt Nam, Điều 5, khoản 1")
    assert first.startswith(
        "[1] Điều lệ Đảng Cộng sản Việt Nam, ngày 19/01/2011, Đại hội đại biểu toàn quốc lần thứ XI"
    )


def test_ask_says_plainly_when_nothing_is_relevant():
    out = run("ask", "giá vé máy bay đi Đà Nẵng tháng sau")
    assert out.returncode == 0, out.stderr
    assert "Chưa tìm thấy nội dung phù hợp" in out.stdout


def test_search_json_reads_queries_from_stdin_in_order():
    out = run("search", "--json", "-k", "2", stdin="tuyen truyen xay dung dang\n\nthời tiết Hà Nội ngày mai\n")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["query"] for r in lines] == ["tuyen truyen xay dung dang", "thời tiết Hà Nội ngày mai"]
    first = lines[0]
    assert first["answered"] is True
    assert 1 <= len(first["results"]) <= 2
    result = first["results"][0]
    assert set(result) == {"rank", "score", "text", "section", "doc"}
    assert result["rank"] == 1 and isinstance(result["score"], float)
    assert set(result["doc"]) == {"path", "title", "symbol", "type", "issuer", "issued"}
    assert result["doc"]["symbol"] == "98-KH/TU" and result["doc"]["issued"] == "2023-05-10"
    assert len(result["text"]) <= 1500
    line = first["answer"]  # the answer line the bot shows first
    assert set(line) == {"text", "rank", "section"} and 1 <= line["rank"] <= len(first["results"])
    assert len(line["text"]) <= 350
    assert line["text"].strip("…") in " ".join(first["results"][line["rank"] - 1]["text"].split())
    assert line["section"] == first["results"][line["rank"] - 1]["section"]
    assert lines[1]["answered"] is False and lines[1]["answer"] is None


def test_index_reports_and_strict_fails_on_a_skipped_file(tmp_path: Path):
    (tmp_path / "ok.md").write_text("Chi bộ sinh hoạt định kỳ mỗi tháng một lần.", encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"\xff\xfe\x00broken")
    config = tmp_path / "config.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    out = run("index", "--knowledge", str(tmp_path), "--config", str(config))
    assert out.returncode == 0, out.stderr
    assert "Văn bản: 1" in out.stdout and "Tệp bị bỏ qua: 1" in out.stdout
    assert "broken.md: tệp nhị phân" in out.stdout
    strict = run("index", "--strict", "--knowledge", str(tmp_path), "--config", str(config))
    assert strict.returncode == 1


def test_a_bad_config_is_a_clear_error(tmp_path: Path):
    config = tmp_path / "config.yaml"
    config.write_text("serach:\n  results: 3\n", encoding="utf-8")
    out = run("ask", "x", "--config", str(config))
    assert out.returncode == 2
    assert "serach" in out.stderr


def test_search_explain_shows_why_each_passage_was_chosen():
    out = run("search", "--explain", "-k", "1", "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?")
    assert out.returncode == 0, out.stderr
    explained = [line.split() for line in out.stdout.splitlines() if "trọng số" in line]
    assert explained, out.stdout
    fields = {parts[1] for parts in explained}
    assert {"words", "folded"} <= fields
    assert any(parts[2] == "tuyên_truyền" for parts in explained)
    as_json = json.loads(run("search", "--json", "--explain", "-k", "1", "tuyên truyền xây dựng đảng").stdout)
    explain = as_json["results"][0]["explain"]
    assert explain and set(explain[0]) == {"term", "field", "weight", "score"}
    verdict = as_json["verdict"]
    assert verdict["answered"] is as_json["answered"] is True
    assert verdict["asking"] is None and verdict["score"] == verdict["whole"]  # one sentence: no story


def test_search_explain_names_the_factors_that_weigh_a_passage(tmp_path):
    out = run("search", "--explain", "-k", "1", "Đảng viên dự bị bao lâu thì được xét chuyển chính thức?")
    assert out.returncode == 0, out.stderr
    assert "hệ số ×1.05 (văn bản ban hành quy định)" in out.stdout  # the Điều lệ itself
    assert "×1.05 (đoạn nêu loại điều câu hỏi cần: thời hạn" in out.stdout  # "mười hai tháng" for "bao lâu"
    (tmp_path / "trac_nghiem.md").write_text(
        "# Câu hỏi trắc nghiệm\n\nCâu 5: Đảng viên dự bị phải trải qua thời kỳ dự bị bao lâu?\n"
        "A. 6 tháng\nB. 12 tháng\nC. 18 tháng\nĐáp án: B.\n",
        encoding="utf-8",
    )
    data = json.loads(
        run("search", "--knowledge", str(tmp_path), "--json", "--explain", "-k", "1", "thời kỳ dự bị bao lâu").stdout
    )
    assert data["results"][0]["factors"] == {
        "asking": pytest.approx(1 - 0.3 * 4 / 5),  # 4 of its 5 lines ask
        "answer_kind": pytest.approx(1.05),  # its options state durations
    }


def test_search_explain_says_how_the_question_was_read():
    out = run("search", "--explain", "-k", "1", "ĐV dự bị bn tháng thì đc chuyển chính thức")
    assert out.returncode == 0, out.stderr
    read = next(line for line in out.stdout.splitlines() if "đọc là:" in line)
    assert "đảng_viên" in read and "chính_thức" in read
    as_json = json.loads(run("search", "--json", "--explain", "-k", "1", "ĐV dự bị bn tháng").stdout)
    assert as_json["read_as"]["text"].startswith("đảng viên dự bị bao nhiêu tháng")
    assert "đảng_viên" in as_json["read_as"]["words"]


def test_search_explain_says_why_a_story_is_answered_or_not():
    story = "Chồng tôi là đảng viên, đi làm ăn xa. Cho hỏi đảng viên dự bị phải trải qua thời kỳ dự bị bao lâu?"
    out = run("search", "--explain", "-k", "1", story)
    assert out.returncode == 0, out.stderr
    why = next(line for line in out.stdout.splitlines() if "độ khớp" in line)
    assert why.strip().startswith("trả lời:") and "(câu hỏi)" in why and "từ chung" in why
    as_json = json.loads(run("search", "--json", "--explain", "-k", "1", story).stdout)
    verdict = as_json["verdict"]
    assert verdict["asking"] is not None and verdict["score"] == max(
        verdict["whole"], (verdict["whole"] + verdict["asking"]) / 2
    )


def test_eval_folds_reports_each_half(tmp_path: Path):
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": f"Q{i}", "question": "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?", "style": "natural",
         "gold": [{"phrase": "Nội dung tuyên truyền tập trung vào"}]}
        for i in range(6)
    ] + [{"id": "O1", "question": "giá vé máy bay đi Đà Nẵng", "style": "out_of_scope", "gold": []}]  # fmt: skip
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = run("eval", str(questions), "--folds", "2")
    assert out.returncode == 0, out.stderr
    assert "2 folds" in out.stdout
    folds = [line for line in out.stdout.splitlines() if line.startswith(("| 0 |", "| 1 |"))]
    assert len(folds) == 2
    sizes = [int(line.split("|")[2]) for line in folds]
    assert sum(sizes) == 6 and all(sizes)
    assert all("1.00" in line for line in folds)  # hit@3 of the one answerable question


def test_eval_against_a_saved_run_lists_each_moved_question_by_half(tmp_path: Path):
    questions, runs = tmp_path / "q.jsonl", tmp_path / "runs.jsonl"
    rows = [
        {"id": "FOUND", "question": "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?", "style": "natural",
         "gold": [{"phrase": "Nội dung tuyên truyền tập trung vào"}]},
        {"id": "LOST", "question": "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?", "style": "natural",
         "gold": [{"phrase": "một cụm từ không văn bản nào có"}]},
        {"id": "OOS", "question": "giá vé máy bay đi Đà Nẵng", "style": "out_of_scope", "gold": []},
    ]  # fmt: skip
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = run("eval", str(questions), "--save", str(runs))
    assert out.returncode == 0, out.stderr
    # LOST's gold phrase is in no passage: a miss no ranking can mend, said apart from the others
    assert "questions whose gold phrases no passage holds: LOST\n" in out.stdout
    saved = {o["id"]: o for o in map(json.loads, runs.read_text(encoding="utf-8").splitlines())}
    assert saved.keys() == {"FOUND", "LOST", "OOS"}
    found = saved["FOUND"]
    assert found["rank"] is not None and found["line"] is True
    assert found["unmarked_rank"] is not None  # typed with marks, so asked again without them
    assert saved["LOST"]["rank"] is None and saved["LOST"]["line"] is False
    assert saved["OOS"]["answered"] is False and saved["OOS"]["line"] is None

    # as if saved before a change: FOUND was not found, LOST was at rank 2 with its line, OOS was answered
    saved["FOUND"] = {**found, "rank": None, "line": False}
    saved["LOST"].update(rank=2, line=True)
    saved["OOS"].update(answered=True)
    runs.write_text("\n".join(json.dumps(o) for o in saved.values()), encoding="utf-8")
    out = run("eval", str(questions), "--against", str(runs))
    assert out.returncode == 0, out.stderr
    report = out.stdout.split("### So với", 1)[1].strip().splitlines()[1:]  # below the heading
    half = {i: o["half"] for i, o in saved.items()}
    assert sorted(report[2:]) == sorted(
        [
            f"  ↑ FOUND (half {half['FOUND']}) rank: – → {found['rank']}",
            f"  ↑ FOUND (half {half['FOUND']}) line: False → True",
            f"  ↓ LOST (half {half['LOST']}) rank: 2 → –",
            f"  ↓ LOST (half {half['LOST']}) line: True → False",
            f"  ↑ OOS (half {half['OOS']}) answered: True → False",  # out of scope: not answering is right
        ]
    )
    for h in (0, 1):
        better = sum(2 if i == "FOUND" else 1 for i in ("FOUND", "OOS") if half[i] == h)
        worse = 2 if half["LOST"] == h else 0
        assert f"half {h}: {better} better, {worse} worse" in report[:2]

    missing = run("eval", str(questions), "--against", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 2 and "none.jsonl" in missing.stderr


def test_eval_does_not_compare_runs_of_files_whose_ids_repeat(tmp_path: Path):
    # runs are compared by question id: two files that both have an "A1" would be matched crosswise
    first, second, runs = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "runs.jsonl"
    row = {"id": "A1", "question": "giá vé máy bay đi Đà Nẵng", "style": "out_of_scope", "gold": []}
    first.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    second.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    out = run("eval", str(first), str(second), "--save", str(runs))
    assert out.returncode == 2 and "A1" in out.stderr and not runs.exists()
    assert run("eval", str(first), str(second)).returncode == 0  # without comparing, both are measured
