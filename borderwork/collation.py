"""Vietnamese alphabetical order, as PostgreSQL's ICU collation `vi-VN-x-icu` sorts names."""

from __future__ import annotations

import functools
import unicodedata

# The collation every name column declares (`db_collation`). PostgreSQL ships it with ICU;
# the SQLite backend in borderwork/db/sqlite3 registers a function under the same name.
VIETNAMESE = "vi-VN-x-icu"

# The Vietnamese alphabet with the Latin letters it lacks where CLDR puts them:
# ă and â after a, đ after d, ê after e, ô and ơ after o, ư after u.
ALPHABET = [*"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"]
_LETTER = {letter: 1000 + index for index, letter in enumerate(ALPHABET)}
# Marks that make a letter of its own (breve, circumflex, horn) stay with the base letter.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tones, in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONE = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

Key = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """Each letter of `text` with its tone and whether it was upper case."""
    letters: list[tuple[str, int, bool]] = []
    for char in unicodedata.normalize("NFD", text):
        if char in _TONE and letters:
            base, _, upper = letters[-1]
            letters[-1] = (base, _TONE[char], upper)
        elif char in _LETTER_MARKS and letters:
            base, tone, upper = letters[-1]
            letters[-1] = (unicodedata.normalize("NFC", base + char), tone, upper)
        elif unicodedata.combining(char) and letters:
            continue
        else:
            lower = char.lower()
            letters.append(("đ" if lower == "đ" else lower, 0, char != lower))
    return letters


def _other(char: str) -> int:
    """Spaces, punctuation and digits before the letters, other scripts after them."""
    return ord(char) if ord(char) < 1000 else 2000 + ord(char)


@functools.lru_cache(maxsize=4096)
def sort_key(text: str) -> Key:
    """Letters first, then tones, then case: "Lộc Tấn" < "Lộc Thành" < "Lộc Thạnh"."""
    letters = _letters(text)
    primary = tuple(_LETTER.get(base, _other(base)) for base, _, _ in letters)
    secondary = tuple(tone for _, tone, _ in letters)
    tertiary = tuple(int(upper) for _, _, upper in letters)
    return primary, secondary, tertiary


def compare(left: str | None, right: str | None) -> int:
    """-1, 0 or 1, for SQLite's `create_collation`."""
    if left == right:
        return 0
    left_key, right_key = sort_key(left or ""), sort_key(right or "")
    if left_key == right_key:
        # Equal to the eye but not byte for byte: keep the order total, as ICU does.
        return -1 if (left or "") < (right or "") else 1
    return -1 if left_key < right_key else 1
