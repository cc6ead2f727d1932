"""The indicators a commissar reads, in code: what each is and how it is computed.

Each indicator names the query in `sources.py` that computes it for every commune and
quarter at once, and the column of that query's result it takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language


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
    # What it counts, in plain words, written once here: the card's "Cách tính", the export's
    # header notes and the report read it. Stock at the quarter's end or flow within it,
    # which communes, seats or people, weighted how.
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


def _i(*args, **kwargs) -> Indicator:
    return Indicator(*args, **kwargs)


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
        definition_vi=(
            "Số tại ngày cuối quý. Tỷ lệ xã biên giới (các xã biên giới còn tồn tại vào ngày cuối"
            " quý) có ít nhất một cán bộ đồn đang tham gia cấp ủy xã vào ngày đó. Của đồn, "
            "tỉnh: tổng số xã có cán bộ chia tổng số xã biên giới, không phải bình quân các "
            "tỷ lệ."
        ),
        definition_en=(
            "Stock at the quarter's end. Share of border communes (those existing on the "
            "quarter's last day) with at least one station officer serving on the commune "
            "party committee that day. For a station or province: communes with one over all "
            "border communes, not an average of rates."
        ),
    ),
    _i(
        "officers_reinforced",
        "Cán bộ tăng cường cấp ủy xã",
        "Officers reinforced into commune party committees",
        "lượt",
        "seats",
        "assignments",
        "committee",
        definition_vi=(
            "Số tại ngày cuối quý. Số lượt cán bộ đồn đang tham gia cấp ủy xã vào ngày cuối quý, "
            "ở mọi xã, phường (không chỉ xã biên giới). Tính theo chỗ: một cán bộ tham gia "
            "cấp ủy của hai xã được tính hai lượt, nên số lượt có thể lớn hơn số người."
        ),
        definition_en=(
            "Stock at the quarter's end. Seats on commune party committees held by station "
            "officers on the quarter's last day, in every commune and ward (not only border "
            "ones). Counted by seat: an officer on two communes' committees counts twice, so "
            "seats can exceed people."
        ),
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
        definition_vi=(
            "Số tại ngày cuối quý. Tỷ lệ chi bộ thôn, bản của các xã, phường còn tồn tại vào ngày"
            " cuối quý có đảng viên đồn đang sinh hoạt vào ngày đó. Của đồn, tỉnh: tổng số "
            "chi bộ có đảng viên đồn chia tổng số chi bộ, không phải bình quân các tỷ lệ."
        ),
        definition_en=(
            "Stock at the quarter's end. Share of village party cells, in communes and wards "
            "existing on the quarter's last day, with a station party member active in them "
            "that day. For a station or province: cells with one over all cells, not an "
            "average of rates."
        ),
    ),
    _i(
        "council_delegates",
        "Cán bộ đồn là đại biểu HĐND",
        "Officers who are People's Council delegates",
        "lượt",
        "seats",
        "assignments",
        "council",
        definition_vi=(
            "Số tại ngày cuối quý. Số lượt cán bộ đồn đang là đại biểu Hội đồng nhân dân xã vào "
            "ngày cuối quý, ở mọi xã, phường; một cán bộ là đại biểu ở hai xã được tính hai "
            "lượt."
        ),
        definition_en=(
            "Stock at the quarter's end. Seats of station officers as commune People's "
            "Council delegates on the quarter's last day, in every commune and ward; an "
            "officer delegate in two communes counts twice."
        ),
    ),
    _i(
        "front_members",
        "Cán bộ đồn là ủy viên MTTQ",
        "Officers on Fatherland Front committees",
        "lượt",
        "seats",
        "assignments",
        "front",
        definition_vi=(
            "Số tại ngày cuối quý. Số lượt cán bộ đồn đang là ủy viên Ủy ban Mặt trận Tổ quốc xã "
            "vào ngày cuối quý, ở mọi xã, phường; một cán bộ ở hai xã được tính hai lượt."
        ),
        definition_en=(
            "Stock at the quarter's end. Seats of station officers on commune Fatherland "
            "Front committees on the quarter's last day, in every commune and ward; an "
            "officer in two communes counts twice."
        ),
    ),
    _i(
        "regulations_in_force",
        "Quy chế phối hợp còn hiệu lực",
        "Coordination regulations in force",
        "quy chế",
        "regulations",
        "regulations",
        "in_force",
        definition_vi=(
            "Số tại ngày cuối quý. Số quy chế phối hợp đã ký và chưa hết hiệu lực vào ngày cuối "
            "quý, của các xã, phường còn tồn tại vào ngày đó (mọi xã, phường)."
        ),
        definition_en=(
            "Stock at the quarter's end. Coordination regulations signed and not expired on "
            "the quarter's last day, of communes and wards existing that day (every commune "
            "and ward)."
        ),
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
        definition_vi=(
            "Số tại ngày cuối quý. Số quy chế còn hiệu lực vào ngày cuối quý mà hạn sơ kết, tổng "
            "kết, như hồ sơ ghi vào ngày đó, đã đến hoặc đã qua: một lần sơ kết tổ chức sau "
            "ngày cuối quý không làm thay đổi số của quý đã qua. Khác danh sách «Cần xử lý» "
            "bên cạnh: danh sách là việc của hôm nay, gồm các quy chế đang có hiệu lực đến "
            "hạn trong 60 ngày tới hoặc đã quá hạn."
        ),
        definition_en=(
            "Stock at the quarter's end. Regulations in force on the quarter's last day whose"
            " review date, as recorded that day, had come or passed: a review held after the "
            "quarter ended does not change that quarter. Unlike the gap list beside it, which"
            " is today's work: regulations in force due within 60 days or overdue."
        ),
    ),
    _i(
        "party_admissions",
        "Đảng viên mới kết nạp",
        "Party members admitted",
        "người",
        "people",
        "admissions",
        "admitted",
        definition_vi=(
            "Phát sinh trong quý. Số người được kết nạp vào Đảng có ngày kết nạp trong quý, ở"
            " mọi xã, phường."
        ),
        definition_en=(
            "Flow within the quarter. People admitted to the Party with an admission date in "
            "the quarter, in every commune and ward."
        ),
    ),
    _i(
        "cadre_candidates",
        "Nguồn cán bộ mới phát hiện",
        "Cadre-source candidates identified",
        "người",
        "people",
        "candidates",
        "identified",
        definition_vi=(
            "Phát sinh trong quý. Số người được phát hiện, đưa vào nguồn cán bộ có ngày phát "
            "hiện trong quý, ở mọi xã, phường."
        ),
        definition_en=(
            "Flow within the quarter. People identified as cadre source with an "
            "identification date in the quarter, in every commune and ward."
        ),
    ),
    _i(
        "course_participants",
        "Học viên các lớp bồi dưỡng",
        "Course participants",
        "người",
        "people",
        "courses",
        "participants",
        definition_vi=(
            "Phát sinh trong quý. Số học viên của các lớp bồi dưỡng khai giảng trong quý, "
            "tính ở xã, phường nơi học viên đến (xã mở lớp khi hồ sơ học viên không ghi xã)."
        ),
        definition_en=(
            "Flow within the quarter. Participants of courses that started in the quarter, "
            "counted at the commune they come from (the host commune when none is recorded)."
        ),
    ),
    _i(
        "course_minority",
        "Học viên người dân tộc thiểu số",
        "Course participants from ethnic minorities",
        "người",
        "people",
        "courses",
        "minority",
        definition_vi=(
            "Phát sinh trong quý. Trong số học viên trên, những người thuộc dân tộc thiểu số,"
            " tính như trên."
        ),
        definition_en=(
            "Flow within the quarter. Of those participants, the ones from an ethnic "
            "minority, counted the same way."
        ),
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
        definition_vi=(
            "Phát sinh trong quý. Số nhà tặng hộ nghèo ghi trong các lần hỗ trợ trao trong "
            "quý, ở mọi xã, phường."
        ),
        definition_en=(
            "Flow within the quarter. Houses given to poor households in support records "
            "given in the quarter, in every commune and ward."
        ),
    ),
    _i(
        "cows",
        "Bò giống hỗ trợ",
        "Cows given",
        "con",
        "cows",
        "support",
        "cows",
        definition_vi=(
            "Phát sinh trong quý. Số bò giống ghi trong các lần hỗ trợ trao trong quý, ở mọi "
            "xã, phường."
        ),
        definition_en=(
            "Flow within the quarter. Breeding cows in support records given in the quarter, "
            "in every commune and ward."
        ),
    ),
    _i(
        "goats",
        "Dê giống hỗ trợ",
        "Goats given",
        "con",
        "goats",
        "support",
        "goats",
        definition_vi=(
            "Phát sinh trong quý. Số dê giống ghi trong các lần hỗ trợ trao trong quý, ở mọi "
            "xã, phường."
        ),
        definition_en=(
            "Flow within the quarter. Breeding goats in support records given in the quarter,"
            " in every commune and ward."
        ),
    ),
    _i(
        "children",
        "Lượt cháu được hỗ trợ (con nuôi đồn, đỡ đầu)",
        "Child supports given (foster children, sponsorship)",
        "lượt cháu",
        "supports",
        "support",
        "children",
        definition_vi=(
            "Phát sinh trong quý. Số lượt cháu được hỗ trợ trong quý theo các chương trình "
            "«Con nuôi đồn Biên phòng», «Nâng bước em tới trường», ở mọi xã, phường: là số "
            "cháu ghi trong các lần hỗ trợ trao trong quý, không phải số cháu đang được đỡ "
            "đầu; một cháu được hỗ trợ hai lần trong quý tính hai lượt."
        ),
        definition_en=(
            "Flow within the quarter. Child supports given in the quarter under the "
            "foster-children and sponsorship programmes, in every commune and ward: the "
            "children named in support records given in the quarter, not the children "
            "sponsored now; a child supported twice in the quarter counts twice."
        ),
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
        definition_vi=(
            "Phát sinh trong quý. Tổng giá trị (đồng) các lần hỗ trợ trao trong quý, mọi "
            "chương trình, ở mọi xã, phường."
        ),
        definition_en=(
            "Flow within the quarter. Total value (VND) of the support given in the quarter, "
            "every programme, in every commune and ward."
        ),
    ),
    _i(
        "collectives",
        "Tập thể tự quản đường biên",
        "Self-management collectives",
        "tập thể",
        "collectives",
        "self_management",
        "collectives",
        definition_vi=(
            "Số tại ngày cuối quý. Số tập thể đã đăng ký và còn tham gia tự quản đường biên, mốc "
            "quốc giới vào ngày cuối quý, ở mọi xã, phường; tập thể của xã đã sáp nhập được "
            "tính cho xã nhận sáp nhập."
        ),
        definition_en=(
            "Stock at the quarter's end. Collectives registered and still self-managing the "
            "border on the quarter's last day, in every commune and ward; those of a merged "
            "commune count at the commune it merged into."
        ),
    ),
    _i(
        "households",
        "Hộ tự quản đường biên",
        "Self-management households",
        "hộ",
        "households",
        "self_management",
        "households",
        definition_vi=(
            "Số tại ngày cuối quý. Số hộ gia đình đã đăng ký và còn tham gia tự quản đường biên, "
            "mốc quốc giới vào ngày cuối quý, ở mọi xã, phường; hộ của xã đã sáp nhập được "
            "tính cho xã nhận sáp nhập."
        ),
        definition_en=(
            "Stock at the quarter's end. Households registered and still self-managing the "
            "border on the quarter's last day, in every commune and ward; those of a merged "
            "commune count at the commune it merged into."
        ),
    ),
    _i(
        "landmarks",
        "Mốc quốc giới được tự quản",
        "Landmarks under self-management",
        "mốc",
        "landmarks",
        "self_management",
        "landmarks",
        definition_vi=(
            "Số tại ngày cuối quý. Số mốc quốc giới có tập thể hoặc hộ đang tự quản vào ngày cuối"
            " quý, mỗi mốc một lần trong một xã."
        ),
        definition_en=(
            "Stock at the quarter's end. Border landmarks under a collective's or household's"
            " self-management on the quarter's last day, each once per commune."
        ),
    ),
    _i(
        "models_recognised",
        "Mô hình Dân vận khéo được công nhận (lũy kế)",
        "Mass-mobilisation models recognised (cumulative)",
        "mô hình",
        "models",
        "models",
        "recognised",
        definition_vi=(
            "Lũy kế đến cuối quý. Số mô hình «Dân vận khéo» đã được công nhận từ năm công "
            "nhận đến hết quý (không phải số được công nhận trong quý), ở mọi xã, phường."
        ),
        definition_en=(
            "Cumulative to the quarter's end. Mass-mobilisation models recognised in or "
            "before the quarter's year and started by its end (not those recognised in the "
            "quarter), in every commune and ward."
        ),
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
        definition_vi=(
            "Theo hồ sơ năm. Tỷ lệ hộ nghèo của cả địa bàn: tổng số hộ nghèo chia tổng số hộ,"
            " theo hồ sơ năm của các xã, phường còn tồn tại vào ngày cuối quý. Là tỷ lệ tính "
            "theo số hộ, không phải bình quân tỷ lệ của các xã."
        ),
        definition_en=(
            "From the yearly profiles. The poor-household rate of the whole area: poor "
            "households over all households, from the yearly profiles of communes and wards "
            "existing on the quarter's last day. Weighted by households, not an average of "
            "the communes' rates."
        ),
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
        definition_vi=(
            "Trong quý. Mỗi xã biên giới còn tồn tại vào ngày cuối quý cần có năm phần: hồ sơ"
            " xã của năm, ít nhất một lần hỗ trợ trong quý, ít nhất một hoạt động trong quý, "
            "cán bộ đồn trong cấp ủy vào ngày cuối quý, một quy chế phối hợp còn hiệu lực vào"
            " ngày cuối quý. Tỷ lệ là số phần có chia năm lần số xã."
        ),
        definition_en=(
            "Within the quarter. Each border commune existing on the quarter's last day "
            "should have five things: its profile for the year, at least one support record "
            "in the quarter, at least one activity in the quarter, a station officer on its "
            "committee at the quarter's end, a regulation in force at the quarter's end. The "
            "rate is the parts present over five times the communes."
        ),
    ),
]

BY_CODE = {indicator.code: indicator for indicator in CATALOGUE}
KEY_INDICATORS = [indicator for indicator in CATALOGUE if indicator.key]
