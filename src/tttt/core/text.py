"""Text helpers for Vietnamese: folding diacritics for search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form for diacritic-insensitive search: "Xã Trung Chính" → "xa trung chinh"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().lower()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str, max_length: int = 80) -> str:
    """URL slug without diacritics: "Huyện Lương Tài: đón Tết" → "huyen-luong-tai-don-tet"."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")
