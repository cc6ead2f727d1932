"""SVG charts drawn on the server; the dashboard and the PDF report use the same renderer.

No JavaScript and nothing from a CDN: a chart is a string of SVG with its presentation in
attributes, so WeasyPrint draws it as the browser does. Every text is escaped. Each chart
carries its text alternative: a <title> and a <desc> with the numbers inside the SVG, and a
table of the same numbers in the figure's caption.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from borderwork.indicators.catalogue import Indicator
from borderwork.templatetags.borderwork_tags import number

PALETTE = ("#1f4e3d", "#2e86c1", "#d68910", "#8e44ad")
TARGET = "#c0392b"
GRID = "#dee2e6"
INK = "#495057"
LEFT, RIGHT, TOP, BOTTOM = 46, 10, 12, 22


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | None]


def _plain(value: Decimal) -> str:
    """Up to two decimals, none when whole: 5, 2,5, 0,25."""
    if value == value.to_integral_value():
        return number(value)
    return number(value, min(2, -value.normalize().as_tuple().exponent))


def compact(value: Decimal) -> str:
    """An axis label: 1.500.000.000 -> '1,5 tỷ', 2.000.000 -> '2 tr'."""
    for size, word in ((Decimal(10) ** 9, _("tỷ")), (Decimal(10) ** 6, _("tr"))):
        if abs(value) >= size:
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def scale(highest: Decimal, whole: bool = False) -> tuple[Decimal, Decimal]:
    """(top of the axis, step between ticks): at most five round steps covering `highest`;
    `whole` for counts, whose ticks are whole numbers."""
    if highest <= 0:
        return (Decimal(1), Decimal(1)) if whole else (Decimal(1), Decimal("0.25"))
    rough = highest / 4
    power = Decimal(10) ** (len(str(int(rough))) - 1 if rough >= 1 else rough.adjusted())
    step = next(m * power for m in (1, 2, Decimal("2.5"), 5, 10) if m * power >= rough)
    if whole:
        step = max(step.to_integral_value(rounding=ROUND_CEILING), Decimal(1))
    return step * (highest / step).to_integral_value(rounding=ROUND_CEILING), step


def line_chart(series: Sequence[Series], labels: Sequence[str], **options) -> SafeString:
    """Lines over the labels (quarters); a gap where a value is missing. Options: `_chart`."""
    return _chart("line", series, labels, **options)


def bar_chart(series: Sequence[Series], labels: Sequence[str], **options) -> SafeString:
    """Bars, grouped by label when there are several series. Options: `_chart`."""
    return _chart("bar", series, labels, **options)


def indicator_chart(
    indicator: Indicator,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    fmt: Callable[[Decimal | None], str],
    *,
    title: str | None = None,
    chart_id: str | None = None,
    figure: bool = True,
    font_family: str = "sans-serif",
) -> SafeString:
    """An indicator's trend: a line for a ratio, bars for a count or an amount."""
    draw = line_chart if indicator.ratio else bar_chart
    return draw(
        [Series(indicator.name, values)],
        labels,
        title=title or indicator.name,
        fmt=fmt,
        target=indicator.target,
        chart_id=chart_id or f"chart-{indicator.code}",
        whole=not indicator.ratio,
        figure=figure,
        font_family=font_family,
    )


def describe(series: Sequence[Series], labels: Sequence[str], fmt) -> str:
    """The numbers as a sentence: 'Name: I/26 5; II/26 7.'"""
    parts = []
    for one in series:
        points = "; ".join(
            f"{label} {fmt(value)}" for label, value in zip(labels, one.values, strict=True)
        )
        parts.append(f"{one.name}: {points}.")
    return " ".join(parts)


def _plain_or_dash(value: Decimal | None) -> str:
    return "—" if value is None else _plain(value)


