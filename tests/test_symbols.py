from bot.knowledge.symbols import find_references, find_symbols


def keys(text):
    return [key for _, _, key in find_references(text)]


def test_party_and_state_numbers_are_found_whole():
    found = [s.text for _, _, s in find_symbols("Số 383-QĐ/TW; Nghị quyết 55/2025/NQ-HĐND và 2597/QĐ-TTg, 45-HD/BTCTW")]
    assert found == ["383-QĐ/TW", "55/2025/NQ-HĐND", "2597/QĐ-TTg", "45-HD/BTCTW"]


def test_ranges_and_dates_are_not_numbers():
    assert find_symbols("nhiệm kỳ 2020-2025, ngày 10/5/2023") == []


def test_every_spoken_form_names_the_same_document():
    assert keys("QĐ 294") == keys("quy định 294") == keys("quy dinh so 294") == keys("294-QĐ/TW") == ["qđ#294"]
    assert keys("NQ21") == keys("nghị quyết số 21") == keys("nghi quyet 21") == keys("21-NQ/TW") == ["nq#21"]
    assert keys("HD 43 yêu cầu gì") == ["hd#43"]
    assert keys("Kế hoạch số 98-KH/TU") == ["kh#98"]
    # typed on a phone without "/" or with "-" in the wrong place
    assert keys("NQ-21") == keys("21 NQ TW") == keys("21 nq tw nói gì") == keys("nghị quyết 21 NQ TW") == ["nq#21"]
    assert keys("qđ-294") == keys("294 qd tw") == ["qđ#294"]


def test_a_count_before_a_type_code_is_not_a_reference():
    assert keys("chi bộ gửi 2 BC và 3 CV") == []


def test_a_type_word_without_a_number_is_not_a_reference():
    assert keys("quy định về đảng phí") == []
