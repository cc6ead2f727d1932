"""Text as people type it: one Unicode form, case-folded keys, and numbers from URLs."""

from __future__ import annotations

import re


def ascii_int(text: str | None, max_digits: int = 9) -> int | None:
    """'2025' -> 2025; None for anything but 1..max_digits ASCII digits.

    str.isdigit() and int() also accept superscripts, Arabic-Indic and full-width digits,
    signs, spaces and underscores; a number from a URL is only ever plain digits.
    """
    if text is None or not re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return None
    return int(text)
