"""Demo users, one per role, with a known password."""

from __future__ import annotations

from django.utils.translation import gettext as _

from borderwork.accounts.models import Role, User
from communes.models import Province, Station

DEMO_PASSWORD = "borderwork-demo"  # noqa: S105 (a demo account, printed on purpose)
# username, full name, role, province slug, station slug
DEMO_USERS = [
    ("staff-bp", "Nguyễn Thị Thu Hà", Role.PROVINCE_STAFF, "binh-phuoc", None),
    ("commissar-bp", "Trần Quốc Hưng", Role.COMMISSAR, "binh-phuoc", None),
    ("station-bp", "Lê Minh Tuấn", Role.STATION_STAFF, None, "don-loc-thanh"),
    ("staff-qb", "Phạm Thị Hương", Role.PROVINCE_STAFF, "quang-binh", None),
    ("commissar-qb", "Đặng Văn Sơn", Role.COMMISSAR, "quang-binh", None),
    ("station-qb", "Hồ Văn Khăm", Role.STATION_STAFF, None, "don-cua-khau-quoc-te-cha-lo"),
    ("national", "Vũ Đức Long", Role.NATIONAL, None, None),
    ("admin", "Ngô Thanh Bình", Role.ADMIN, None, None),
]


def ensure_demo_users() -> list[tuple[User, bool]]:
    """Create the demo users that are missing; an existing user is left exactly as it is."""
    result = []
    for username, full_name, role, province, station in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(
                username=username,
                full_name=full_name,
                role=role,
                province=Province.objects.get(slug=province) if province else None,
                station=Station.objects.get(slug=station) if station else None,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        result.append((user, created))
    return result


def users_table(rows: list[tuple[User, bool]]) -> list[str]:
    """The users as lines of an aligned text table."""
    table = [(_("Tên đăng nhập"), _("Mật khẩu"), _("Vai trò"), _("Đơn vị"))]
    for user, created in rows:
        password = DEMO_PASSWORD if created else _("(giữ nguyên)")
        unit = str(user.org_unit) if user.org_unit else "—"
        table.append((user.username, password, user.get_role_display(), unit))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return [line.rstrip() for line in lines]
