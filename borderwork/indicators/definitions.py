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

# Every recorded activity visible (issue 16): petitions, unions, the security and
# reconciliation teams, propaganda, ratings, the children sponsored now, scholarships.
DEFINITIONS.update(
    {
        "petitions_received": (
            (
                "Phát sinh trong quý. Số kiến nghị của cử tri mà cán bộ đồn là đại biểu HĐND cấp "
                "xã tiếp nhận, có ngày tiếp nhận trong quý, tính ở xã của đại biểu (kiến nghị "
                "của đại biểu cấp huyện không tính)."
            ),
            (
                "Flow within the quarter. Voters' petitions taken up by officers who are commune "
                "People's Council delegates, received in the quarter, counted at the delegate's "
                "commune (district delegates' petitions are not counted)."
            ),
        ),
        "petitions_resolved": (
            (
                "Phát sinh trong quý. Số kiến nghị như trên có ngày giải quyết trong quý và tình "
                "trạng «Đã giải quyết» hoặc «Đã giải thích, trả lời», dù được tiếp nhận ở quý "
                "nào; kiến nghị mới chuyển cơ quan có thẩm quyền chưa tính."
            ),
            (
                "Flow within the quarter. Those petitions resolved in the quarter (status "
                "resolved, or explained and answered), whenever they were received; those only "
                "forwarded to the competent body are not counted yet."
            ),
        ),
        "union_members": (
            (
                "Số tại ngày cuối quý. Số lượt cán bộ đồn đang tham gia Đoàn Thanh niên, Hội Liên "
                "hiệp Phụ nữ, Hội Cựu chiến binh xã vào ngày cuối quý, ở mọi xã, phường; một cán "
                "bộ tham gia hai đoàn thể được tính hai lượt."
            ),
            (
                "Stock at the quarter's end. Seats of station officers in the commune Youth "
                "Union, Women's Union and Veterans' Association on the quarter's last day, in "
                "every commune and ward; an officer in two unions counts twice."
            ),
        ),
        "security_teams": (
            (
                "Số tại ngày cuối quý. Số Tổ bảo vệ an ninh, trật tự ở thôn, ấp, bản (tên gọi từ "
                "01/07/2024 theo Luật số 30/2023/QH15, trước là tổ an ninh thôn, công an viên) đã "
                "thành lập và còn hoạt động vào ngày cuối quý, ở mọi xã, phường. Không tính vào "
                "phong trào tự quản đường biên, mốc quốc giới."
            ),
            (
                "Stock at the quarter's end. Grassroots security and order protection teams "
                "(their name since 1 July 2024 under Law 30/2023/QH15; formerly village security "
                "teams) formed and active on the quarter's last day, in every commune and ward. "
                "Not part of the self-management of the border."
            ),
        ),
        "reconciliation_teams": (
            (
                "Số tại ngày cuối quý. Số tổ hòa giải ở cơ sở đã thành lập và còn hoạt động vào "
                "ngày cuối quý, ở mọi xã, phường. Không tính vào phong trào tự quản đường biên, "
                "mốc quốc giới."
            ),
            (
                "Stock at the quarter's end. Grassroots reconciliation teams formed and active on "
                "the quarter's last day, in every commune and ward. Not part of the "
                "self-management of the border."
            ),
        ),
        "propaganda_sessions": (
            (
                "Phát sinh trong quý. Tổng số buổi của các hoạt động «Tuyên truyền, phổ biến "
                "pháp luật» thực hiện trong quý, ở mọi xã, phường."
            ),
            (
                "Flow within the quarter. Sessions of the propaganda and legal-education "
                "activities held in the quarter, in every commune and ward."
            ),
        ),
        "propaganda_attendees": (
            (
                "Phát sinh trong quý. Tổng số lượt người dự các buổi tuyên truyền, phổ biến pháp "
                "luật thực hiện trong quý, ở mọi xã, phường; một người dự hai buổi tính hai lượt."
            ),
            (
                "Flow within the quarter. Attendances at the propaganda and legal-education "
                "sessions held in the quarter, in every commune and ward; a person at two "
                "sessions counts twice."
            ),
        ),
        "prestigious_people": (
            (
                "Phát sinh trong quý. Tổng số lượt người có uy tín trong đồng bào dân tộc thiểu "
                "số được gặp gỡ, trao đổi trong các hoạt động thực hiện trong quý, mọi hình "
                "thức, ở mọi xã, phường."
            ),
            (
                "Flow within the quarter. Prestigious people of ethnic-minority communities met "
                "in the activities held in the quarter, every kind, in every commune and ward, "
                "counted once per activity."
            ),
        ),
        "committees_good": (
            (
                "Theo xếp loại năm. Tỷ lệ Đảng ủy xã được xếp loại «Hoàn thành tốt nhiệm vụ» trở "
                "lên trong năm của quý, trên số Đảng ủy xã đã được xếp loại năm đó, của các xã, "
                "phường còn tồn tại vào ngày cuối quý; trống cho đến khi có xếp loại của năm. Của "
                "đồn, tỉnh: tổng số chia tổng số, không phải bình quân các tỷ lệ."
            ),
            (
                "From the yearly ratings. Share of commune party committees rated «good» or "
                "«excellent» for the quarter's year, over those rated for that year, in communes "
                "and wards existing on the quarter's last day; empty until the year is rated. "
                "For a station or province: sums over sums, not an average of rates."
            ),
        ),
        "cells_good": (
            (
                "Theo xếp loại năm. Tỷ lệ chi bộ thôn, ấp, bản được xếp loại «Hoàn thành tốt "
                "nhiệm vụ» trở lên trong năm của quý, trên số chi bộ đã được xếp loại năm đó, "
                "của các chi bộ còn tồn tại vào ngày cuối quý ở các xã, phường còn tồn tại vào "
                "ngày đó; trống cho đến khi có xếp loại của "
                "năm. Của đồn, tỉnh: tổng số chia tổng số, không phải bình quân các tỷ lệ."
            ),
            (
                "From the yearly ratings. Share of village party cells rated «good» or "
                "«excellent» for the quarter's year, over the cells rated for that year, among "
                "cells existing on the quarter's last day in communes existing then; empty "
                "until the year is rated. For a station or province: sums over sums, not an "
                "average of rates."
            ),
        ),
        "children_sponsored": (
            (
                "Số tại ngày cuối quý. Số cháu đang được nhận đỡ đầu («Con nuôi đồn Biên "
                "phòng») vào ngày cuối quý, ở mọi xã, phường: số cháu ghi trong các lần hỗ trợ "
                "của chương trình nhận đỡ đầu dài hạn trao đến ngày đó, trừ những lần đã có theo "
                "dõi «Đã kết thúc» đến ngày đó. Khác «Lượt cháu được hỗ trợ»: đó là các lần hỗ "
                "trợ trao trong quý."
            ),
            (
                "Stock at the quarter's end. Children sponsored («Foster children of the Border "
                "Guard station») on the quarter's last day, in every commune and ward: the "
                "children in the support given by then under a long-term sponsorship programme, "
                "less those a follow-up by then recorded as ended. Unlike «Child supports "
                "given», which counts the support given in the quarter."
            ),
        ),
        "scholarships": (
            (
                "Phát sinh trong quý. Số suất học bổng, hỗ trợ học tập ghi trong các lần hỗ trợ "
                "trao trong quý theo các chương trình lĩnh vực «Học bổng, hỗ trợ học tập», ở mọi "
                "xã, phường."
            ),
            (
                "Flow within the quarter. Scholarships and learning-support grants in the "
                "support given in the quarter under programmes of the kind «Scholarships, "
                "learning support», in every commune and ward."
            ),
        ),
    }
)
