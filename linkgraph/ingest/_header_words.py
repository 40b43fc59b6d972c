"""Header words of scripts that write no space between words (Thai, Lao, Korean's Hangul
runs, Japanese), named in English before a header is read.

``mapping suggest`` reads a header by its folded words (:func:`linkgraph.text.fold`
transliterates it to Latin letters): that works for scripts whose words stand apart
("Ngày sinh", "Дата народження"), but a Thai header runs its words together and its
transliteration is no stable spelling ("ชื่อผู้เสียหาย", the victim's name, folds to one
word "chuuephuuesiiyhaay"). So the words of these headers are found as written, longest
first, and each replaced by its English words: "ชื่อผู้เสียหาย" reads as "first name victim",
"เบอร์โทรศัพท์" as "phone". A header without such a word is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: Header words as written -> the English words the header vocabulary reads. A word of
#: several (ชื่อ-นามสกุล, full name) is listed whole, as its parts mean something else.
HEADER_WORDS: dict[str, str] = {
    # Thai: names
    "ชื่อ-นามสกุล": "full name", "ชื่อ - นามสกุล": "full name", "ชื่อและนามสกุล": "full name",
    "ชื่อ นามสกุล": "full name", "ชื่อ-สกุล": "full name", "ชื่อสกุล": "full name",
    "ชื่อจริง": "first name", "ชื่อเล่น": "nickname", "นามสกุล": "surname", "สกุล": "surname",
    # ชื่อ is the given name beside นามสกุล, and alone the whole name (a slot's one name
    # column is read whole)
    "ชื่อ": "first name", "ชื่อบัญชี": "account name",
    # Thai: dates, sex, age, nationality, places
    "วันเดือนปีเกิด": "date of birth", "วัน/เดือน/ปีเกิด": "date of birth",
    "วันเกิด": "date of birth", "ปีเกิด": "year of birth", "สถานที่เกิด": "place of birth",
    "เพศ": "sex", "อายุ": "age", "สัญชาติ": "nationality", "เชื้อชาติ": "ethnicity",
    "ที่อยู่": "address", "ที่พัก": "address", "จังหวัด": "province", "อำเภอ": "district",
    "ประเทศ": "country", "วันที่": "date", "เวลา": "time", "หมายเหตุ": "notes",
    # Thai: identifiers
    "เลขประจำตัวประชาชน": "national id", "เลขบัตรประชาชน": "national id",
    "บัตรประชาชน": "national id", "เลขบัตรประจำตัวประชาชน": "national id",
    "หนังสือเดินทาง": "passport", "พาสปอร์ต": "passport", "หมายเลขโทรศัพท์": "phone",
    "เบอร์โทรศัพท์": "phone", "เบอร์โทร": "phone", "โทรศัพท์มือถือ": "phone",
    "โทรศัพท์": "phone", "มือถือ": "mobile", "อีเมล": "email", "อีเมล์": "email",
    "เลขบัญชี": "account", "บัญชีธนาคาร": "account", "ทะเบียนรถ": "plate",
    "ไลน์ไอดี": "line id", "ลำดับ": "no",
    # Thai: a person's standing in the case, and the roles a header names
    "สถานะ": "status", "ฐานะ": "status", "บทบาท": "role", "ประเภทบุคคล": "category",
    "ผู้เสียหาย": "victim", "เหยื่อ": "victim", "ผู้ต้องหา": "suspect",
    "ผู้ต้องสงสัย": "suspect", "ผู้ถูกกล่าวหา": "accused", "จำเลย": "defendant",
    "พยาน": "witness", "ผู้แจ้ง": "reporter",
    # Lao
    "ຊື່ ແລະ ນາມສະກຸນ": "full name", "ຊື່": "first name", "ນາມສະກຸນ": "surname",
    "ວັນເດືອນປີເກີດ": "date of birth", "ວັນເກີດ": "date of birth", "ເພດ": "sex",
    "ສັນຊາດ": "nationality", "ທີ່ຢູ່": "address", "ເບີໂທ": "phone", "ເບີໂທລະສັບ": "phone",
    "ໂທລະສັບ": "phone", "ສະຖານະ": "status", "ຜູ້ເສຍຫາຍ": "victim", "ຜູ້ຖືກເຄາະຮ້າຍ": "victim",
    "ຜູ້ຕ້ອງຫາ": "suspect", "ພະຍານ": "witness",
    # Korean: Hangul runs a header's words together ("여권번호", passport number) and its
    # romanisation is one word ("yeogweonbeonho")
    "생년월일": "date of birth", "생일": "date of birth", "출생일": "date of birth",
    "성명": "full name", "이름": "name", "성별": "sex", "국적": "nationality",
    "주소": "address", "거주지": "address", "도시": "city", "여권번호": "passport number",
    "여권 번호": "passport number", "여권": "passport", "주민등록번호": "national id",
    "외국인등록번호": "national id", "신분증번호": "national id", "전화번호": "phone",
    "휴대폰번호": "phone", "휴대폰": "phone", "휴대전화": "phone", "핸드폰": "phone",
    "연락처": "phone", "이메일": "email", "전자우편": "email", "역할": "role",
    "피해자": "victim", "용의자": "suspect", "피의자": "suspect", "증인": "witness",
    # Japanese: words whose Chinese reading ("sheng_nian_yue_ri", "shi_ming") says nothing
    "生年月日": "date of birth", "氏名": "full name", "名前": "name", "住所": "address",
    "旅券番号": "passport number", "パスポート番号": "passport number",
    "パスポート": "passport", "携帯番号": "phone", "メールアドレス": "email",
    "メール": "email", "在留カード番号": "national id", "マイナンバー": "national id",
}  # fmt: skip

#: The scripts these words are written in (Thai, Lao, Hangul, Japanese kana and the
#: Han characters of Japanese words): a header with none of their letters is left as it
#: is without a search.
_SCRIPTS = re.compile(
    r"[\u0e00-\u0eff\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af]"
)


def _key(text: str) -> str:
    # compared NFKC: Thai SARA AM written as one letter or as NIKHAHIT and SARA AA
    return unicodedata.normalize("NFKC", text)


@cache
def _words() -> dict[str, str]:
    return {_key(word): english for word, english in HEADER_WORDS.items()}


@cache
def _pattern() -> re.Pattern[str]:
    words = sorted(_words(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def in_english_words(header: str) -> str:
    """``header`` with each of its words of :data:`HEADER_WORDS` replaced by their English
    words, apart from the rest; other headers unchanged.

    Examples:
        >>> in_english_words("ชื่อผู้เสียหาย"), in_english_words("นามสกุล")
        (' first name  victim ', ' surname ')
        >>> in_english_words("เบอร์โทรศัพท์ผู้ต้องหา"), in_english_words("Nume")
        (' phone  suspect ', 'Nume')
    """
    if not _SCRIPTS.search(header):
        return header
    return _pattern().sub(lambda m: f" {_words()[m.group(0)]} ", _key(header))
