"""Numbers the way the users write them: 18.000.000 đ, 258,939 km, dates dd/mm/yyyy."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def _group(whole: str) -> str:
    return f"{int(whole):,}".replace(",", ".")


@register.filter
def number(value, decimals: int = 0) -> str:
    """1234567.5 -> '1.234.567,5' (dot thousands, comma decimals)."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    text = f"{amount:.{int(decimals)}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    result = sign + _group(whole.lstrip("-"))
    return f"{result},{fraction}" if fraction else result


@register.filter
def vnd(value) -> str:
    """18000000 -> '18.000.000 đ'."""
    if value is None or value == "":
        return "—"
    return f"{number(value)} đ"
