"""What each indicator counts, in plain words: the card's "Cách tính", the export's header
notes and the report read it (`catalogue.Indicator.definition`).

Stock at the quarter's end, flow within it or cumulative; which communes; seats or people;
weighted how. Keyed by the indicator's code; Vietnamese, then English.
"""

DEFINITIONS: dict[str, tuple[str, str]] = {
    "committee_officer": (
        (
            "Số tại ngày cuối quý. Tỷ lệ xã biên giới (các xã biên giới còn tồn tại vào ngày "
            "cuối quý) có ít nhất một cán bộ đồn đang tham gia cấp ủy xã vào ngày đó. Của đồn, "
            "tỉnh: tổng số xã có cán bộ chia tổng số xã biên giới, không phải bình quân các tỷ "
            "lệ."
        ),
        (
            "Stock at the quarter's end. Share of border communes (those existing on the "
            "quarter's last day) with at least one station officer serving on the commune party"
            " committee that day. For a station or province: communes with one over all border "
            "communes, not an average of rates."
        ),
    ),
    "officers_reinforced": (
        (
            "Số tại ngày cuối quý. Số lượt cán bộ đồn đang tham gia cấp ủy xã vào ngày cuối "
            "quý, ở mọi xã, phường (không chỉ xã biên giới). Tính theo chỗ: một cán bộ tham gia"
            " cấp ủy của hai xã được tính hai lượt, nên số lượt có thể lớn hơn số người."
        ),
        (
            "Stock at the quarter's end. Seats on commune party committees held by station "
            "officers on the quarter's last day, in every commune and ward (not only border "
            "ones). Counted by seat: an officer on two communes' committees counts twice, so "
            "seats can exceed people."
        ),
    ),
    "cells_with_bg_member": (
        (
            "Số tại ngày cuối quý. Tỷ lệ chi bộ thôn, bản của các xã, phường còn tồn tại vào "
            "ngày cuối quý có đảng viên đồn đang sinh hoạt vào ngày đó. Của đồn, tỉnh: tổng số "
            "chi bộ có đảng viên đồn chia tổng số chi bộ, không phải bình quân các tỷ lệ."
        ),
        (
            "Stock at the quarter's end. Share of village party cells, in communes and wards "
            "existing on the quarter's last day, with a station party member active in them "
            "that day. For a station or province: cells with one over all cells, not an average"
            " of rates."
        ),
    ),
    "council_delegates": (
        (
            "Số tại ngày cuối quý. Số lượt cán bộ đồn đang là đại biểu Hội đồng nhân dân xã vào"
            " ngày cuối quý, ở mọi xã, phường; một cán bộ là đại biểu ở hai xã được tính hai "
            "lượt."
        ),
        (
            "Stock at the quarter's end. Seats of station officers as commune People's Council "
            "delegates on the quarter's last day, in every commune and ward; an officer "
            "delegate in two communes counts twice."
        ),
    ),
    "front_members": (
        (
            "Số tại ngày cuối quý. Số lượt cán bộ đồn đang là ủy viên Ủy ban Mặt trận Tổ quốc "
            "xã vào ngày cuối quý, ở mọi xã, phường; một cán bộ ở hai xã được tính hai lượt."
        ),
        (
            "Stock at the quarter's end. Seats of station officers on commune Fatherland Front "
            "committees on the quarter's last day, in every commune and ward; an officer in two"
            " communes counts twice."
        ),
    ),
    "regulations_in_force": (
        (
            "Số tại ngày cuối quý. Số quy chế phối hợp đã ký và chưa hết hiệu lực vào ngày cuối"
            " quý, của các xã, phường còn tồn tại vào ngày đó (mọi xã, phường)."
        ),
        (
            "Stock at the quarter's end. Coordination regulations signed and not expired on the"
            " quarter's last day, of communes and wards existing that day (every commune and "
            "ward)."
        ),
    ),
    "regulations_due": (
        (
            "Số tại ngày cuối quý. Số quy chế còn hiệu lực vào ngày cuối quý mà hạn sơ kết, "
            "tổng kết, như hồ sơ ghi vào ngày đó, đã đến hoặc đã qua: một lần sơ kết tổ chức "
            "sau ngày cuối quý không làm thay đổi số của quý đã qua. Khác danh sách «Cần xử lý»"
            " bên cạnh: danh sách là việc của hôm nay, gồm các quy chế đang có hiệu lực đến hạn"
            " trong 60 ngày tới hoặc đã quá hạn."
        ),
        (
            "Stock at the quarter's end. Regulations in force on the quarter's last day whose "
            "review date, as recorded that day, had come or passed: a review held after the "
            "quarter ended does not change that quarter. Unlike the gap list beside it, which "
            "is today's work: regulations in force due within 60 days or overdue."
        ),
    ),
    "party_admissions": (
        (
            "Phát sinh trong quý. Số người được kết nạp vào Đảng có ngày kết nạp trong quý, ở "
            "mọi xã, phường."
        ),
        (
            "Flow within the quarter. People admitted to the Party with an admission date in "
            "the quarter, in every commune and ward."
        ),
    ),
    "cadre_candidates": (
        (
            "Phát sinh trong quý. Số người được phát hiện, đưa vào nguồn cán bộ có ngày phát "
            "hiện trong quý, ở mọi xã, phường."
        ),
        (
            "Flow within the quarter. People identified as cadre source with an identification "
            "date in the quarter, in every commune and ward."
        ),
    ),
    "course_participants": (
        (
            "Phát sinh trong quý. Số học viên của các lớp bồi dưỡng khai giảng trong quý, tính "
            "ở xã, phường nơi học viên đến (xã mở lớp khi hồ sơ học viên không ghi xã)."
        ),
        (
            "Flow within the quarter. Participants of courses that started in the quarter, "
            "counted at the commune they come from (the host commune when none is recorded)."
        ),
    ),
    "course_minority": (
        (
            "Phát sinh trong quý. Trong số học viên trên, những người thuộc dân tộc thiểu số, "
            "tính như trên."
        ),
        (
            "Flow within the quarter. Of those participants, the ones from an ethnic minority, "
            "counted the same way."
        ),
    ),
    "houses": (
        (
            "Phát sinh trong quý. Số nhà tặng hộ nghèo ghi trong các lần hỗ trợ trao trong quý,"
            " ở mọi xã, phường."
        ),
        (
            "Flow within the quarter. Houses given to poor households in support records given "
            "in the quarter, in every commune and ward."
        ),
    ),
    "cows": (
        (
            "Phát sinh trong quý. Số bò giống ghi trong các lần hỗ trợ trao trong quý, ở mọi "
            "xã, phường."
        ),
        (
            "Flow within the quarter. Breeding cows in support records given in the quarter, in"
            " every commune and ward."
        ),
    ),
    "goats": (
        (
            "Phát sinh trong quý. Số dê giống ghi trong các lần hỗ trợ trao trong quý, ở mọi "
            "xã, phường."
        ),
        (
            "Flow within the quarter. Breeding goats in support records given in the quarter, "
            "in every commune and ward."
        ),
    ),
    "children": (
        (
            "Phát sinh trong quý. Số lượt cháu được hỗ trợ trong quý theo các chương trình «Con"
            " nuôi đồn Biên phòng», «Nâng bước em tới trường», ở mọi xã, phường: là số cháu ghi"
            " trong các lần hỗ trợ trao trong quý, không phải số cháu đang được đỡ đầu; một "
            "cháu được hỗ trợ hai lần trong quý tính hai lượt."
        ),
        (
            "Flow within the quarter. Child supports given in the quarter under the foster-"
            "children and sponsorship programmes, in every commune and ward: the children named"
            " in support records given in the quarter, not the children sponsored now; a child "
            "supported twice in the quarter counts twice."
        ),
    ),
    "support_value": (
        (
            "Phát sinh trong quý. Tổng giá trị (đồng) các lần hỗ trợ trao trong quý, mọi chương"
            " trình, ở mọi xã, phường."
        ),
        (
            "Flow within the quarter. Total value (VND) of the support given in the quarter, "
            "every programme, in every commune and ward."
        ),
    ),
    "collectives": (
        (
            "Số tại ngày cuối quý. Số tập thể đã đăng ký và còn tham gia tự quản đường biên, "
            "mốc quốc giới vào ngày cuối quý, ở mọi xã, phường; tập thể của xã đã sáp nhập được"
            " tính cho xã nhận sáp nhập."
        ),
        (
            "Stock at the quarter's end. Collectives registered and still self-managing the "
            "border on the quarter's last day, in every commune and ward; those of a merged "
            "commune count at the commune it merged into."
        ),
    ),
    "households": (
        (
            "Số tại ngày cuối quý. Số hộ gia đình đã đăng ký và còn tham gia tự quản đường "
            "biên, mốc quốc giới vào ngày cuối quý, ở mọi xã, phường; hộ của xã đã sáp nhập "
            "được tính cho xã nhận sáp nhập."
        ),
        (
            "Stock at the quarter's end. Households registered and still self-managing the "
            "border on the quarter's last day, in every commune and ward; those of a merged "
            "commune count at the commune it merged into."
        ),
    ),
    "landmarks": (
        (
            "Số tại ngày cuối quý. Số mốc quốc giới có tập thể hoặc hộ đang tự quản vào ngày "
            "cuối quý, mỗi mốc một lần trong một xã."
        ),
        (
            "Stock at the quarter's end. Border landmarks under a collective's or household's "
            "self-management on the quarter's last day, each once per commune."
        ),
    ),
    "models_recognised": (
        (
            "Lũy kế đến cuối quý. Số mô hình «Dân vận khéo» đã được công nhận từ năm công nhận "
            "đến hết quý (không phải số được công nhận trong quý), ở mọi xã, phường."
        ),
        (
            "Cumulative to the quarter's end. Mass-mobilisation models recognised in or before "
            "the quarter's year and started by its end (not those recognised in the quarter), "
            "in every commune and ward."
        ),
    ),
    "poor_rate": (
        (
            "Theo hồ sơ năm. Tỷ lệ hộ nghèo của cả địa bàn: tổng số hộ nghèo chia tổng số hộ, "
            "theo hồ sơ năm của các xã, phường còn tồn tại vào ngày cuối quý. Là tỷ lệ tính "
            "theo số hộ, không phải bình quân tỷ lệ của các xã."
        ),
        (
            "From the yearly profiles. The poor-household rate of the whole area: poor "
            "households over all households, from the yearly profiles of communes and wards "
            "existing on the quarter's last day. Weighted by households, not an average of the "
            "communes' rates."
        ),
    ),
    "completeness": (
        (
            "Trong quý. Mỗi xã biên giới còn tồn tại vào ngày cuối quý cần có năm phần: hồ sơ "
            "xã của năm, ít nhất một lần hỗ trợ trong quý, ít nhất một hoạt động trong quý, cán"
            " bộ đồn trong cấp ủy vào ngày cuối quý, một quy chế phối hợp còn hiệu lực vào ngày"
            " cuối quý. Tỷ lệ là số phần có chia năm lần số xã."
        ),
        (
            "Within the quarter. Each border commune existing on the quarter's last day should "
            "have five things: its profile for the year, at least one support record in the "
            "quarter, at least one activity in the quarter, a station officer on its committee "
            "at the quarter's end, a regulation in force at the quarter's end. The rate is the "
            "parts present over five times the communes."
        ),
    ),
}
