from bot.vietnamese import fold, has_diacritics, match_key, new_style, normalize, one_spelling, typed_with_marks


def test_one_tone_placement():
    assert normalize("hoà bình") == normalize("hòa bình") == "hòa bình"
    assert normalize("thuỷ lợi") == "thủy lợi"
    assert normalize("xoá tên") == "xóa tên"
    assert normalize("Uỷ ban kiểm tra") == "Ủy ban kiểm tra"
    assert normalize("HOÀ") == "HÒA"


def test_unambiguous_placements_stay():
    assert normalize("hoàng quý quỳnh khoảng") == "hoàng quý quỳnh khoảng"


def test_normalize_composes_decomposed_text():
    decomposed = "đa\u0309ng viên"  # "ảng" written as a + combining hook
    assert normalize(decomposed) == "đảng viên"


def test_fold_keeps_length_and_drops_marks():
    text = "Đảng viên dự bị phải trải qua thời kỳ dự bị"
    assert fold(text) == "Dang vien du bi phai trai qua thoi ky du bi"
    assert len(fold(text)) == len(text)


def test_has_diacritics():
    assert has_diacritics("đảng viên")
    assert not has_diacritics("dang vien du bi 12 thang")


def test_match_key_is_the_eval_folding():
    assert match_key("Đảng viên, dự bị!") == "dangviendubi"


def test_one_spelling_of_syllables_written_with_i_or_y():
    for i_form, y_form in [("kỉ luật", "kỷ luật"), ("lí lịch", "lý lịch"), ("Tỉ lệ", "Tỷ lệ"), ("hi sinh", "hy sinh"),
                           ("qui định", "quy định"), ("thời kì", "thời kỳ"), ("ki_luat", "ky_luat")]:  # fmt: skip
        assert one_spelling(i_form) == one_spelling(y_form) == y_form
    assert (
        one_spelling("bác sỹ, sỹ quan") == one_spelling("bác sĩ, sĩ quan") == "bác sĩ, sĩ quan"
    )  # as underthesea knows them
    # after other consonants, and inside a longer syllable, there is one spelling: nothing changes
    unchanged = "thi hành, khi nào, chi bộ, vi phạm, công ty, lợi ích, thuỷ lợi, XII"
    assert one_spelling(unchanged) == unchanged
    assert len(one_spelling("Kỉ luật")) == len("Kỉ luật")
    assert one_spelling("họp hàng tháng, hàng năm") == "họp hằng tháng, hằng năm"  # both in use, "hằng" official
    assert one_spelling("hàng hóa, hàng đầu") == "hàng hóa, hàng đầu"


def test_typed_with_marks_when_a_third_of_the_words_carry_them():
    assert typed_with_marks("Đảng viên dự bị bao lâu thì được xét chuyển chính thức?")
    assert typed_with_marks("BCH TW có bao nhiêu UV?")  # abbreviations in capitals do not count
    assert not typed_with_marks("dang vien du bi bao nhiêu thang thi được xet chuyen chinh thuc")
    assert not typed_with_marks("dang vien du bi") and not typed_with_marks("12345")


def test_new_style_is_the_other_placement_and_keeps_length():
    text = normalize("Cấp uỷ, hoà bình, sức khoẻ; quý, hoàng, Thuỷ")
    assert new_style(text) == "Cấp uỷ, hoà bình, sức khoẻ; quý, hoàng, Thuỷ"
    assert normalize(new_style(text)) == text and len(new_style(text)) == len(text)
