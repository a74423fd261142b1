from bot.vietnamese import fold, has_diacritics, match_key, normalize


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