def _chart(
    kind: str,
    series: Sequence[Series],
    labels: Sequence[str],
    *,
    title: str,
    fmt: Callable[[Decimal | None], str] = _plain_or_dash,
    target: Decimal | None = None,
    chart_id: str | None = None,
    whole: bool = False,
    width: int = 320,
    height: int = 160,
    figure: bool = True,
    font_family: str = "sans-serif",
) -> SafeString:
    """The <svg> in a <figure> with the numbers' table; `figure=False` gives the <svg> alone
    (the PDF, whose caption carries the numbers), `font_family` the face of its texts (the
    PDF's embedded serif instead of whatever sans-serif the server has)."""
    chart_id = (
        chart_id
        or "chart-"
        + hashlib.sha1(
            repr((title, list(labels), [list(s.values) for s in series])).encode(),
            usedforsecurity=False,  # an id for the page, not a secret
        ).hexdigest()[:10]
    )
    present = [v for one in series for v in one.values if v is not None]
    highest = max([*present, target or Decimal(0), Decimal(0)])
    top, step = scale(Decimal(highest), whole)
    legend = 14 if target is not None else 0  # a line under the axis names the target
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM - legend
    band = plot_w / max(len(labels), 1)

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    def x(index: int) -> float:
        return LEFT + band * (index + 0.5)

    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bw-chart-svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{escape(font_family)}" '
        f'font-size="10">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(series, labels, fmt))}</desc>',
    ]
    tick = Decimal(0)
    while tick <= top:
        svg.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y(tick) + 3:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(compact(tick))}</text>"
        )
        tick += step
    for index, label in enumerate(labels):
        svg.append(
            f'<text x="{x(index):.1f}" y="{height - legend - 6}" text-anchor="middle" '
            f'fill="{INK}">'
            f"{escape(label)}</text>"
        )
    for number_, one in enumerate(series):
        colour = PALETTE[number_ % len(PALETTE)]
        if kind == "bar":
            svg.extend(_bars(one, labels, number_, len(series), band, x, y, colour, fmt))
        else:
            svg.extend(_line(one, labels, x, y, colour, fmt))
    if target is not None:
        # Translated outside the f-string: xgettext does not look inside one.
        target_text = _("Mục tiêu: %(value)s") % {"value": fmt(target)}
        svg.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<line x1="{LEFT}" x2="{LEFT + 18}" y1="{height - 5}" y2="{height - 5}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{LEFT + 22}" y="{height - 2}" fill="{TARGET}">'
            f"{escape(target_text)}</text>"
        )
    svg.append("</svg>")
    if not figure:
        return mark_safe("".join(svg))  # noqa: S308 (every text above went through escape())
    return mark_safe(  # noqa: S308 (every text above went through escape())
        f'<figure class="bw-chart" id="{chart_id}">{"".join(svg)}'
        f"<figcaption>{_table(series, labels, fmt)}</figcaption></figure>"
    )


def _bars(one, labels, number_, count, band, x, y, colour, fmt) -> list[str]:
    width = band * 0.7 / count
    parts = []
    for index, (label, value) in enumerate(zip(labels, one.values, strict=True)):
        if value is None:
            continue
        left = x(index) - band * 0.35 + width * number_
        top, bottom = y(max(value, Decimal(0))), y(Decimal(0))
        parts.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{max(bottom - top, 0):.1f}" fill="{colour}">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
        )
    return parts


def _line(one, labels, x, y, colour, fmt) -> list[str]:
    segments: list[list[str]] = [[]]
    dots = []
    for index, (label, value) in enumerate(zip(labels, one.values, strict=True)):
        if value is None:
            segments.append([])
            continue
        segments[-1].append(f"{x(index):.1f},{y(value):.1f}")
        dots.append(
            f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></circle>"
        )
    lines = [
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"/>'
        for points in segments
        if len(points) > 1
    ]
    return lines + dots


def _table(series, labels, fmt) -> str:
    head = "".join(f'<th scope="col">{escape(one.name)}</th>' for one in series)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f'<td class="text-end">{escape(fmt(one.values[index]))}</td>' for one in series)
        + "</tr>"
        for index, label in enumerate(labels)
    )
    # Translated outside the f-string: xgettext does not look inside one.
    summary, quarter = _("Bảng số liệu"), _("Quý")
    return (
        f'<details class="bw-chart-data"><summary>{escape(summary)}</summary>'
        f'<table class="table table-sm mb-0"><thead><tr><th scope="col">{escape(quarter)}</th>'
        f"{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )
