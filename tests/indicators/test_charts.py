"""The server-drawn SVG charts: the numbers in their text alternative, every text escaped."""

import re
from decimal import Decimal

from borderwork.indicators.catalogue import BY_CODE
from borderwork.indicators.charts import Series, bar_chart, indicator_chart, line_chart, scale
from borderwork.indicators.values import display

LABELS = ["I/25", "II/25", "III/25", "IV/25"]


def test_a_line_chart_lists_every_value_in_its_description_and_its_table():
    svg = line_chart(
        [Series("Xã có cán bộ", [Decimal("50"), None, Decimal("66.7"), Decimal(100)])],
        LABELS,
        title="Xã có cán bộ đồn tham gia cấp ủy",
        fmt=lambda value: display(BY_CODE["committee_officer"], value),
    )

    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert desc == "Xã có cán bộ: I/25 50,0 %; II/25 —; III/25 66,7 %; IV/25 100,0 %."
    assert re.search(r"<title[^>]*>Xã có cán bộ đồn tham gia cấp ủy</title>", svg)
    assert 'role="img"' in svg
    cells = re.findall(r'<td class="text-end">(.*?)</td>', svg)
    assert cells == ["50,0 %", "—", "66,7 %", "100,0 %"]


def test_a_missing_value_breaks_the_line_instead_of_drawing_zero():
    svg = line_chart([Series("A", [Decimal(1), None, Decimal(3), Decimal(4)])], LABELS, title="A")

    assert svg.count("<polyline") == 1  # III/25 to IV/25; I/25 stands alone
    assert svg.count("<circle") == 3


def test_a_bar_chart_draws_one_bar_per_value_with_its_number_as_a_tooltip():
    svg = bar_chart(
        [Series("Nhà", [Decimal(1), Decimal(0), Decimal(7), None])], LABELS, title="Nhà"
    )

    assert svg.count("<rect") == 3
    assert "<title>III/25: 7</title>" in svg


def test_every_text_in_the_chart_is_escaped():
    svg = bar_chart(
        [Series('<script>alert("x")</script>', [Decimal(1)])],
        ["<b>I</b>"],
        title="A & B <i>",
    )

    assert "<script>" not in svg
    assert "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg
    assert "A &amp; B &lt;i&gt;" in svg


def test_an_indicator_with_a_target_draws_it_and_names_it():
    indicator = BY_CODE["completeness"]
    svg = indicator_chart(
        indicator, LABELS, [Decimal(80)] * 4, lambda value: display(indicator, value)
    )

    assert 'stroke-dasharray="4 3"' in svg
    assert "Mục tiêu: 100,0 %" in svg
    assert "<polyline" in svg  # a ratio is a line


def test_money_is_drawn_as_bars_with_short_axis_labels():
    indicator = BY_CODE["support_value"]
    svg = indicator_chart(
        indicator,
        LABELS,
        [Decimal(1_500_000_000), Decimal(0), None, Decimal(400_000_000)],
        lambda value: display(indicator, value),
    )

    assert "<rect" in svg
    assert ">1,5 tỷ</text>" in svg
    assert ">500 tr</text>" in svg
    assert "I/25 1.500.000.000 đ" in svg


def test_the_axis_covers_the_highest_value_in_round_steps():
    assert scale(Decimal(99)) == (Decimal(100), Decimal(25))
    assert scale(Decimal(7)) == (Decimal(8), Decimal(2))
    assert scale(Decimal(0)) == (Decimal(1), Decimal("0.25"))
    top, step = scale(Decimal(1_234_567))
    assert top >= 1_234_567 and top / step <= 5
