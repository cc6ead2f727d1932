"""The indicators a commissar reads, in code: what each is and how it is computed.

Each indicator names the query in `sources.py` that computes it for every commune and
quarter at once, and the column of that query's result it takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

from borderwork.indicators.definitions import DEFINITIONS


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    unit_vi: str
    unit_en: str
    source: str  # a query in sources.SOURCES
    column: str  # its numerator column; ratios also have "<column>_of"
    ratio: bool = False  # value = numerator / denominator, in percent
    higher_is_better: bool = True
    target: Decimal | None = None
    key: bool = False  # shown as a card and a status colour on the dashboard
    # Its source can return decimals: rounded to four places per commune. Otherwise its
    # numbers are whole (counts, đồng) and the rebuild adds them up as integers, faster.
    fractional: bool = False
    # What it counts, in plain words (definitions.py): the card's "Cách tính", the export's
    # header notes and the report read it.
    definition_vi: str = ""
    definition_en: str = ""

    @property
    def definition(self) -> str:
        return (
            self.definition_en if (get_language() or "vi").startswith("en") else self.definition_vi
        )

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def unit(self) -> str:
        return self.unit_en if (get_language() or "vi").startswith("en") else self.unit_vi


def _i(code: str, *args, **kwargs) -> Indicator:
    definition_vi, definition_en = DEFINITIONS[code]
    return Indicator(
        code, *args, definition_vi=definition_vi, definition_en=definition_en, **kwargs
    )


CATALOGUE: list[Indicator] = [
    _i(
        "committee_officer",
        "Xã có cán bộ đồn tham gia cấp ủy",
        "Communes with an officer on the party committee",
        "%",
        "%",
        "committee",
        "with_officer",
        ratio=True,
        target=Decimal(100),
        key=True,
    ),
    _i(
        "officers_reinforced",
        "Cán bộ tăng cường cấp ủy xã",
        "Officers reinforced into commune party committees",
        "lượt",
        "seats",
        "assignments",
        "committee",
    ),
    _i(
        "cells_with_bg_member",
        "Chi bộ thôn có đảng viên đồn sinh hoạt",
        "Village party cells with a border-guard party member",
        "%",
        "%",
        "cells",
        "with_member",
        ratio=True,
        target=Decimal(50),
        key=True,
    ),
    _i(
        "council_delegates",
        "Cán bộ đồn là đại biểu HĐND",
        "Officers who are People's Council delegates",
        "lượt",
        "seats",
        "assignments",
        "council",
    ),
    _i(
        "front_members",
        "Cán bộ đồn là ủy viên MTTQ",
        "Officers on Fatherland Front committees",
        "lượt",
        "seats",
        "assignments",
        "front",
    ),
    _i(
        "regulations_in_force",
        "Quy chế phối hợp còn hiệu lực",
        "Coordination regulations in force",
        "quy chế",
        "regulations",
        "regulations",
        "in_force",
    ),
    _i(
        "regulations_due",
        "Quy chế đến hạn sơ kết",
        "Regulations due for review",
        "quy chế",
        "regulations",
        "regulations",
        "due",
        higher_is_better=False,
        target=Decimal(0),
        key=True,
    ),
    _i(
        "party_admissions",
        "Đảng viên mới kết nạp",
        "Party members admitted",
        "người",
        "people",
        "admissions",
        "admitted",
    ),
    _i(
        "cadre_candidates",
        "Nguồn cán bộ mới phát hiện",
        "Cadre-source candidates identified",
        "người",
        "people",
        "candidates",
        "identified",
    ),
    _i(
        "course_participants",
        "Học viên các lớp bồi dưỡng",
        "Course participants",
        "người",
        "people",
        "courses",
        "participants",
    ),
    _i(
        "course_minority",
        "Học viên người dân tộc thiểu số",
        "Course participants from ethnic minorities",
        "người",
        "people",
        "courses",
        "minority",
    ),
    _i(
        "houses",
        "Nhà tặng người nghèo",
        "Houses given",
        "căn",
        "houses",
        "support",
        "houses",
        key=True,
    ),
    _i(
        "cows",
        "Bò giống hỗ trợ",
        "Cows given",
        "con",
        "cows",
        "support",
        "cows",
    ),
    _i(
        "goats",
        "Dê giống hỗ trợ",
        "Goats given",
        "con",
        "goats",
        "support",
        "goats",
    ),
    _i(
        "children",
        "Lượt cháu được hỗ trợ (con nuôi đồn, đỡ đầu)",
        "Child supports given (foster children, sponsorship)",
        "lượt cháu",
        "supports",
        "support",
        "children",
    ),
    _i(
        "support_value",
        "Giá trị hỗ trợ",
        "Value of support",
        "đồng",
        "VND",
        "support",
        "value",
        key=True,
    ),
    _i(
        "collectives",
        "Tập thể tự quản đường biên",
        "Self-management collectives",
        "tập thể",
        "collectives",
        "self_management",
        "collectives",
    ),
    _i(
        "households",
        "Hộ tự quản đường biên",
        "Self-management households",
        "hộ",
        "households",
        "self_management",
        "households",
    ),
    _i(
        "landmarks",
        "Mốc quốc giới được tự quản",
        "Landmarks under self-management",
        "mốc",
        "landmarks",
        "self_management",
        "landmarks",
    ),
    _i(
        "models_recognised",
        "Mô hình Dân vận khéo được công nhận (lũy kế)",
        "Mass-mobilisation models recognised (cumulative)",
        "mô hình",
        "models",
        "models",
        "recognised",
    ),
    _i(
        "poor_rate",
        "Tỷ lệ hộ nghèo",
        "Poor-household rate",
        "%",
        "%",
        "profiles",
        "poor",
        ratio=True,
        higher_is_better=False,
        key=True,
        fractional=True,
    ),
    _i(
        "completeness",
        "Mức đầy đủ dữ liệu của quý",
        "Completeness of the quarter's data",
        "%",
        "%",
        "completeness",
        "present",
        ratio=True,
        target=Decimal(100),
        key=True,
    ),
]

# Every recorded activity visible (issue 16).
CATALOGUE += [
    _i(
        "petitions_received",
        "Kiến nghị cử tri tiếp nhận",
        "Voters' petitions received",
        "kiến nghị",
        "petitions",
        "petitions",
        "received",
    ),
    _i(
        "petitions_resolved",
        "Kiến nghị cử tri đã giải quyết",
        "Voters' petitions resolved",
        "kiến nghị",
        "petitions",
        "petitions",
        "resolved",
    ),
    _i(
        "union_members",
        "Cán bộ đồn tham gia các đoàn thể",
        "Officers in the unions (youth, women, veterans)",
        "lượt",
        "seats",
        "assignments",
        "unions",
    ),
    _i(
        "security_teams",
        "Tổ bảo vệ an ninh, trật tự",
        "Security and order protection teams",
        "tổ",
        "teams",
        "teams",
        "security",
    ),
    _i(
        "reconciliation_teams",
        "Tổ hòa giải ở cơ sở",
        "Reconciliation teams",
        "tổ",
        "teams",
        "teams",
        "reconciliation",
    ),
    _i(
        "propaganda_sessions",
        "Buổi tuyên truyền, phổ biến pháp luật",
        "Propaganda and legal-education sessions",
        "buổi",
        "sessions",
        "activities",
        "sessions",
    ),
    _i(
        "propaganda_attendees",
        "Lượt người dự tuyên truyền",
        "Attendances at propaganda sessions",
        "lượt người",
        "attendances",
        "activities",
        "attendees",
    ),
    _i(
        "prestigious_people",
        "Lượt gặp gỡ người có uy tín",
        "Meetings with prestigious people",
        "lượt người",
        "people met",
        "activities",
        "prestigious",
    ),
    _i(
        "committees_good",
        "Đảng ủy xã hoàn thành tốt nhiệm vụ trở lên",
        "Commune party committees rated good or better",
        "%",
        "%",
        "ratings",
        "committees",
        ratio=True,
    ),
    _i(
        "cells_good",
        "Chi bộ thôn hoàn thành tốt nhiệm vụ trở lên",
        "Village party cells rated good or better",
        "%",
        "%",
        "ratings",
        "cells",
        ratio=True,
    ),
    _i(
        "children_sponsored",
        "Cháu đang được nhận đỡ đầu (con nuôi đồn)",
        "Children sponsored now (station foster children)",
        "cháu",
        "children",
        "sponsored",
        "children",
    ),
    _i(
        "scholarships",
        "Suất học bổng, hỗ trợ học tập",
        "Scholarships and learning support",
        "suất",
        "grants",
        "support",
        "scholarships",
    ),
]

BY_CODE = {indicator.code: indicator for indicator in CATALOGUE}
KEY_INDICATORS = [indicator for indicator in CATALOGUE if indicator.key]
