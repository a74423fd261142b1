"""The thesaurus benchmark (benchmarks/thesaurus.py): a candidate group is searched again only on
the questions whose reading it changes, and the engine keeps its own list afterwards."""

from __future__ import annotations

import dataclasses

from benchmarks.thesaurus import candidates, moved
from bot.search.engine import SearchEngine
from bot.search.synonyms import Synonyms

CANDIDATES = """
groups:
  - group: [lao động ở nước ngoài, đi xuất khẩu lao động]
extend:
  - group: [kết hôn, lấy vợ]
    add: [cưới vợ, lấy vợ]
"""


def test_candidates_are_new_groups_and_additions_to_existing_ones(tmp_path):
    path = tmp_path / "candidates.yaml"
    path.write_text(CANDIDATES, encoding="utf-8")
    (new_name, new), (extension_name, extension) = candidates(path)
    groups = (("kết hôn", "lấy vợ"), ("ly hôn", "ly dị"))
    assert new(groups) == (*groups, ("lao động ở nước ngoài", "đi xuất khẩu lao động"))
    assert extension(groups) == (("kết hôn", "lấy vợ", "cưới vợ"), ("ly hôn", "ly dị"))  # no phrase twice
    assert "lao động ở nước ngoài" in new_name and "cưới vợ" in extension_name


def test_a_candidate_is_measured_on_the_questions_it_reads_differently(party_engine, tmp_path):
    path = tmp_path / "candidates.yaml"
    path.write_text(CANDIDATES, encoding="utf-8")
    built_in = party_engine.synonyms
    without = Synonyms(built_in.abbreviations, tuple(g for g in built_in.groups if g[0] != "lao động ở nước ngoài"))
    engine = SearchEngine(party_engine.index, party_engine.settings, without)
    (_, new), _ = candidates(path)
    gold = [{"phrase": "sinh hoạt đảng"}]
    abroad = {"id": "a", "question": "Đảng viên đi xuất khẩu lao động thì sinh hoạt đảng thế nào?", "gold": gold}
    meeting = {"id": "b", "question": "Chi bộ họp mấy lần một tháng?", "gold": gold}
    touched, found = moved(engine, dataclasses.replace(without, groups=new(without.groups)), [abroad, meeting], {})
    assert touched == 1  # typed without marks too, the question about meetings is read as before
    assert all(change.id == "a" for change in found)
    assert engine.synonyms is without
