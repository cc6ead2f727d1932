"""Template filters that show indicator values the way `values.display` writes them."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from borderwork.indicators import values
from borderwork.indicators.values import Status

register = template.Library()


@register.filter
def shown(value, indicator) -> str:
    """{{ value|shown:indicator }} -> '66,7 %', '18.000.000 đ', '12'."""
    return values.display(indicator, value)


@register.filter
def target_of(plan, indicator) -> str:
    """{{ plan|target_of:indicator }}: the unit's target for the year (its approved one, else
    the catalogue's) as shown, '—' without one."""
    target = plan.target(indicator.code) if plan is not None else indicator.target
    return "—" if target is None else values.display(indicator, target)


@register.filter
def change(value, indicator) -> str:
    """{{ figure.change_quarter|change:figure.indicator }} -> '+3', '−2,5 điểm phần trăm'."""
    return values.display_change(indicator, value)


@register.filter
def unit_cells(row) -> SafeString:
    """{{ row|unit_cells }}: a child unit's <td>s, its value with its status as a colour and,
    for screen readers, in words.

    In Python rather than a template loop, and with the standard library's escape rather
    than format_html, for speed (benchmarks/README.md).
    """
    labels: dict[str, str] = {}
    parts = []
    for cell in row.cells:
        state = cell.status
        said = ""
        if state != Status.NONE:
            if state not in labels:
                labels[state] = escape(str(Status.LABELS[state]))
            said = f'<span class="visually-hidden"> ({labels[state]})</span>'
        parts.append(
            f'<td class="text-end text-nowrap bw-cell bw-cell-{state}" '
            f'data-indicator="{escape(cell.indicator.code)}"><span class="bw-dot" '
            f'aria-hidden="true"></span>{escape(values.display(cell.indicator, cell.value))}'
            f"{said}</td>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every text above went through escape())
