"""Vietnamese text analysis for online listening (DESIGN.md: listening).

- **Word segmentation** with underthesea's CRF model, which its wheel ships and which loads
  offline (underthesea 9.5; its sentiment model is not shipped, it downloads from GitHub on
  first use, so it is not used here). Segmentation keeps "không gian mạng" (cyberspace) from
  reading as a negation, and gives the multi-syllable words that make the topics.
- **Matching without diacritics**: text and terms are folded (`core.text.fold`) and matched
  on whole syllables, so "Luong Tai" written without marks finds "Lương Tài", and "tài" never
  matches inside "tài chính" unless the term says so.
- **Sentiment** from a lexicon of weighted phrases (data an administrator keeps, shipped from
  `lexicon.csv`): a negation word
  just before a phrase turns it round ("không hài lòng"), an intensifier strengthens it
  ("rất chậm"). How good it is on a labelled sample is measured by `make bench`, not assumed.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tttt.core.text import fold

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # underthesea must never reach a model hub

LEXICON_FILE = Path(__file__).with_name("lexicon.csv")
NEGATIONS = {
    "khong",
    "chua",
    "chang",
    "cha",
    "khong he",
    "chua he",
    "chang he",
    "dung",
    "khong con",
}
INTENSIFIERS = {"rat": 1.5, "qua": 1.5, "hết sức": 1.5, "het suc": 1.5, "vo cung": 2.0, "cuc ky": 2.0,
                "that su": 1.3, "qua la": 1.5, "nghiem trong": 1.5}  # fmt: skip
STOPWORDS = {
    "nguoi dan", "cho biet", "theo do", "tuy nhien", "ngoai ra", "hien nay", "trong do", "cac", "nhung",
    "duoc", "cua", "nay", "khi", "voi", "cung", "nhu", "den", "tai", "cho", "trong", "mot", "nhieu",
    "da", "dang", "se", "bi", "la", "va", "thi", "ma", "de", "o", "ve", "tu", "co", "khong", "nam", "ngay",
}  # fmt: skip
POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
WORD = re.compile(r"[0-9a-zđ]+")


def syllables(text: str) -> list[str]:
    """The folded syllables of a text: "Lương Tài, Bắc Ninh" → ["luong", "tai", "bac", "ninh"]."""
    return WORD.findall(fold(text))


def marked(text: str) -> list[str]:
    """The syllables as written, lower case, diacritics kept: "Tồi, tối" → ["tồi", "tối"]."""
    return [w for w in re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text or "").lower())]


@lru_cache(maxsize=1)
def _tokenizer():
    from underthesea import word_tokenize

    return word_tokenize


def segment(text: str) -> list[str]:
    """The text segmented into words as written (lower case), multi-syllable words joined by
    spaces: "Người dân bức xúc vì hồ sơ" → ["người dân", "bức xúc", "vì", "hồ sơ"]."""
    found = []
    for sentence in re.split(r"(?<=[.!?…\n])\s+", text or ""):
        if sentence.strip():
            for word in _tokenizer()(sentence):
                if written := " ".join(marked(word)):
                    found.append(written)
    return found


def words(text: str) -> list[str]:
    """The segmented words, folded: "Người dân bức xúc" → ["nguoi dan", "buc xuc"]."""
    return [" ".join(syllables(w)) for w in segment(text)]


@dataclass(frozen=True)
class Lexicon:
    """Weighted phrases as syllable tuples as written, longest first."""

    phrases: tuple[tuple[tuple[str, ...], float], ...]

    @classmethod
    def of(cls, pairs) -> Lexicon:
        found = {}
        for phrase, weight in pairs:
            if key := tuple(marked(phrase)):
                found[key] = float(weight)
        return cls(tuple(sorted(found.items(), key=lambda kv: -len(kv[0]))))


def _same(written: str, syllable: str) -> bool:
    """A syllable of the text is the phrase's: as written, or, where the text was written
    without diacritics, once folded ("toi" may be "tồi"; "tối" is never "tồi")."""
    if written == syllable:
        return True
    plain = fold(written)
    return plain == written and plain == fold(syllable)


def shipped_lexicon() -> Lexicon:
    """The lexicon as shipped (the database's copy is what the services use)."""
    with LEXICON_FILE.open(encoding="utf-8") as f:
        return Lexicon.of((row["phrase"], row["weight"]) for row in csv.DictReader(f))


@dataclass
class Analysis:
    sentiment: str
    score: float
    hits: list[tuple[str, float]] = field(default_factory=list)  # the phrases that counted
    topics: list[str] = field(default_factory=list)


def analyse(text: str, lexicon: Lexicon, *, threshold: float = 1.0) -> Analysis:
    """The sentiment of a text (negative, neutral, positive), its score and the phrases
    behind it, and its topics (the most frequent multi-syllable words)."""
    segmented = segment(text)
    flat, starts = [], []  # every syllable as written, and the index of the word it begins, or None
    for i, word in enumerate(segmented):
        for j, syllable in enumerate(word.split()):
            flat.append(syllable)
            starts.append(i if j == 0 else None)
    folded_words = [" ".join(syllables(w)) for w in segmented]
    score, hits, used = 0.0, [], [False] * len(flat)
    for phrase, weight in lexicon.phrases:
        n = len(phrase)
        for at in range(len(flat) - n + 1):
            if any(used[at : at + n]) or not all(_same(flat[at + k], phrase[k]) for k in range(n)):
                continue
            if starts[at] is None or (at + n < len(flat) and starts[at + n] is None):
                continue  # the phrase must begin and end on word boundaries
            value = weight * _modifier(folded_words, starts[at])
            used[at : at + n] = [True] * n
            score += value
            if value:  # a neutral phrase only keeps its syllables from shorter ones
                hits.append((" ".join(phrase), value))
    label = NEGATIVE if score <= -threshold else POSITIVE if score >= threshold else NEUTRAL
    return Analysis(label, round(score, 2), hits, topics(segmented))


def _modifier(segmented: list[str], index: int) -> float:
    """A negation in the one or two words before a phrase turns it round (half strength:
    "không tốt" is less than "tệ"); an intensifier strengthens it."""
    factor = 1.0
    for back in (1, 2):
        if index - back < 0:
            break
        before = segmented[index - back]
        if before in INTENSIFIERS:
            factor *= INTENSIFIERS[before]
        elif before in NEGATIONS:
            return -0.75 * factor
        else:
            break
    return factor


def topics(segmented: list[str], limit: int = 5) -> list[str]:
    """The multi-syllable words named most, as written (lower case)."""
    counts = Counter(w for w in segmented if " " in w and " ".join(syllables(w)) not in STOPWORDS)
    return [w for w, _n in counts.most_common(limit)]


def find_terms(text: str, terms: dict[tuple[str, ...], object]) -> list[object]:
    """The objects whose (folded syllable tuple) term the text names, with or without
    diacritics, on whole syllables: each once, in the order of the terms given."""
    flat = syllables(text)
    joined = f" {' '.join(flat)} "
    return [obj for term, obj in terms.items() if term and f" {' '.join(term)} " in joined]
