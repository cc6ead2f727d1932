"""Template filters that show indicator values the way `values.display` writes them."""

from django import template

from borderwork.indicators import values

register = template.Library()


@register.filter
def shown(value, indicator) -> str:
    """{{ value|shown:indicator }} -> '66,7 %', '18.000.000 đ', '12'."""
    return values.display(indicator, value)


@register.filter
def change(value, indicator) -> str:
    """{{ figure.change_quarter|change:figure.indicator }} -> '+3', '−2,5 điểm %'."""
    return values.display_change(indicator, value)
