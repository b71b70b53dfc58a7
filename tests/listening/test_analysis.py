"""Vietnamese text analysis: segmentation from underthesea's shipped model, sentiment from
the lexicon with negation and intensity, terms matched with or without diacritics on whole
syllables."""

import csv
from pathlib import Path

import pytest

from tttt.listening import analysis
from tttt.listening.analysis import Lexicon

LEXICON = analysis.shipped_lexicon()


@pytest.mark.parametrize("text, expected", [
    ("Người dân bức xúc vì hồ sơ bị hẹn đi hẹn lại", "negative"),
    ("Nguoi dan buc xuc vi ho so bi hen di hen lai", "negative"),  # written without diacritics
    ("Cán bộ hướng dẫn tận tình, tôi rất hài lòng", "positive"),
    ("Tôi không hài lòng với cách trả lời", "negative"),  # negation turns it round
    ("Việc giải quyết hồ sơ không chậm trễ như trước", "positive"),
    ("Không gian mạng cần bảo đảm an toàn thông tin", "neutral"),  # "không gian" is not a negation
    ("UBND huyện tổ chức hội nghị triển khai kế hoạch năm 2019", "neutral"),
])  # fmt: skip
def test_sentiment(text, expected):
    assert analysis.analyse(text, LEXICON).sentiment == expected


def test_an_intensifier_strengthens_and_phrases_are_matched_on_word_boundaries():
    plain = analysis.analyse("Thủ tục chậm", LEXICON).score
    strong = analysis.analyse("Thủ tục rất chậm", LEXICON).score
    assert strong == plain * 1.5 < 0
    # "tốt" inside "tốt nghiệp" (graduate) is no praise: segmentation keeps the word whole
    assert analysis.analyse("Lễ tốt nghiệp của học sinh", LEXICON).hits == []


def test_topics_are_the_multi_syllable_words_most_named():
    found = analysis.analyse("Hồ sơ đất đai ở Lương Tài chậm. Hồ sơ đất đai bị trả lại.", LEXICON)
    assert found.topics[:2] == ["hồ sơ", "đất đai"]


def test_terms_are_found_without_diacritics_on_whole_syllables():
    terms = {tuple(analysis.syllables("Lương Tài")): "LT", tuple(analysis.syllables("Thứa")): "T"}
    assert analysis.find_terms("Dan Luong Tai buc xuc", terms) == ["LT"]
    assert analysis.find_terms("Người dân thị trấn Thứa", terms) == ["T"]
    assert analysis.find_terms("Công ty Lương Tàiko", terms) == []  # not inside another word


def test_a_neutral_phrase_masks_the_shorter_ones_inside_it():
    lexicon = Lexicon.of([("an toàn", 1), ("an toàn thông tin", 0)])
    assert analysis.analyse("Tập huấn an toàn thông tin", lexicon).score == 0
    assert analysis.analyse("Đường sá an toàn", lexicon).score == 1


def test_the_labelled_sample_is_read_as_labelled_mostly():
    """A floor, not the figure: `make bench` prints precision and recall on this sample."""
    rows = list(csv.DictReader((Path(__file__).with_name("labelled.csv")).open(encoding="utf-8")))
    right = sum(analysis.analyse(r["text"], LEXICON).sentiment == r["label"] for r in rows)
    assert len(rows) == 50 and right >= 40
