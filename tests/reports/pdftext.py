"""The text of a PDF's pages, read with pypdf (installed by `make test`, no system tool)."""

import io

from pypdf import PdfReader


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat_text(pdf: bytes) -> str:
    """Every page's words in one line, single-spaced: for finding phrases across breaks."""
    return " ".join(" ".join(page.split()) for page in pages_text(pdf))


def top_line(pdf: bytes, page_index: int, ignore: tuple[str, ...] = ()) -> str:
    """The text drawn highest on a page (the running head), leaving out `ignore`d strings."""
    page = PdfReader(io.BytesIO(pdf)).pages[page_index]
    pieces: list[tuple[float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        text = text.strip()
        if text and text not in ignore:
            pieces.append((cm[5] + tm[5] * cm[3], text))

    page.extract_text(visitor_text=visit)
    return max(pieces)[1]
