from bot.search.analyzer import analyze, congress_keys, word_tokens


def test_words_are_lower_case_underthesea_tokens_without_punctuation():
    assert word_tokens("Đảng viên dự bị phải trải qua thời kỳ dự bị.") == [
        "đảng_viên", "dự_bị", "phải", "trải", "qua", "thời_kỳ", "dự_bị",
    ]  # fmt: skip


def test_a_mark_underthesea_glues_to_the_next_word_is_dropped_with_its_space():
    # underthesea gives "?_Cách": the word must be "cách", as everywhere else
    words = analyze("Tuổi đảng là gì? Cách tính tuổi đảng").words
    assert "cách" in words and not any(w.startswith("_") or w.endswith("_") for w in words)


def test_document_numbers_are_kept_whole_with_parts_and_key():
    tokens = word_tokens("theo Nghị quyết số 21-NQ/TW của Ban Chấp hành")
    assert "21-nq/tw" in tokens
    assert {"21", "nq", "tw", "nq#21"} <= set(tokens)


def test_spoken_document_numbers_get_the_same_key():
    assert "qđ#294" in word_tokens("QĐ 294 quy định gì")
    assert "qđ#294" in word_tokens("quy dinh 294 quy dinh gi")
    assert "nq#21" in word_tokens("NQ21 nói gì")


def test_tone_placement_does_not_split_the_vocabulary():
    assert word_tokens("hoà bình, thuỷ lợi") == word_tokens("hòa bình, thủy lợi")


def test_words_with_oa_oe_uy_are_words_in_either_placement():
    """underthesea's model knows "cấp uỷ", "hoà bình" in the placement its normaliser rewrites; they
    must come out joined whichever placement the text uses, as "cấp_ủy", "hòa_bình"."""
    for text, word in [
        ("cấp ủy cấp trên trực tiếp", "cấp_ủy"),
        ("cấp uỷ cấp trên trực tiếp", "cấp_ủy"),
        ("Ủy ban Kiểm tra Trung ương", "ủy_ban"),
        ("Ban Thường vụ Đảng ủy", "đảng_ủy"),
        ("sức khoẻ tốt", "sức_khỏe"),
        ("hòa bình", "hòa_bình"),
        ("hủy bỏ quyết định", "hủy_bỏ"),
    ]:
        assert word in word_tokens(text), text


def test_both_spellings_of_i_and_y_are_one_word():
    assert word_tokens("kỉ luật, lí lịch, tỉ lệ") == word_tokens("kỷ luật, lý lịch, tỷ lệ")
    assert word_tokens("bác sỹ, sỹ quan") == word_tokens("bác sĩ, sĩ quan") == ["bác_sĩ", "sĩ_quan"]
    assert analyze("ki luat").folded == analyze("kỷ luật").folded


def test_a_date_has_one_form_however_it_is_written():
    assert word_tokens("tháng 6-1925") == word_tokens("tháng 6/1925") == ["tháng", "6/1925"]
    assert word_tokens("ngày 04/5/2025") == word_tokens("ngày 4-5-2025") == word_tokens("ngày 4.5.2025")
    assert "4/5/2025" in word_tokens("ngày 04/05/2025")
    # not dates: a month that does not exist, a year range, numbers
    assert "13/2025" in word_tokens("13/2025") and word_tokens("2021-2025") == ["2021", "2025"]
    assert word_tokens("1.500 đồng") == word_tokens("1500 đồng") == ["1500", "đồng"]  # a thousands separator
    assert "1,5" in word_tokens("1,5 triệu")
    # typed without marks, underthesea glues a date to the next syllable ("09/5/2024_va")
    assert "9/5/2024" in word_tokens("ngay 09/5/2024 va 03 thang")


def test_folded_field_has_syllables_and_bigrams():
    with_marks = analyze("đảng viên dự bị").folded
    without = analyze("dang vien du bi").folded
    assert {"dang", "vien", "du", "bi", "dang_vien", "vien_du", "du_bi"} <= set(with_marks)
    assert set(without) == set(with_marks)


def test_numbers_are_kept():
    assert "12" in word_tokens("sau 12 tháng")


def test_a_number_word_after_digits_is_a_unit():
    assert "5" not in word_tokens("đủ 3 năm tuổi đảng")  # "năm" is the year, not five
    assert "5" in word_tokens("sau năm tháng")


def test_counts_padded_with_a_zero_are_the_same_numbers():
    assert word_tokens("trong 03 tháng, 02 đảng viên") == word_tokens("trong 3 tháng, 2 đảng viên")
    assert "0912345678" in word_tokens("gọi 0912345678")  # not a count
    assert word_tokens("00 giờ 05 phút") == ["0", "giờ", "5", "phút"]


def test_a_percentage_in_words_is_its_number():
    assert "85" in word_tokens("tám mươi lăm phần trăm")
    assert "100" not in word_tokens("tám mươi lăm phần trăm") + word_tokens("trên bao nhiêu phần trăm")
    assert {"2", "3", "2/3"} <= set(word_tokens("hai phần ba"))


def test_a_percent_sign_is_the_words_members_ask_with():
    assert word_tokens("đạt 85% trở lên") == word_tokens("đạt 85 phần trăm trở lên")
    assert word_tokens("trên 50 % số phiếu")[:3] == ["trên", "50", "phần_trăm"]
    assert "phần_trăm" in word_tokens("tỷ lệ bao nhiêu phần trăm")


def test_words_joined_by_a_hyphen_are_the_words():
    assert word_tokens("kinh tế-xã hội, Mác-Lênin") == word_tokens("kinh tế - xã hội, Mác - Lênin")
    assert "71/nq-cp" in word_tokens("Nghị quyết 71/NQ-CP")  # a document number stays whole


def test_congresses_and_terms_numbered_in_roman_numerals_are_also_digits():
    assert "14" in word_tokens("Đại hội XIV của Đảng") and "14" in word_tokens("dai hoi XIV")
    assert "13" in word_tokens("Ban Chấp hành Trung ương khóa XIII")
    assert "3" in word_tokens("Đại hội Đảng lần thứ III")
    assert "2" not in word_tokens("Chương II. Tổ chức đảng")  # elsewhere a Roman numeral stays as it is


def test_a_congress_of_the_party_named_with_its_number_has_one_key_however_it_is_written():
    for named in (
        "Đại hội II",
        "Đại hội đại biểu toàn quốc lần thứ II của Đảng",
        "Đại hội Đảng Cộng sản Việt Nam lần thứ II",
        "dai hoi dang lan thu 2",
    ):
        assert congress_keys(named) == ["đại_hội#2"], named
    assert "đại_hội#14" in word_tokens("Nghị quyết Đại hội XIV của Đảng")
    assert congress_keys("Đại hội Đảng bộ tỉnh lần thứ XVII") == []  # a local congress
    assert congress_keys("đại hội 2025") == congress_keys("Đại hội chi bộ") == []
