"""TCVN3 (ABC), VNI and Windows-1258 text, as old office files hold it, read as Unicode."""

import pytest

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import convert, legacy

from .word_fixtures import tcvn3, vni

TEXT = (
    "Điều 3. Đảng viên có nhiệm vụ tuyệt đối trung thành với lợi ích của giai cấp công nhân, "
    "của nhân dân lao động và của dân tộc; chấp hành nghiêm chỉnh đường lối, chủ trương của Đảng, "
    "học tập nâng cao trình độ, giữ gìn phẩm chất đạo đức cách mạng, sống trung thực, khiêm tốn, giản dị."
)


def test_classic_strings_decode():
    # The way these two mottos look when a .VnTime / VNI-Times file is opened without the font.
    assert legacy.decode_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert legacy.decode_tcvn3("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.decode_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert legacy.decode_vni("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.decode_tcvn3("®¶ng", upper=True) == "ĐẢNG"


def test_every_letter_round_trips():
    letters = "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ"
    assert legacy.decode_tcvn3(tcvn3(letters).decode("latin-1")) == letters
    assert legacy.decode_vni(vni(letters).decode("cp1252")) == letters
    assert legacy.decode_vni(vni(letters.upper()).decode("cp1252")) == letters.upper()


@pytest.mark.parametrize("encode, name", [(tcvn3, "TCVN3"), (vni, "VNI")])
def test_a_legacy_txt_file_is_converted_with_a_note(encode, name):
    converted = convert(encode(TEXT), "dieu-le.txt")
    assert converted.text == TEXT
    assert len(converted.warnings) == 1 and name in converted.warnings[0]


def test_utf8_mojibake_of_tcvn3_is_converted():
    # Text copied out of a .VnTime document into a UTF-8 file keeps the wrong letters.
    mojibake = tcvn3(TEXT).decode("latin-1").encode("utf-8")
    converted = convert(mojibake, "ghi-chu.md")
    assert converted.text == TEXT and "TCVN3" in converted.warnings[0]


def test_unicode_vietnamese_and_other_languages_are_left_alone():
    assert convert(TEXT.encode("utf-8"), "a.md").warnings == ()
    french = "Le comité a décidé à l'unanimité: élection du secrétaire général, réunion générale."
    assert convert(french.encode("utf-8"), "a.md").text == french


def test_bytes_that_are_no_vietnamese_encoding_are_still_refused():
    with pytest.raises(UnreadableFile, match="UTF-8"):
        convert("Le comité a décidé à l'unanimité, élection générale.".encode("latin-1"), "a.txt")


def test_font_names():
    assert legacy.font_encoding(".VnTime") == (legacy.TCVN3, False)
    assert legacy.font_encoding(".VnTimeH") == (legacy.TCVN3, True)
    assert legacy.font_encoding(".VnArial NarrowH") == (legacy.TCVN3, True)
    assert legacy.font_encoding("VNI-Times") == (legacy.VNI, False)
    assert legacy.font_encoding("Times New Roman") is None
    # Unicode typed in a .VnTime font (Word allows it) is not converted twice.
    assert legacy.decode_font_text("Đảng viên", legacy.TCVN3) == "Đảng viên"
