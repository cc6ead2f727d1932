"""The report's table of the year's targets: "Chỉ tiêu năm / Thực hiện / Tỷ lệ hoàn thành".

Self-contained: it reads only the `targets` part of a report's figures
(`indicators.progress.as_json`), so a report frozen before targets existed has no such table.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from borderwork.indicators.catalogue import BY_CODE
from borderwork.indicators.values import figure, rounded
from borderwork.periods import Quarter
from borderwork.reports.tables import ReportTable
from borderwork.templatetags.borderwork_tags import number


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _rate(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def caption(data: dict) -> str:
    """'Thực hiện chỉ tiêu năm 2025 (đến hết Quý II/2025)'."""
    targets = data["targets"]
    through = Quarter(*targets["through"])
    return f"Thực hiện chỉ tiêu năm {targets['year']} (đến hết {through.label})"


def target_table(data: dict) -> ReportTable | None:
    """A row per indicator with a target: the year's target, done so far, the rate of
    completion; a target the unit did not set is the catalogue's, marked '(mặc định)'."""
    targets = data.get("targets")
    if not targets or not targets["rows"]:
        return None
    rows, raw = [], []
    for index, row in enumerate(targets["rows"], 1):
        indicator = BY_CODE.get(row["code"])
        if indicator is None:  # an indicator since taken out of the catalogue
            continue
        target, actual = _decimal(row["target"]), _decimal(row["actual"])
        rate = _rate(_decimal(row["rate"]))
        name = indicator.name_vi + ("" if row["set"] else " (mặc định)")
        rows.append(
            [
                str(index),
                name,
                indicator.unit_vi,
                figure(indicator, target),
                figure(indicator, actual),
                "—" if rate is None else f"{number(rate, 1)}%",
            ]
        )
        shown = rounded(indicator, actual)
        raw.append(
            [
                index,
                name,
                indicator.unit_vi,
                float(target),
                None if shown is None else float(shown),
                None if rate is None else float(rate),
            ]
        )
    return ReportTable(
        caption(data),
        ["TT", "Chỉ tiêu", "Đơn vị", "Chỉ tiêu năm", "Thực hiện", "Tỷ lệ hoàn thành"],
        [True, False, False, True, True, True],
        rows,
        raw,
    )
