"""Reference lists every record cites: ethnic groups, directives, programmes."""

from __future__ import annotations

import datetime

from simple_history.utils import bulk_create_with_history

from borderwork.demo.geography import World
from borderwork.demo.names import ETHNIC_GROUPS, MAJORITY
from communes.models import Directive, EthnicGroup
from programmes.models import OutputUnit, Programme, ProgrammeKind

# code, title, issuer, issued on
DIRECTIVES = [
    ("68-KL/TW", "Về tiếp tục thực hiện chủ trương tăng cường cán bộ đồn biên phòng tham gia cấp "
     "ủy địa phương ở khu vực biên giới", "Ban Bí thư", datetime.date(2020, 2, 5)),
    ("31-HD/BTCTW", "Hướng dẫn thực hiện Kết luận số 68-KL/TW của Ban Bí thư về tăng cường cán bộ "
     "đồn biên phòng tham gia cấp ủy địa phương ở khu vực biên giới",
     "Ban Tổ chức Trung ương", datetime.date(2020, 7, 1)),
    ("1540-QĐ/TU", "Quy định về trách nhiệm, nhiệm vụ và mối quan hệ công tác của đảng viên Bộ "
     "đội Biên phòng tham gia sinh hoạt tại chi bộ thôn, ấp ở các xã biên giới",
     "Tỉnh ủy Bình Phước", datetime.date(2019, 9, 3)),
    ("10-KH/TU", "Kế hoạch thực hiện chủ trương tăng cường cán bộ đồn biên phòng tham gia cấp ủy "
     "ở các huyện, xã biên giới", "Tỉnh ủy Bình Phước", datetime.date(2020, 12, 9)),
    ("16-NQ/TW", "Về phát triển kinh tế - xã hội các xã biên giới đất liền kết hợp với tăng cường "
     "và củng cố quốc phòng, an ninh, đối ngoại", "Bộ Chính trị", datetime.date(2017, 10, 10)),
    ("20/NQ-CP", "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 16-NQ/TW về phát "
     "triển kinh tế - xã hội các xã biên giới đất liền kết hợp với tăng cường và củng cố quốc "
     "phòng, an ninh, đối ngoại", "Chính phủ", datetime.date(2018, 8, 17)),
    ("01/CT-TTg", "Về việc tổ chức phong trào toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an "
     "ninh biên giới quốc gia trong tình hình mới", "Thủ tướng Chính phủ",
     datetime.date(2015, 1, 9)),
]  # fmt: skip

# slug, name, kind, unit, description
PROGRAMMES = [
    ("mai-am", "Mái ấm cho người nghèo nơi biên giới", ProgrammeKind.HOUSING, OutputUnit.HOUSES,
     "Xây nhà cho hộ nghèo, hộ có hoàn cảnh khó khăn ở khu vực biên giới."),
    ("bo-giong", "Đàn bò vì người nghèo nơi biên giới", ProgrammeKind.LIVELIHOOD,
     OutputUnit.COWS, "Trao bò giống sinh sản; bê con đầu tiên được trao lại cho hộ khác."),
    ("de-giong", "Nuôi dê vì người nghèo", ProgrammeKind.LIVELIHOOD, OutputUnit.GOATS,
     "Trao dê giống, hướng dẫn chăm sóc để hộ nghèo phát triển kinh tế."),
    ("suc-khoe-cong-dong", "Vì sức khỏe cộng đồng", ProgrammeKind.HEALTH, OutputUnit.PEOPLE,
     "Khám bệnh, cấp thuốc miễn phí cho nhân dân khu vực biên giới."),
    ("nang-buoc-em-toi-truong", "Nâng bước em tới trường – Con nuôi đồn Biên phòng",
     ProgrammeKind.EDUCATION, OutputUnit.CHILDREN,
     "Nhận đỡ đầu học sinh nghèo, hỗ trợ 500.000 đồng mỗi tháng cho đến khi học xong."),
    ("nong-thon-moi", "Bộ đội Biên phòng chung sức xây dựng nông thôn mới",
     ProgrammeKind.LIVELIHOOD, OutputUnit.GIFTS,
     "Hỗ trợ ngày công, vật tư làm đường, nhà văn hóa, công trình vệ sinh."),
    ("lop-hoc-bien-gioi", "Lớp học biên giới", ProgrammeKind.EDUCATION, OutputUnit.SESSIONS,
     "Lớp xóa mù chữ, lớp học tình thương do cán bộ đồn đứng lớp."),
    ("dai-phat-thanh-ban-xa", "Đài phát thanh bản xa", ProgrammeKind.PROPAGANDA,
     OutputUnit.SESSIONS, "Phát thanh bằng tiếng dân tộc ở các bản xa trung tâm."),
    ("loa-phong-thanh-bien-gioi", "Loa phóng thanh biên giới", ProgrammeKind.PROPAGANDA,
     OutputUnit.SESSIONS, "Tuyên truyền pháp luật về biên giới qua hệ thống loa ở thôn, bản."),
    ("ca-nuoc-chung-tay", "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
     ProgrammeKind.LIVELIHOOD, OutputUnit.GIFTS,
     "Tặng quà, hỗ trợ sinh kế cho hộ nghèo nhân dịp Tết và khi thiên tai."),
    ("thu-bay-ve-voi-ban", "Thứ Bảy về với bản", ProgrammeKind.HEALTH, OutputUnit.SESSIONS,
     "Cán bộ, chiến sĩ dành ngày thứ Bảy về bản giúp dân khám bệnh, dọn vệ sinh, sản xuất."),
    ("hoc-bong", "Học bổng tiếp sức đến trường cho học sinh nghèo vượt khó",
     ProgrammeKind.SCHOLARSHIP, OutputUnit.SCHOLARSHIPS,
     "Trao học bổng, sách vở, xe đạp cho học sinh nghèo vào đầu năm học và dịp Tết."),
]  # fmt: skip
# The programmes whose children stay sponsored until a follow-up says it ended.
SPONSORSHIPS = {"nang-buoc-em-toi-truong"}


def build_reference(world: World) -> None:
    """Create the 54 ethnic groups, the directives and the programmes."""
    groups = [EthnicGroup(name=name, is_minority=name != MAJORITY) for name in ETHNIC_GROUPS]
    world.ethnic = {g.name: g for g in bulk_create_with_history(groups, EthnicGroup)}
    directives = [
        Directive(code=code, title=title, issuer=issuer, issued_on=issued_on)
        for code, title, issuer, issued_on in DIRECTIVES
    ]
    world.directives = {d.code: d for d in bulk_create_with_history(directives, Directive)}
    programmes = [
        Programme(
            slug=slug,
            name=name,
            kind=kind,
            unit=unit,
            description=description,
            sponsorship=slug in SPONSORSHIPS,
        )
        for slug, name, kind, unit, description in PROGRAMMES
    ]
    world.programmes = {p.slug: p for p in bulk_create_with_history(programmes, Programme)}


def _tiny_pdf() -> bytes:
    """A valid one-page PDF that stands in for a scanned regulation."""
    text = b"BT /F1 16 Tf 72 760 Td (Quy che phoi hop - ban scan mau) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


SCAN_PDF = _tiny_pdf()
