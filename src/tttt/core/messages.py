"""Compile TTTT's message catalogues (`src/tttt/locale/*/LC_MESSAGES/*.po`) to `.mo`.

The catalogues hold the Vietnamese for the Django and Wagtail strings whose own
Vietnamese catalogues lack them. The `.mo` files are build products (git ignores them):
`make` compiles them, and so do `tttt serve` and the test suite when a `.po` is newer.
Babel does the work, so GNU gettext is not needed.

    python -m tttt.core.messages
"""

from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def compile_messages(locale_dir: Path = LOCALE) -> list[Path]:
    """Compile each `.po` whose `.mo` is missing or older; return the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as target:
            write_mo(target, catalog)
        tmp.replace(mo)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_messages():
        print(f"compiled {path}")
