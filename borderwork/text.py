"""Text as people type it: one Unicode form, case-folded keys, and numbers from URLs."""

from __future__ import annotations

import re
import unicodedata


def ascii_int(text: str | None, max_digits: int = 9) -> int | None:
    """'2025' -> 2025; None for anything but 1..max_digits ASCII digits.

    str.isdigit() and int() also accept superscripts, Arabic-Indic and full-width digits,
    signs, spaces and underscores; a number from a URL is only ever plain digits.
    """
    if text is None or not re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return None
    return int(text)


def nfc(value):
    """Text in Unicode NFC (one code point for 'ố' however it was typed); others unchanged."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def code(value):
    """A code (a landmark number): NFKC, so full-width '１０２' is '102', then NFC."""
    return nfc(unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value


def non_latin_letters(text: str) -> list[str]:
    """Letters of another script in a code: Cyrillic 'А' looks like Latin 'A' but is not."""
    return [ch for ch in text if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN")]
