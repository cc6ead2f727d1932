"""The navigation bar by area; each entry is a record list's URL name."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

AREAS = [
    (
        _("Địa bàn"),
        [
            ("communes:commune-list", _("Xã, phường")),
            ("communes:profile-list", _("Hồ sơ xã theo năm")),
            ("communes:committee-list", _("Đảng ủy xã")),
            ("communes:cell-list", _("Chi bộ thôn, ấp, bản")),
            ("communes:cellrating-list", _("Xếp loại chi bộ")),
            ("communes:committeerating-list", _("Xếp loại Đảng ủy")),
        ],
    ),
    (
        _("Cán bộ"),
        [
            ("cadres:officer-list", _("Cán bộ đồn Biên phòng")),
            ("cadres:assignment-list", _("Phân công tham gia hệ thống chính trị")),
            ("cadres:petition-list", _("Kiến nghị của cử tri")),
        ],
    ),
    (
        _("Quy chế"),
        [
            ("communes:regulation-list", _("Quy chế phối hợp")),
            ("communes:review-list", _("Sơ kết, tổng kết quy chế")),
            ("communes:directive-list", _("Văn bản chỉ đạo")),
        ],
    ),
    (
        _("Hỗ trợ"),
        [
            ("programmes:support-list", _("Hỗ trợ")),
            ("programmes:followup-list", _("Theo dõi sau hỗ trợ")),
            ("programmes:programme-list", _("Chương trình")),
        ],
    ),
    (
        _("Tự quản"),
        [
            ("programmes:group-list", _("Tự quản, tổ bảo vệ ANTT, hòa giải")),
            ("programmes:landmark-list", _("Mốc quốc giới")),
        ],
    ),
    (
        _("Dân vận"),
        [
            ("programmes:model-list", _("Mô hình Dân vận khéo")),
            ("programmes:activity-list", _("Hoạt động tuyên truyền, tiếp xúc")),
        ],
    ),
    (
        _("Bồi dưỡng, nguồn"),
        [
            ("cadres:course-list", _("Lớp bồi dưỡng")),
            ("cadres:participant-list", _("Học viên")),
            ("cadres:candidate-list", _("Nguồn cán bộ")),
            ("cadres:admission-list", _("Kết nạp đảng viên")),
        ],
    ),
]


def area_of(url_name: str):
    """The area label a list belongs to, for breadcrumbs."""
    for label, entries in AREAS:
        if any(name == url_name for name, _label in entries):
            return label
    return None


def navigation(request):
    """Context processor: the areas with the lists that exist, for signed-in users."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    areas = []
    for label, entries in AREAS:
        links = []
        for name, entry_label in entries:
            try:
                links.append((entry_label, reverse(name)))
            except NoReverseMatch:
                continue
        if links:
            areas.append((label, links))
    return {"nav_areas": areas}
