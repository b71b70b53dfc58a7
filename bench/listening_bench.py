"""Listening figures for `make bench`: how well the lexicon sentiment reads two labelled
samples written for the tests (precision and recall of each class, accuracy), and how fast a
text is analysed (segmentation included). `labelled.csv` was written together with the
lexicon (an upper bound); `heldout.csv` was written and labelled afterwards, and the
lexicon was not changed after reading its result (the fairer figure). The speed is beside
its anchor, underthesea's segmentation alone of the same texts."""

import csv
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "listening"


def sentiment_on_the_labelled_sample() -> dict:
    return {
        **_measure("labelled.csv", "listening_sentiment_with_lexicon",
                   "written together with the lexicon: an upper bound"),
        **_measure("heldout.csv", "listening_sentiment_held_out",
                   "written after the lexicon, not tuned on: the fairer figure"),
    }  # fmt: skip


def _measure(name: str, key: str, note: str) -> dict:
    from tttt.listening import analysis, services

    lexicon = services.lexicon()  # the database's lexicon, as the services use it
    rows = list(csv.DictReader((SAMPLES / name).open(encoding="utf-8")))
    analysis.analyse("khởi động", lexicon)  # load the segmentation model before timing
    started = time.perf_counter()
    found = [analysis.analyse(row["text"], lexicon).sentiment for row in rows]
    seconds = time.perf_counter() - started
    from underthesea import word_tokenize

    started = time.perf_counter()  # the anchor: underthesea's segmentation of the same texts
    for row in rows:
        word_tokenize(row["text"])
    segmentation = time.perf_counter() - started
    truth = [row["label"] for row in rows]
    classes = {}
    for label in ("negative", "neutral", "positive"):
        hit = sum(f == t == label for f, t in zip(found, truth, strict=True))
        said, real = found.count(label), truth.count(label)
        classes[label] = {"precision": round(hit / said, 3) if said else None,
                          "recall": round(hit / real, 3) if real else None, "support": real}  # fmt: skip
    return {
        key: {
            "texts": len(rows),
            "accuracy": round(
                sum(f == t for f, t in zip(found, truth, strict=True)) / len(rows), 3
            ),
            "classes": classes,
            "note": note,
        },
        f"{key}_ms_per_text": round(seconds * 1000 / len(rows), 2),
        f"{key}_anchor_segmentation_only_ms_per_text": round(segmentation * 1000 / len(rows), 2),
        f"{key}_to_segmentation_ratio": round(segmentation / seconds, 2),
    }
